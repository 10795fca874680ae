"""Build a pabulib election from two CSV files: one of projects, one of ballots.

Projects CSV: a header with at least ``project_id`` and ``cost``; every other column
(``name``, ``category``, ``target``, ``score``, ...) is kept as a project field. Ballots
CSV: a header with at least ``voter_id`` and ``vote`` (project ids separated by commas,
in ranking order for ordinal ballots), plus ``points`` for cumulative and scoring
ballots; other columns (``age``, ``sex``, ...) are kept. The CSV delimiter is detected
(comma or semicolon). The result goes through the pabulib reader, so the same checks
and line-numbered errors apply.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from medvirk.algorithms.pb.model import Election
from medvirk.algorithms.pb.pabulib import PabulibError, parse_pabulib


def _read_csv(path: Path) -> list[list[str]]:
    text = path.read_text(encoding="utf-8-sig")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) if row]


def _table(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\n").writerows(rows)
    return out.getvalue()


def election_from_csv(
    projects_csv: str | Path,
    ballots_csv: str | Path,
    budget: str,
    vote_type: str = "approval",
    meta: dict[str, str] | None = None,
) -> Election:
    """Build an election from a projects CSV and a ballots CSV.

    Raises :class:`ValueError` naming the CSV file and line when an input is malformed.
    """
    projects = _read_csv(Path(projects_csv))
    ballots = _read_csv(Path(ballots_csv))
    meta_rows: list[list[str]] = [["key", "value"], *([k, v] for k, v in (meta or {}).items())]
    meta_rows += [
        ["num_projects", str(max(len(projects) - 1, 0))],
        ["num_votes", str(max(len(ballots) - 1, 0))],
        ["budget", budget],
        ["vote_type", vote_type],
    ]
    sections: list[tuple[str, list[list[str]]]] = [
        ("META", meta_rows),
        ("PROJECTS", projects),
        ("VOTES", ballots),
    ]
    text = "".join(f"{name}\n{_table(rows)}" for name, rows in sections)
    try:
        return parse_pabulib(text)
    except PabulibError as error:
        raise ValueError(_locate(error, sections, projects_csv, ballots_csv)) from None


def _locate(
    error: PabulibError,
    sections: list[tuple[str, list[list[str]]]],
    projects_csv: str | Path,
    ballots_csv: str | Path,
) -> str:
    """Translate a line of the assembled text back to the CSV file and line it came from."""
    line = error.line
    names = {"META": "options", "PROJECTS": str(projects_csv), "VOTES": str(ballots_csv)}
    for name, rows in sections:
        if line <= len(rows) + 1:
            return f"{names[name]}, line {max(line - 1, 1)}: {error.message}"
        line -= len(rows) + 1
    return f"{names['VOTES']}: {error.message}"
