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


_MARKER_BYTES = re.compile(rb"^[ \t]*(meta|projects|votes)[ \t;]*$", re.IGNORECASE | re.MULTILINE)
_SECTION_BYTES = (b"meta", b"projects", b"votes")
_SPACE_BYTES = np.zeros(256, dtype=bool)
_SPACE_BYTES[[9, 10, 11, 12, 13, 28, 29, 30, 31, 32]] = True
"""ASCII bytes ``str.strip`` removes."""


_START_COARSE = _SPACE_BYTES.copy()
_START_COARSE[[0xC2, 0xE1, 0xE2, 0xE3]] = True
_END_COARSE = _SPACE_BYTES.copy()
_END_COARSE[[*range(0x80, 0x8B), 0x9F, 0xA0, 0xA8, 0xA9, 0xAF]] = True
"""Bytes that may start (end) a character ``str.strip`` removes, for a first quick pass."""


def _loose_start(data: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Whether each field (starting at ``starts``) may begin with a character
    ``str.strip`` removes: an ASCII space, or the first byte of U+0085 or U+00A0
    (``C2 85``, ``C2 A0``) or of a three-byte Unicode space (lead byte E1 to E3)."""
    last = len(data) - 1
    first = data[np.minimum(starts, last)]
    second = data[np.minimum(starts + 1, last)]
    return (
        _SPACE_BYTES[first]
        | ((first == 0xC2) & ((second == 0x85) | (second == 0xA0)))
        | ((first >= 0xE1) & (first <= 0xE3))
    )


def _loose_end(data: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Whether each field (ending before ``ends``) may end with a character ``str.strip``
    removes: an ASCII space, U+0085 or U+00A0, or a three-byte Unicode space (a superset:
    lead byte E1 to E3, middle byte 80, 81 or 9A, last byte one those spaces end with)."""
    byte = [data[np.maximum(ends - k, 0)] for k in (1, 2, 3)]
    middle = byte[1]
    return (
        _SPACE_BYTES[byte[0]]
        | ((byte[1] == 0xC2) & ((byte[0] == 0x85) | (byte[0] == 0xA0)))
        | (
            (byte[2] >= 0xE1)
            & (byte[2] <= 0xE3)
            & ((middle == 0x80) | (middle == 0x81) | (middle == 0x9A))
            & _END_COARSE[byte[0]]
        )
    )


def _list_entries(
    data: np.ndarray,
    starts: np.ndarray,
    ends: np.ndarray,
    missing: list[int],
    commas: np.ndarray,
    line_ends: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Byte ranges of the comma-separated entries of one column (field ``r`` spans
    ``starts[r]:ends[r]``; ``missing`` rows have none): entry starts, entry ends, and the
    number of entries in each row."""
    present = np.ones(len(starts), dtype=bool)
    present[missing] = False
    row = np.searchsorted(line_ends, commas)
    inside = (commas >= starts[row]) & (commas < ends[row]) & present[row]
    commas, row = commas[inside], row[inside]
    entry_starts = np.sort(np.concatenate([starts[present], commas + 1]), kind="stable")
    entry_ends = np.sort(np.concatenate([commas, ends[present]]), kind="stable")
    counts = np.bincount(row, minlength=len(starts)) + present
    return entry_starts, entry_ends, counts


_KEEP_BYTES = np.array(
    [0] + [((1 << (8 * size)) - 1) << (64 - 8 * size) for size in range(1, 9)], dtype=np.uint64
)
"""``_KEEP_BYTES[s]`` keeps the first ``s`` bytes of a big-endian 64-bit word."""


def _byte_words(data: np.ndarray, starts: np.ndarray, ends: np.ndarray, count: int) -> np.ndarray:
    """The byte strings ``data[starts[i]:ends[i]]`` (at most ``8 * count`` bytes each),
    zero-padded and read as ``count`` big-endian 64-bit words each: shape ``(n, count)``."""
    padded = np.concatenate([data, np.zeros(8 * count, dtype=np.uint8)])
    # Every offset of the buffer read as a big-endian 64-bit word (unaligned, no copy).
    words_at = np.ndarray(shape=(len(data) + 1,), dtype=">u8", buffer=padded, strides=(1,))
    sizes = ends - starts
    words = np.empty((len(starts), count), dtype=np.uint64)
    for w in range(count):
        keep = _KEEP_BYTES[np.clip(sizes - 8 * w, 0, 8)]
        words[:, w] = words_at[starts + 8 * w].astype(np.uint64) & keep
    return words


def _mix(words: np.ndarray) -> np.ndarray:
    """One 64-bit key per two-word string (equal strings give equal keys)."""
    return words[:, 0] * np.uint64(0x9E3779B97F4A7C15) ^ words[:, 1]


def _project_indices(
    data: np.ndarray, starts: np.ndarray, ends: np.ndarray, index: dict[str, int]
) -> np.ndarray | None:
    """Project index of every entry, matching bytes against the encoded ids; ``None`` when
    some entry is empty or not exactly an id, or an id is longer than 16 bytes (the caller
    then matches strings)."""
    if len(starts) == 0:
        return np.zeros(0, dtype=np.int32)
    sizes = ends - starts
    ids = [project_id.encode("utf-8") for project_id in index]
    id_sizes = np.array([len(i) for i in ids], dtype=np.int64)
    longest_id = max(map(len, ids), default=0)
    if sizes.min() <= 0 or sizes.max() > 16 or longest_id > 16:
        return None
    joined = np.frombuffer(b"".join(ids), dtype=np.uint8)
    id_ends = np.cumsum(id_sizes)
    count = 1 if sizes.max() <= 8 and longest_id <= 8 else 2
    known = _byte_words(joined, id_ends - id_sizes, id_ends, count)
    words = _byte_words(data, starts, ends, count)
    if count == 1:
        known_keys, keys = known[:, 0], words[:, 0]  # the word is the whole id
    else:
        known_keys, keys = _mix(known), _mix(words)
    order = np.argsort(known_keys)
    sorted_keys = known_keys[order]
    if (np.diff(sorted_keys) == 0).any():
        return None
    found = order[np.minimum(np.searchsorted(sorted_keys, keys), len(order) - 1)]
    if not (known[found] == words).all():
        return None
    positions = np.fromiter(index.values(), dtype=np.int64, count=len(index))
    return positions[found].astype(np.int32)


def _whole_numbers(data: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray | None:
    """The entries as floats when every one is a plain run of at most 15 digits."""
    sizes = ends - starts
    if len(starts) == 0:
        return np.zeros(0, dtype=np.float64)
    width = int(sizes.max())
    if sizes.min() <= 0 or width > 15:
        return None
    values = np.zeros(len(starts), dtype=np.int64)
    for k in range(width):
        valid = k < sizes
        digit = data[np.minimum(starts + k, len(data) - 1)].astype(np.int64) - 48
        if ((digit[valid] < 0) | (digit[valid] > 9)).any():
            return None
        values = np.where(valid, values * 10 + digit, values)
    return values.astype(np.float64)


def _repeats(chosen: np.ndarray, lengths: np.ndarray, num_projects: int) -> bool:
    """Whether some ballot names a project twice (ballots are consecutive runs of
    ``chosen`` with the given lengths): mark (ballot, project) cells in a 0/1 table, or for
    very large files OR the projects' bits per ballot, 64 at a time, and compare the
    number of cells or bits set with the number of entries."""
    if len(chosen) == 0:
        return False
    rows = len(lengths)
    if rows * num_projects <= 1 << 26:
        seen = np.zeros(rows * num_projects, dtype=bool)
        seen[np.repeat(np.arange(rows) * num_projects, lengths) + chosen] = True
        return int(np.count_nonzero(seen)) != len(chosen)
    firsts = (np.cumsum(lengths) - lengths)[lengths > 0]
    bits = np.left_shift(np.uint64(1), (chosen % 64).astype(np.uint64))
    word = chosen // 64
    distinct = 0
    for w in range((num_projects + 63) // 64):
        ored = np.bitwise_or.reduceat(np.where(word == w, bits, np.uint64(0)), firsts)
        distinct += int(np.bitwise_count(ored).sum())
    return distinct != len(chosen)


def _fast_votes(file: bytes, begin: int, vote_type: str, index: dict[str, int]) -> Profile | None:
    """Read the VOTES section starting at offset ``begin`` of the file's bytes (header line
    first, ``\n`` line ends, up to the end) column by column with numpy, without per-row
    checks in Python; return ``None`` whenever anything looks unusual (quotes, blank or
    ragged rows, a section marker, unknown or repeated projects, bad points) so that the
    careful reader can report it."""
    if file.find(b'"', begin) >= 0:
        return None
    end = len(file)
    while end > begin and file[end - 1] == 10:
        end -= 1
    first_end = file.find(b"\n", begin, end)
    if first_end < 0:
        return None
    header = [cell.strip() for cell in file[begin:first_end].decode("utf-8").split(";")]
    width = len(header)
    if len(set(header)) != width or "voter_id" not in header or "vote" not in header:
        return None
    base = first_end + 1
    data = np.frombuffer(file, dtype=np.uint8, count=end - base, offset=base)
    line_ends = np.append(np.flatnonzero(data == 10), len(data))
    num_rows = len(line_ends)
    semicolons = np.flatnonzero(data == 59)
    if len(semicolons) != num_rows * (width - 1):
        return None
    per_row = np.diff(np.searchsorted(semicolons, line_ends), prepend=0)
    if (per_row != width - 1).any():
        return None
    # Field boundaries: starts[r, k] and ends[r, k] (exclusive) of column k in row r.
    separators = semicolons.reshape(num_rows, width - 1)
    line_starts = np.concatenate([[0], line_ends[:-1] + 1])
    starts = np.column_stack([line_starts, separators + 1])
    ends = np.column_stack([separators, line_ends])
    empty = starts == ends
    last = len(data) - 1
    first_byte = data[np.minimum(starts, last)]
    last_byte = data[np.maximum(ends - 1, 0)]
    loose = _START_COARSE[first_byte] | _END_COARSE[last_byte]
    flagged = np.flatnonzero(loose)
    if len(flagged):
        loose.ravel()[flagged] = _loose_start(data, starts.ravel()[flagged]) | _loose_end(
            data, ends.ravel()[flagged]
        )
    loose &= ~empty
    needs_strip = loose.any(axis=0)
    blank = empty | (_SPACE_BYTES[first_byte] & _SPACE_BYTES[last_byte])
    for r in np.flatnonzero(blank[:, 1:].all(axis=1)).tolist():
        if _MARKER_BYTES.fullmatch(file[base + line_starts[r] : base + line_ends[r]]):
            return None  # a section marker ("votes;;") would be taken for a ballot
    text = str(memoryview(file)[base:end], "utf-8")  # refuses bad UTF-8 now
    if text.count(";") + text.count("\n") + 1 != num_rows * width:
        return None
    cache: dict[str, list[str]] = {}

    def column_strings(name: str) -> list[str]:
        """The (stripped) strings of one column; all columns are split on first use."""
        if not cache:
            flat = text.replace("\n", ";").split(";")
            for k, column_name in enumerate(header):
                column = flat[k::width]
                cache[column_name] = list(map(str.strip, column)) if needs_strip[k] else column
        return cache[name]

    none_bytes = np.frombuffer(b"none", dtype=np.uint8)

    def missing_rows(k: int) -> list[int]:
        """Rows whose field in column ``k`` stands for a missing value (empty or None)."""
        if needs_strip[k]:
            column = column_strings(header[k])
            gaps = _missing_values(column)
            return [r for r, value in enumerate(column) if value in gaps] if gaps else []
        size = ends[:, k] - starts[:, k]
        four = np.flatnonzero(size == 4)
        word = data[starts[four, k][:, None] + np.arange(4)] | 0x20
        missing = size == 0
        missing[four[(word == none_bytes).all(axis=1)]] = True
        return np.flatnonzero(missing).tolist()

    commas = np.flatnonzero(data == 44)

    def entries(k: int, missing: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return _list_entries(data, starts[:, k], ends[:, k], missing, commas, line_ends)

    def joined(name: str, missing: list[int]) -> list[str]:
        """All entries of a list column, row after row, as strings."""
        column = column_strings(name)
        if missing:
            column = list(column)
            for r in missing:
                column[r] = ""
            text = ",".join(filter(None, column))
        else:
            text = ",".join(column)
        return text.split(",") if text else []

    vote_col = header.index("vote")
    no_vote = missing_rows(vote_col)
    entry_starts, entry_ends, lengths = entries(vote_col, no_vote)
    found = (
        None if needs_strip[vote_col] else _project_indices(data, entry_starts, entry_ends, index)
    )
    if found is not None:
        chosen = found
    else:
        flat_ids = joined("vote", no_vote)
        if len(flat_ids) != int(lengths.sum()):
            return None
        stripped = [project_id.strip() for project_id in flat_ids]
        if any(project_id not in index for project_id in stripped):
            return None
        chosen = np.fromiter(map(index.__getitem__, stripped), dtype=np.int32, count=len(stripped))
    if vote_type == "choose-1" and (lengths > 1).any():
        return None
    if _repeats(chosen, lengths, len(index)):
        return None  # a project twice in one vote
    points = None
    if vote_type in POINT_VOTE_TYPES:
        if "points" not in header:
            return None
        points_col = header.index("points")
        no_points = missing_rows(points_col)
        point_starts, point_ends, point_counts = entries(points_col, no_points)
        if not np.array_equal(point_counts, lengths):
            return None
        points = None if needs_strip[points_col] else _whole_numbers(data, point_starts, point_ends)
        if points is None:
            values = joined("points", no_points)
            try:
                points = np.fromiter(map(float, values), dtype=np.float64, count=len(values))
            except ValueError:
                return None
    skip = {"voter_id", "vote"} | ({"points"} if points is not None else set())

    def load() -> tuple[list[str], dict[str, list[str | None]]]:
        extra: dict[str, list[str | None]] = {}
        for k, name in enumerate(header):
            if name in skip:
                continue
            values: list[str | None] = list(column_strings(name))
            for r in missing_rows(k):
                values[r] = None
            extra[name] = values
        return column_strings("voter_id"), extra

    return Profile.deferred(
        vote_type,
        np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64),
        chosen,
        points,
        header,
        load,
    )


def _parse_fast(data: bytes) -> Election | None:
    """Parse a whole file given as UTF-8 bytes with ``\n`` line ends, the VOTES section
    column-wise; ``None`` when the careful reader should take over. Errors in META and
    PROJECTS are raised here as they would be there (same line numbers)."""
    marker = None
    for found in _MARKER_BYTES.finditer(data):
        if found.group(1).lower() == b"votes":
            marker = found
            break
    if marker is None:
        return None
    reader = _Reader(data[: marker.start()].decode("utf-8"))
    reader.expect_section("meta")
    meta = _read_meta(reader)
    header = reader.expect_section("projects")
    _check_header(header, ("project_id", "cost"), "PROJECTS", reader.last_line)
    projects = _read_projects(reader, header)
    if reader.next_row() is not None:
        return None
    index = {project.project_id: i for i, project in enumerate(projects)}
    begin = marker.end()
    while begin < len(data) and data[begin] == 10:
        begin += 1
    profile = _fast_votes(data, begin, meta["vote_type"], index)
    if profile is None:
        return None
    return Election(meta, projects, header, profile)


def parse_pabulib(text: str) -> Election:
    """Parse the text of a ``.pb`` file; raise :class:`PabulibError` if it is malformed.

    The VOTES section is read column-wise over the file's bytes (see ``_fast_votes``);
    anything unusual falls back to the row-by-row reader, which names the offending line.
    """
    text = text.removeprefix("\ufeff")
    if "\r" not in text:
        election = _parse_fast(text.encode("utf-8"))
        if election is not None:
            return election
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
    """Read a ``.pb`` file (UTF-8, with or without byte-order mark; any line ends)."""
    data = Path(path).read_bytes().removeprefix(b"\xef\xbb\xbf")
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    election = _parse_fast(data)
    if election is not None:
        return election
    return _parse_rows(data.decode("utf-8"))


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
