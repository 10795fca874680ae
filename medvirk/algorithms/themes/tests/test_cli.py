"""The ``medvirk insight`` commands, run through the top-level parser."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from medvirk.cli import main


def test_themes_prints_themes_with_members_and_quotes(
    hearing_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The text output names each theme with its members and verbatim quotes."""
    code = main(["insight", "themes", str(hearing_csv), "--id-column", "id", "--themes", "4"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("33 inputs, 29 analysed in 4 themes (lsa)")
    assert "Theme 4:" in out and "members: " in out
    assert "[x1] the text is empty" in out


def test_themes_json_holds_the_full_result(
    hearing_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--json prints the Analysis as JSON, facets included when asked for."""
    code = main(
        [
            "insight",
            "themes",
            str(hearing_csv),
            "--id-column",
            "id",
            "--json",
            "--facet-column",
            "district",
        ]
    )
    result = json.loads(capsys.readouterr().out)
    assert code == 0
    assert result["n_items"] == 33
    assert "district" in result["themes"][0]["facet_shares"]


def test_evaluate_prints_nmi_and_ari(hearing_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Evaluation against the fixture's topic column reports both scores."""
    code = main(["insight", "evaluate", str(hearing_csv), "--label-column", "topic"])
    out = capsys.readouterr().out
    assert code == 0
    assert "NMI: " in out and "ARI: " in out and "themes: " in out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--text-column", "tekst"], "no text column 'tekst'"),
        (["--themes", "0"], "n_themes must be at least 1"),
        (["--backend", "embedding"], "no local embedding model"),
    ],
)
def test_bad_input_gives_a_message_and_exit_code_2(
    hearing_csv: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    arguments: list[str],
    message: str,
) -> None:
    """Errors go to stderr with exit code 2, never as a traceback."""
    monkeypatch.delenv("MEDVIRK_EMBEDDING_MODEL", raising=False)
    code = main(["insight", "themes", str(hearing_csv), *arguments])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and "Traceback" not in err


def test_insight_without_subcommand_prints_usage(capsys: pytest.CaptureFixture[str]) -> None:
    """Bare ``medvirk insight`` lists its sub-commands and exits with 2."""
    assert main(["insight"]) == 2
    assert "themes" in capsys.readouterr().out


def test_command_module_imports_no_numerical_library() -> None:
    """``medvirk --help`` stays fast: the command module pulls in neither numpy nor scipy."""
    code = (
        "import sys, medvirk.algorithms.themes.cli\n"
        "print(sorted(m for m in ('numpy', 'scipy') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "[]"
