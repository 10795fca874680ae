"""Reading and writing the pabulib ``.pb`` format.

A file has three sections, each a ``;``-separated table introduced by its name on a line
of its own and a header line: ``META`` (``key;value``), ``PROJECTS`` (``project_id;cost;...``)
and ``VOTES`` (``voter_id;vote;...``, plus ``points`` for cumulative and scoring ballots).
Lists inside a field (votes, points, categories, targets) are comma-separated; ``None``
marks a missing value. Format description: Faliszewski et al., "Participatory Budgeting:
Data, Tools, and Analysis" (arXiv:2305.11035), and pabulib.org.

The reader refuses a malformed file with :class:`PabulibError`, naming the line and the
problem; it returns nothing partial.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import numpy as np

from medvirk.algorithms.pb.model import Election, Profile, Project, parse_number
from medvirk.algorithms.pb.options import POINT_VOTE_TYPES, VOTE_TYPES

SECTIONS = ("meta", "projects", "votes")
_MARKER = re.compile(r"^[ \t]*(meta|projects|votes)[ \t;]*\r?$", re.IGNORECASE | re.MULTILINE)


class PabulibError(ValueError):
    """A malformed pabulib file: carries the 1-based line number and what is wrong."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


def _is_missing(value: str) -> bool:
    return value == "" or value.lower() == "none"


def _missing_values(column: list[str]) -> set[str]:
    """The distinct values of a column that stand for a missing value."""
    return {value for value in set(column) if len(value) <= 4 and _is_missing(value)}


def _rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, stripped fields) for every non-blank row."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    for row in reader:
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        yield reader.line_num, [cell.strip() for cell in row]


class _Reader:
    """One pass over the rows of a file, section by section."""

    def __init__(self, text: str) -> None:
        self.rows = _rows(text)
        self.pending: tuple[int, list[str]] | None = None
        self.last_line = 0

    def next_row(self) -> tuple[int, list[str]] | None:
        if self.pending is not None:
            pending, self.pending = self.pending, None
            return pending
        row = next(self.rows, None)
        if row is not None:
            self.last_line = row[0]
        return row

    def section_rows(self) -> Iterator[tuple[int, list[str]]]:
        """Rows up to (not including) the next section marker."""
        while (row := self.next_row()) is not None:
            if row[1][0].lower() in SECTIONS:
                self.pending = row
                return
            yield row

    def expect_section(self, name: str) -> list[str]:
        """Consume the marker of section ``name`` and return its header fields."""
        row = self.next_row()
        if row is None:
            raise PabulibError(self.last_line + 1, f"missing section {name.upper()}")
        line, cells = row
        if cells[0].lower() != name:
            raise PabulibError(line, f"expected section {name.upper()}, found {cells[0]!r}")
        header = self.next_row()
        if header is None or header[1][0].lower() in SECTIONS:
            raise PabulibError(line + 1, f"section {name.upper()} has no header line")
        return header[1]


def _read_meta(reader: _Reader) -> dict[str, str]:
    meta: dict[str, str] = {}
    line = reader.last_line
    for line, cells in reader.section_rows():
        if len(cells) != 2:
            raise PabulibError(line, f"META rows need 2 fields (key;value), found {len(cells)}")
        meta[cells[0]] = cells[1]
    if "budget" not in meta:
        raise PabulibError(line, "META has no budget")
    if meta.get("vote_type") not in VOTE_TYPES:
        raise PabulibError(
            line, f"META vote_type {meta.get('vote_type')!r} is not one of {', '.join(VOTE_TYPES)}"
        )
    try:
        budget = parse_number(meta["budget"])
    except (ValueError, ZeroDivisionError):
        raise PabulibError(line, f"META budget {meta['budget']!r} is not a number") from None
    if budget < 0:
        raise PabulibError(line, "META budget is negative")
    return meta


def _check_header(header: list[str], required: tuple[str, ...], section: str, line: int) -> None:
    for column in required:
        if column not in header:
            raise PabulibError(line, f"{section} header has no {column!r} column")
    if len(set(header)) != len(header):
        raise PabulibError(line, f"{section} header repeats a column")


def _read_projects(reader: _Reader, header: list[str]) -> list[Project]:
    projects: list[Project] = []
    seen: set[str] = set()
    for line, cells in reader.section_rows():
        if len(cells) != len(header):
            raise PabulibError(line, f"expected {len(header)} fields, found {len(cells)}")
        row = dict(zip(header, cells, strict=True))
        project_id = row.pop("project_id")
        if _is_missing(project_id):
            raise PabulibError(line, "project without project_id")
        if project_id in seen:
            raise PabulibError(line, f"project {project_id!r} appears twice")
        seen.add(project_id)
        try:
            cost = parse_number(row.pop("cost"))
        except (ValueError, ZeroDivisionError):
            raise PabulibError(line, f"cost of project {project_id!r} is not a number") from None
        if cost < 0:
            raise PabulibError(line, f"cost of project {project_id!r} is negative")
        fields = {key: value for key, value in row.items() if not _is_missing(value)}
        projects.append(Project(project_id, cost, fields))
    return projects


