"""``medvirk opinions analyze`` and the SVG plot."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from medvirk.algorithms.opinions.tests.conftest import two_camps, write_polis_folder
from medvirk.cli import main

SVG = "{http://www.w3.org/2000/svg}"


def test_summary_lists_groups_and_statements(
    camps_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The plain output names the topic, both groups and the consensus statement."""
    assert main(["opinions", "analyze", str(camps_folder)]) == 0
    out = capsys.readouterr().out
    assert "Two camps" in out and "Group A (20 participants)" in out and "Group B" in out
    assert "Statement 9" in out


def test_json_output(camps_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--json (here with seeded restarts) prints one JSON document with two groups."""
    assert (
        main(["opinions", "analyze", str(camps_folder), "--json", "--seed", "1", "--restarts", "3"])
        == 0
    )
    document = json.loads(capsys.readouterr().out)
    assert document["status"] == "ok" and len(document["groups"]) == 2


def test_replay_flag(camps_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--replay maps the history update by update and says how many updates ran."""
    assert main(["opinions", "analyze", str(camps_folder), "--replay", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["updates"] >= 1


def test_plot_is_svg_with_one_mark_per_participant_and_group(
    camps_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--plot writes well-formed SVG: one participant dot each, one marker per group."""
    target = tmp_path / "map.svg"
    assert main(["opinions", "analyze", str(camps_folder), "--plot", str(target)]) == 0
    root = ET.parse(target).getroot()
    assert root.tag == f"{SVG}svg"
    dots = [c for c in root.iter(f"{SVG}circle") if c.get("class") == "participant"]
    groups = [g for g in root.iter(f"{SVG}g") if g.get("class") == "group"]
    assert (len(dots), len(groups)) == (40, 2)
    assert not [t for t in root.iter(f"{SVG}text") if t.get("class") == "background"]


def test_plot_legend_names_each_groups_distinctive_background_statement(
    camps_folder: Path, tmp_path: Path
) -> None:
    """With statement 0 as background (camp 0 agrees, camp 1 disagrees or passes), each
    group's legend gives its share agreeing against the other group's."""
    target = tmp_path / "map.svg"
    argv = ["opinions", "analyze", str(camps_folder), "--background", "0", "--plot", str(target)]
    assert main(argv) == 0
    lines = sorted(
        t.text or ""
        for t in ET.parse(target).getroot().iter(f"{SVG}text")
        if t.get("class") == "background"
    )
    assert lines == [
        "Background: 0% agree (others 100%), #0:",
        "Background: 100% agree (others 0%), #0:",
    ]


def test_plot_of_too_little_data_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With three participants the command reports not enough data and the SVG says so."""
    folder = write_polis_folder(tmp_path / "tiny", two_camps(per_camp=1))
    target = tmp_path / "tiny.svg"
    assert main(["opinions", "analyze", str(folder), "--plot", str(target)]) == 0
    assert "not enough data" in capsys.readouterr().out
    assert "Not enough data" in target.read_text()


def test_bad_votes_exit_2_with_message(
    camps_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A vote of 5 and a vote on an unknown statement are reported on stderr, exit 2."""
    votes = camps_folder / "votes.csv"
    original = votes.read_text()
    votes.write_text(original + "1,,2,1,5\n")
    assert main(["opinions", "analyze", str(camps_folder)]) == 2
    assert "outside {-1, 0, 1}" in capsys.readouterr().err
    votes.write_text(original + "1,,77,1,1\n")
    assert main(["opinions", "analyze", str(camps_folder)]) == 2
    assert "unknown statement ids: 77" in capsys.readouterr().err


def test_missing_folder_and_png_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder that does not exist, or a plot file that is not .svg: exit 2, no traceback."""
    assert main(["opinions", "analyze", str(tmp_path / "nope")]) == 2
    assert "is not a folder" in capsys.readouterr().err
    assert main(["opinions", "analyze", str(tmp_path), "--plot", "map.png"]) == 2
    assert "SVG" in capsys.readouterr().err


def test_background_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--background marks statements as background: the summary reports each group's
    share agreeing with them, and the JSON their counts."""
    folder = write_polis_folder(tmp_path / "camps", two_camps())
    assert main(["opinions", "analyze", str(folder), "--background", "0-1,9"]) == 0
    out = capsys.readouterr().out
    assert "Background statements (share agreeing in each group)" in out
    assert "40 participants, 7 statements" in out
    assert main(["opinions", "analyze", str(folder), "--background", "9", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [b["statement_id"] for b in document["background"]] == [9]
    # Everyone agrees with statement 9 except participants 4, 14, 24 and 34, who pass.
    assert sum(document["background"][0]["agree"]) == 36
    assert sum(document["background"][0]["passed"]) == 4


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1-x", "'1-x' is not a statement id or a range such as 1-14"),
        ("5-2", "'5-2' is not a range from low to high"),
        ("42", "background statement ids not among the statements: 42"),
    ],
)
def test_bad_background_option_is_a_clear_error(
    camps_folder: Path, capsys: pytest.CaptureFixture[str], value: str, message: str
) -> None:
    """A malformed list or an unknown statement id ends with exit code 2 and says why."""
    with pytest.raises(SystemExit) as raised:
        code = main(["opinions", "analyze", str(camps_folder), "--background", value])
        raise SystemExit(code)
    assert raised.value.code == 2
    assert message in capsys.readouterr().err


def test_settings_and_rule_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--settings applies what a settings file lists for the folder's conversation
    (here statement 9 as background); --min-votes, --imputation and --all-voters-before
    change the rules; all show in the JSON map."""
    folder = write_polis_folder(tmp_path / "camps", two_camps())
    settings = tmp_path / "settings.json"
    settings.write_text('{"conversations": {"camps": {"background": [9]}}}')
    argv = ["opinions", "analyze", str(folder), "--json", "--settings", str(settings)]
    assert main(argv) == 0
    document = json.loads(capsys.readouterr().out)
    assert [b["statement_id"] for b in document["background"]] == [9]
    assert document["n_statements"] == 9
    options = ["--min-votes", "3", "--imputation", "zero", "--all-voters-before", "2020-01-01"]
    assert main([*argv, *options]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["status"] == "ok" and len(document["groups"]) == 2


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--min-votes", "0"], "min_votes must be at least 1, not 0"),
        (["--all-voters-before", "2018-13-01"], "'2018-13-01' is not a date such as 2018-01-01"),
        (["--settings", "missing.json"], "missing.json: not a settings file"),
    ],
)
def test_bad_rule_options_are_clear_errors(
    camps_folder: Path, capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    """Bad rules or a missing settings file end with exit code 2 and say why."""
    assert main(["opinions", "analyze", str(camps_folder), *options]) == 2
    assert message in capsys.readouterr().err


def test_an_algorithm_command_registers_only_its_own_module() -> None:
    """``medvirk opinions ...`` (or any algorithm family) builds a parser with that
    family alone; anything else gets every command, as ``medvirk --help`` lists them."""
    import argparse

    from medvirk.cli import ALGORITHM_COMMANDS, build_parser

    def registered(parser: argparse.ArgumentParser) -> set[str]:
        (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        return set(sub.choices)

    everything = registered(build_parser())
    assert {name for name, _module in ALGORITHM_COMMANDS} | {"demo", "serve"} <= everything
    for name, _module in ALGORITHM_COMMANDS:
        assert registered(build_parser([name, "--help"])) == {name}
    assert registered(build_parser(["serve"])) == everything
    assert registered(build_parser(["--help"])) == everything


def test_analyze_starts_without_heavy_imports(tmp_path: Path) -> None:
    """``medvirk opinions analyze DIR --json`` imports neither Django nor the platform
    commands nor scipy, pandas or scikit-learn (here with more statements than the
    dense eigenproblem's limit, which uses scipy.linalg), and gives the same map."""
    import subprocess
    import sys

    from medvirk.algorithms.opinions.model import Conversation, Statement, Votes
    from medvirk.algorithms.opinions.pca import DIRECT_LIMIT

    n_statements = DIRECT_LIMIT + 20
    rows = [
        (p, s, 1 if (s % 2) == (p % 2) else -1, 1000 * p + s)
        for p in range(40)
        for s in range(n_statements)
        if (p + s) % 7
    ]
    statements = {s: Statement(s, f"Statement {s}", 1) for s in range(n_statements)}
    folder = write_polis_folder(
        tmp_path / "wide", Conversation(Votes.from_rows(rows), statements, "Wide")
    )
    script = (
        "import contextlib, io, json, sys\n"
        "from medvirk.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    code = main(['opinions', 'analyze', {str(folder)!r}, '--json'])\n"
        "heavy = ('scipy', 'pandas', 'sklearn', 'django', 'medvirk.core', 'medvirk.indicators')\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(heavy))\n"
        "print(json.dumps({'code': code, 'loaded': loaded, 'map': json.loads(out.getvalue())}))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    report = json.loads(completed.stdout)
    assert report["code"] == 0 and report["loaded"] == []
    assert report["map"]["status"] == "ok" and len(report["map"]["groups"]) == 2
