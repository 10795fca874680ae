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