def _read_votes(
    reader: _Reader, header: list[str], vote_type: str, index: dict[str, int]
) -> Profile:
    with_points = vote_type in POINT_VOTE_TYPES
    if with_points and "points" not in header:
        raise PabulibError(reader.last_line, f"{vote_type} VOTES need a 'points' column")
    vote_col = header.index("vote")
    id_col = header.index("voter_id")
    points_col = header.index("points") if with_points else -1
    extra_cols = [(i, name) for i, name in enumerate(header) if name not in ("voter_id", "vote")]
    extra_cols = [(i, name) for i, name in extra_cols if i != points_col]
    extra: dict[str, list[str | None]] = {name: [] for _, name in extra_cols}
    voter_ids: list[str] = []
    indptr = [0]
    chosen: list[int] = []
    points: list[float] = []
    width = len(header)
    for line, cells in reader.section_rows():
        if len(cells) != width:
            raise PabulibError(line, f"expected {width} fields, found {len(cells)}")
        voter_ids.append(cells[id_col])
        vote = [] if _is_missing(cells[vote_col]) else cells[vote_col].split(",")
        try:
            ballot = [index[project_id.strip()] for project_id in vote]
        except KeyError as exc:
            raise PabulibError(line, f"vote for unknown project {exc.args[0]!r}") from None
        if len(set(ballot)) != len(ballot):
            raise PabulibError(line, "the same project appears twice in one vote")
        if vote_type == "choose-1" and len(ballot) > 1:
            raise PabulibError(line, "a choose-1 vote names more than one project")
        if with_points:
            raw = [] if _is_missing(cells[points_col]) else cells[points_col].split(",")
            if len(raw) != len(ballot):
                raise PabulibError(line, f"{len(ballot)} projects but {len(raw)} points")
            try:
                points.extend(float(value) for value in raw)
            except ValueError:
                raise PabulibError(line, "points are not numbers") from None
        chosen.extend(ballot)
        indptr.append(len(chosen))
        for i, name in extra_cols:
            extra[name].append(None if _is_missing(cells[i]) else cells[i])
    return Profile(
        vote_type=vote_type,
        voter_ids=voter_ids,
        indptr=np.asarray(indptr, dtype=np.int64),
        projects=np.asarray(chosen, dtype=np.int32),
        points=np.asarray(points, dtype=np.float64) if with_points else None,
        columns=header,
        extra=extra,
    )


def _fast_votes(section: str, vote_type: str, index: dict[str, int]) -> Profile | None:
    """Read a VOTES section (header first) column by column, without per-row checks in
    Python; return ``None`` whenever anything looks unusual (quotes, blank or ragged rows,
    unknown or repeated projects, bad points) so that the careful reader can report it."""
    if '"' in section:
        return None
    lines = section.replace("\r\n", "\n").rstrip("\n").split("\n")
    rows = [line.split(";") for line in lines]
    header = [cell.strip() for cell in rows[0]]
    width = len(header)
    if set(map(len, rows)) != {width} or len(set(header)) != width:
        return None
    if "voter_id" not in header or "vote" not in header:
        return None
    columns = (
        {
            name: list(map(str.strip, column))
            for name, column in zip(header, zip(*rows[1:], strict=True), strict=True)
        }
        if len(rows) > 1
        else {name: [] for name in header}
    )
    no_vote = _missing_values(columns["vote"])
    votes = [[] if v in no_vote else v.split(",") for v in columns["vote"]]
    lengths = np.fromiter(map(len, votes), dtype=np.int64, count=len(votes))
    flat = [project_id for vote in votes for project_id in vote]
    try:
        chosen = np.fromiter(map(index.__getitem__, flat), dtype=np.int32, count=len(flat))
    except KeyError:
        stripped = [project_id.strip() for project_id in flat]
        if any(project_id not in index for project_id in stripped):
            return None
        chosen = np.fromiter(map(index.__getitem__, stripped), dtype=np.int32, count=len(flat))
    voters = np.repeat(np.arange(len(votes)), lengths)
    pairs = np.sort(voters.astype(np.int64) * (len(index) + 1) + chosen)
    if (np.diff(pairs) == 0).any() or (vote_type == "choose-1" and (lengths > 1).any()):
        return None
    points = None
    if vote_type in POINT_VOTE_TYPES:
        if "points" not in columns:
            return None
        no_points = _missing_values(columns["points"])
        raw = [[] if v in no_points else v.split(",") for v in columns["points"]]
        if list(map(len, raw)) != lengths.tolist():
            return None
        try:
            points = np.array([float(x) for entry in raw for x in entry], dtype=np.float64)
        except ValueError:
            return None
    skip = {"voter_id", "vote"} | ({"points"} if points is not None else set())
    extra = {
        name: [None if v in gaps else v for v in column]
        for name, column in columns.items()
        if name not in skip
        for gaps in [_missing_values(column)]
    }
    return Profile(
        vote_type=vote_type,
        voter_ids=columns["voter_id"],
        indptr=np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64),
        projects=chosen,
        points=points,
        columns=header,
        extra=extra,
    )


