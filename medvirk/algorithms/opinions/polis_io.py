"""Read a conversation in Polis' export format (``comments.csv``, ``votes.csv``,
``participants-votes.csv``, ``summary.csv``), as published by compdemocracy/openData.

``votes.csv`` (with timestamps) is preferred; where it is absent the final vote matrix of
``participants-votes.csv`` is read instead, with every time set to 0. Malformed files
raise :class:`PolisFormatError` with the file and line.

The vote files are parsed in bulk with numpy on the raw bytes (:func:`_integer_columns`)
when they are plain: no quotes, lone carriage returns or blank lines, the same number of
cells on every line, and every cell read an integer of digits with an optional minus
sign. Anything else (and every malformed file) goes through the ``csv`` module, cell by
cell, which gives the same arrays and reports the line of the first bad cell.
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


VOTE_COLUMNS = ("voter-id", "comment-id", "vote", "timestamp")
MAX_DIGITS = 18  # any integer of up to 18 digits fits in int64


CHUNK_BYTES = 1 << 22  # the bulk reader works through the file in lines of about 4 MB


def _parse_integers(body: np.ndarray, ends: np.ndarray) -> np.ndarray | None:
    """The integers of the non-empty cells that end (at a delimiter) at ``ends``, read
    backwards to the delimiter before them; None when one is not an optional minus sign
    followed by 1 to ``MAX_DIGITS`` digits."""
    values = np.zeros(len(ends), dtype=np.int64)
    position = ends - 1
    active = np.arange(len(ends))
    scale = 1
    for _ in range(MAX_DIGITS):
        digits = body[position[active]].astype(np.int64) - ord("0")
        is_digit = (digits >= 0) & (digits <= 9)
        values[active[is_digit]] += digits[is_digit] * scale
        position[active[is_digit]] -= 1
        active = active[is_digit]
        scale *= 10
        if not len(active):
            break
    last = body[position[active]]
    if np.any((last >= ord("0")) & (last <= ord("9"))):
        return None  # more digits than an int64 surely holds
    before = body[position]
    negative = before == ord("-")
    position[negative] -= 1
    delimiter = (body[position] == ord(",")) | (body[position] == ord("\n"))
    if (
        not delimiter.all()
        or np.any(position == ends - 1)
        or np.any(negative & (position == ends - 2))
    ):
        return None  # a character other than digits, or a lone minus sign
    return np.where(negative, -values, values)


class Cells:
    """The non-empty cells of some columns of a CSV file, in file order: their line
    (0 for the first after the header), their column (index into the columns asked
    for) and their integer value; ``n_rows`` lines in all."""

    def __init__(
        self, n_rows: int, rows: np.ndarray, columns: np.ndarray, values: np.ndarray
    ) -> None:
        self.n_rows, self.rows, self.columns, self.values = n_rows, rows, columns, values

    def column(self, index: int) -> tuple[np.ndarray, np.ndarray]:
        """The lines with a value in column ``index`` and those values."""
        mask = self.columns == index
        return self.rows[mask], self.values[mask]


def _integer_columns(path: Path, columns: Iterable[str]) -> Cells | None:
    """Parse the named ``columns`` of a plain CSV file in bulk, a few megabytes of lines
    at a time, parsing only the non-empty cells. None when the file is not plain (see
    the module docstring) or lacks one of the columns: the caller then reads it with the
    ``csv`` module."""
    data = path.read_bytes()
    if b'"' in data:
        return None
    if b"\r" in data:
        if data.count(b"\r") != data.count(b"\r\n"):
            return None
        data = data.replace(b"\r\n", b"\n")
    if not data.endswith(b"\n"):
        data += b"\n"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    header_end = data.index(b"\n")
    header = data[:header_end].decode("utf-8").split(",")
    columns = list(columns)
    if len(set(header)) != len(header) or not set(columns) <= set(header):
        return None
    wanted = np.full(len(header), -1, dtype=np.int64)
    wanted[[header.index(name) for name in columns]] = np.arange(len(columns))
    width = len(header)
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    n_rows = 0
    start = header_end + 1
    while start < len(data):
        stop = data.find(b"\n", min(start + CHUNK_BYTES, len(data) - 1)) + 1
        # From the newline before the lines: every cell then follows a delimiter.
        body = np.frombuffer(data, dtype=np.uint8, count=stop - start + 1, offset=start - 1)
        is_delimiter = (body == ord(",")) | (body == ord("\n"))
        count = np.cumsum(is_delimiter, dtype=np.int64)
        line_ends = np.flatnonzero(body == ord("\n"))[1:]
        n_lines = len(line_ends)
        # Each line holds exactly ``width`` cells.
        if count[-1] != n_lines * width + 1 or np.any(
            count[line_ends] != width * np.arange(1, n_lines + 1) + 1
        ):
            return None
        filled_end = is_delimiter.copy()
        filled_end[1:] &= ~is_delimiter[:-1]
        filled_end[0] = False
        ends = np.flatnonzero(filled_end)
        cell = count[ends] - 2  # cells counted from the first line's first
        rows, cols = np.divmod(cell, width)
        cols = wanted[cols]
        keep = cols >= 0
        ends, rows, cols = ends[keep], rows[keep], cols[keep]
        values = _parse_integers(body, ends)
        if values is None:
            return None
        parts.append((rows + n_rows, cols, values))
        n_rows += n_lines
        start = stop
    if not parts:
        parts.append((np.empty(0, dtype=np.int64),) * 3)
    return Cells(n_rows, *(np.concatenate([part[i] for part in parts]) for i in range(3)))


def read_votes(folder: Path) -> Votes:
    """All votes of ``votes.csv`` in file order, or the final matrix when it is absent."""
    path = folder / "votes.csv"
    if not path.is_file():
        return read_final_matrix(folder)
    cells = _integer_columns(path, VOTE_COLUMNS)
    if cells is not None and len(cells.values) == cells.n_rows * len(VOTE_COLUMNS):
        table = np.empty((cells.n_rows, len(VOTE_COLUMNS)), dtype=np.int64)
        table[cells.rows, cells.columns] = cells.values
        return Votes(*(table[:, index].copy() for index in range(len(VOTE_COLUMNS))))
    return _read_votes_csv(path)


def _read_votes_csv(path: Path) -> Votes:
    """``votes.csv`` read row by row with the ``csv`` module."""
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


def _statement_columns(header: list[str]) -> list[str]:
    return [name for name in header if name not in FIXED_MATRIX_COLUMNS]


def read_final_matrix(folder: Path) -> Votes:
    """The non-empty cells of ``participants-votes.csv`` as votes at time 0."""
    path = folder / "participants-votes.csv"
    if not path.is_file():
        raise PolisFormatError(f"{path.name} not found in {path.parent}")
    with path.open(newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle), [])
    names = _statement_columns(header)
    if all(name.isascii() and name.isdigit() for name in names):
        cells = _integer_columns(path, ["participant", *names])
        if cells is not None:
            lines, participants = cells.column(0)
            if len(lines) == cells.n_rows:
                cast = cells.columns > 0
                statement_ids = np.array([0, *(int(name) for name in names)], dtype=np.int64)
                return Votes(
                    participants[cells.rows[cast]],
                    statement_ids[cells.columns[cast]],
                    cells.values[cast],
                    np.zeros(int(cast.sum()), dtype=np.int64),
                )
    return _read_final_matrix_csv(path)


def _read_final_matrix_csv(path: Path) -> Votes:
    """``participants-votes.csv`` read with the ``csv`` module."""
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
    cells = _integer_columns(path, ["participant", "group-id"]) if path.is_file() else None
    if cells is not None:
        participant = np.full(cells.n_rows, -1, dtype=np.int64)
        known = np.zeros(cells.n_rows, dtype=bool)
        lines, values = cells.column(0)
        participant[lines], known[lines] = values, True
        grouped, groups = cells.column(1)
        if known[grouped].all():
            return dict(zip(participant[grouped].tolist(), groups.tolist(), strict=True))
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
