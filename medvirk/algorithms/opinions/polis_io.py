"""Read a conversation in Polis' export format (``comments.csv``, ``votes.csv``,
``participants-votes.csv``, ``summary.csv``), as published by compdemocracy/openData.

``votes.csv`` (with timestamps) is preferred; where it is absent the final vote matrix of
``participants-votes.csv`` is read instead, with every time set to 0. Malformed files
raise :class:`PolisFormatError` with the file and line.
"""

from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from medvirk.algorithms.opinions.model import (
    Conversation,
    InvalidVotesError,
    Rules,
    Statement,
    Votes,
)

FIXED_MATRIX_COLUMNS = (
    "participant",
    "xid",
    "group-id",
    "n-comments",
    "n-votes",
    "n-agree",
    "n-disagree",
)


class PolisFormatError(InvalidVotesError):
    """A file of a Polis export is missing or malformed."""


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    if not path.is_file():
        raise PolisFormatError(f"{path.name} not found in {path.parent}")
    with path.open(newline="", encoding="utf-8") as handle:
        yield from enumerate(csv.DictReader(handle), start=2)


def _int(path: Path, line: int, row: dict[str, str], column: str) -> int:
    value = row.get(column)
    try:
        return int(str(value).strip())
    except ValueError:
        raise PolisFormatError(
            f"{path.name} line {line}: column {column!r} is {value!r}, not an integer"
        ) from None


def read_statements(folder: Path) -> dict[int, Statement]:
    """Statements of ``comments.csv`` with their moderation state and meta flag."""
    path = folder / "comments.csv"
    statements = {}
    for line, row in _rows(path):
        statement_id = _int(path, line, row, "comment-id")
        statements[statement_id] = Statement(
            statement_id=statement_id,
            text=row.get("comment-body") or "",
            moderated=_int(path, line, row, "moderated") if row.get("moderated") else 0,
            is_meta=(row.get("is-meta") or "").strip().lower() == "true",
        )
    return statements


def read_votes(folder: Path) -> Votes:
    """All votes of ``votes.csv`` in file order, or the final matrix when it is absent."""
    path = folder / "votes.csv"
    if not path.is_file():
        return read_final_matrix(folder)
    rows = [
        (
            _int(path, line, row, "voter-id"),
            _int(path, line, row, "comment-id"),
            _int(path, line, row, "vote"),
            _int(path, line, row, "timestamp"),
        )
        for line, row in _rows(path)
    ]
    return Votes.from_rows(rows)


def read_final_matrix(folder: Path) -> Votes:
    """The non-empty cells of ``participants-votes.csv`` as votes at time 0."""
    path = folder / "participants-votes.csv"
    if not path.is_file():
        raise PolisFormatError(f"{path.name} not found in {path.parent}")
    with path.open(newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    columns = [i for i, name in enumerate(header) if name not in FIXED_MATRIX_COLUMNS]
    try:
        statement_ids = np.array([int(header[i]) for i in columns], dtype=np.int64)
    except ValueError:
        raise PolisFormatError(
            f"{path.name}: a column is neither known nor a statement id"
        ) from None
    if "participant" not in header or any(len(row) != len(header) for row in rows):
        raise PolisFormatError(f"{path.name}: rows must have the header's {len(header)} cells")
    cells = np.array(rows, dtype=str).reshape(len(rows), len(header))
    votes = cells[:, columns]
    cast = np.char.strip(votes) != ""
    row_index, column_index = np.nonzero(cast)
    try:
        participants = cells[:, header.index("participant")].astype(np.int64)
        values = votes[cast].astype(np.int64)
    except ValueError:
        raise PolisFormatError(
            f"{path.name}: a participant or vote cell is not an integer"
        ) from None
    return Votes(
        participants[row_index],
        statement_ids[column_index],
        values,
        np.zeros(len(values), dtype=np.int64),
    )


def read_polis_groups(folder: Path) -> dict[int, int]:
    """Polis' own group of each grouped participant (``group-id`` of the matrix file)."""
    path = folder / "participants-votes.csv"
    return {
        _int(path, line, row, "participant"): _int(path, line, row, "group-id")
        for line, row in _rows(path)
        if (row.get("group-id") or "").strip()
    }


def read_topic(folder: Path) -> str:
    """The ``topic`` line of ``summary.csv``, or the folder name."""
    path = folder / "summary.csv"
    if path.is_file():
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.reader(handle):
                if len(row) >= 2 and row[0] == "topic":
                    return row[1]
    return folder.name


def read_conversation(folder: Path | str, background: Iterable[int] = ()) -> Conversation:
    """Votes, statements and topic of one exported conversation; ``background`` marks
    statements as background (meta) statements, which Polis' export does not say."""
    folder = Path(folder)
    if not folder.is_dir():
        raise PolisFormatError(f"{folder} is not a folder")
    conversation = Conversation(
        votes=read_votes(folder), statements=read_statements(folder), topic=read_topic(folder)
    )
    background = list(background)
    return conversation.with_background(background) if background else conversation


def date_ms(text: str) -> int:
    """Milliseconds since 1970 (UTC) of an ISO date such as ``2018-01-01``."""
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise InvalidVotesError(f"{text!r} is not a date such as 2018-01-01") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return int(moment.timestamp() * 1000)


def read_export_settings(path: Path, name: str) -> tuple[list[int], Rules]:
    """The background statements and rules that a settings file lists for the exported
    conversation ``name``: what Polis knew but its export leaves out. The file is JSON,
    ``{"conversations": {name: {"background": [ids], "rules": {"min_votes": 1,
    "imputation": "zero", "all_voters_before": "2018-01-01"}}}}``; an unlisted
    conversation has no background statements and Polis' current rules."""
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))["conversations"].get(name, {})
        rules = dict(entry.get("rules", {}))
        background = [int(i) for i in entry.get("background", [])]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise PolisFormatError(f"{path.name}: not a settings file ({error})") from None
    if "all_voters_before" in rules:
        rules["all_voters_before"] = date_ms(str(rules["all_voters_before"]))
    try:
        return background, Rules(**rules)
    except TypeError as error:
        raise PolisFormatError(f"{path.name}: {name}: {error}") from None