def _split_votes(text: str) -> tuple[str, str]:
    """Split off the VOTES section: (text before its marker, the text after the marker).

    Returns the whole text and an empty section unless the last section marker is VOTES.
    """
    markers = list(_MARKER.finditer(text))
    if not markers or markers[-1].group(1).lower() != "votes":
        return text, ""
    last = markers[-1]
    return text[: last.start()], text[last.end() :].lstrip("\r\n")


def parse_pabulib(text: str) -> Election:
    """Parse the text of a ``.pb`` file; raise :class:`PabulibError` if it is malformed.

    Large VOTES sections are read column-wise (see ``_fast_votes``); anything unusual
    falls back to the row-by-row reader, which names the offending line.
    """
    text = text.removeprefix("\ufeff")
    head, votes = _split_votes(text)
    if votes.strip():
        reader = _Reader(head)
        reader.expect_section("meta")
        meta = _read_meta(reader)
        header = reader.expect_section("projects")
        _check_header(header, ("project_id", "cost"), "PROJECTS", reader.last_line)
        projects = _read_projects(reader, header)
        index = {project.project_id: i for i, project in enumerate(projects)}
        if reader.next_row() is not None:
            return _parse_rows(text)
        profile = _fast_votes(votes, meta["vote_type"], index)
        if profile is not None:
            return Election(meta, projects, header, profile)
    return _parse_rows(text)


def _parse_rows(text: str) -> Election:
    """The careful, row-by-row reader."""
    reader = _Reader(text)
    reader.expect_section("meta")
    meta = _read_meta(reader)
    project_header = reader.expect_section("projects")
    _check_header(project_header, ("project_id", "cost"), "PROJECTS", reader.last_line)
    projects = _read_projects(reader, project_header)
    vote_header = reader.expect_section("votes")
    _check_header(vote_header, ("voter_id", "vote"), "VOTES", reader.last_line)
    index = {project.project_id: i for i, project in enumerate(projects)}
    profile = _read_votes(reader, vote_header, meta["vote_type"], index)
    row = reader.next_row()
    if row is not None:
        raise PabulibError(row[0], f"unexpected section {row[1][0]!r} after VOTES")
    return Election(meta, projects, project_header, profile)


def read_pabulib(path: str | Path) -> Election:
    """Read a ``.pb`` file (UTF-8, with or without byte-order mark)."""
    return parse_pabulib(Path(path).read_text(encoding="utf-8-sig"))


def format_number(value: Fraction | float) -> str:
    """Write a number the way pabulib files do: an integer without decimals when whole."""
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        decimal = float(value)
        if Fraction(repr(decimal)) == value:
            return repr(decimal)
        return f"{value.numerator}/{value.denominator}"
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def election_as_pabulib(election: Election) -> str:
    """The ``.pb`` text of an election; reading it back gives an equal election."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(["META"])
    writer.writerow(["key", "value"])
    writer.writerows(election.meta.items())
    writer.writerow(["PROJECTS"])
    writer.writerow(election.project_columns)
    for project in election.projects:
        values = {"project_id": project.project_id, "cost": format_number(project.cost)}
        writer.writerow(
            [values.get(col) or project.fields.get(col, "None") for col in election.project_columns]
        )
    profile = election.profile
    writer.writerow(["VOTES"])
    writer.writerow(profile.columns)
    ids = [project.project_id for project in election.projects]
    for voter, voter_id in enumerate(profile.voter_ids):
        start, end = int(profile.indptr[voter]), int(profile.indptr[voter + 1])
        values = {
            "voter_id": voter_id,
            "vote": ",".join(ids[p] for p in profile.projects[start:end]),
        }
        if profile.points is not None:
            values["points"] = ",".join(format_number(x) for x in profile.points[start:end])
        row = []
        for column in profile.columns:
            value = values.get(column) if column in values else profile.extra[column][voter]
            row.append("None" if value is None else value)
        writer.writerow(row)
    return out.getvalue()


def write_pabulib(election: Election, path: str | Path) -> None:
    """Write an election to a ``.pb`` file (UTF-8)."""
    Path(path).write_text(election_as_pabulib(election), encoding="utf-8")
