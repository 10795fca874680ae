"""Reading Polis exports and validating votes."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from medvirk.algorithms.opinions.matrix import build_matrix
from medvirk.algorithms.opinions.model import (
    Conversation,
    InvalidVotesError,
    Rules,
    Statement,
    Votes,
)
from medvirk.algorithms.opinions.polis_io import (
    PolisFormatError,
    read_conversation,
    read_export_settings,
    read_final_matrix,
    read_polis_groups,
)
from medvirk.algorithms.opinions.tests.conftest import SHARED_CONVERSATIONS as CONVERSATIONS
from medvirk.testing.shared_data import shared_data_dir


@pytest.mark.parametrize("name", CONVERSATIONS)
def test_reads_every_shared_conversation(name: str) -> None:
    """Every shared conversation reads; its final votes equal participants-votes.csv
    (last vote wins), and every voted statement is known from comments.csv."""
    folder = shared_data_dir("polis", name)
    conversation = read_conversation(folder)
    matrix = build_matrix(Conversation(conversation.votes))
    final = read_final_matrix(folder)
    assert matrix.shape[0] == len(np.unique(final.participants))
    assert int(matrix.voted.sum()) == len(final)
    assert set(np.unique(conversation.votes.statements).tolist()) <= set(conversation.statements)
    assert conversation.topic
    assert read_polis_groups(folder)


def test_vote_outside_range_is_rejected() -> None:
    """A vote of 2 is refused with the participant and statement named."""
    with pytest.raises(InvalidVotesError, match=r"vote value 2 outside.*participant 7"):
        Votes.from_rows([(7, 1, 2, 0)])


def test_unknown_statement_is_rejected() -> None:
    """Votes on a statement missing from the statements raise a clear error."""
    with pytest.raises(InvalidVotesError, match="unknown statement ids: 99"):
        Conversation(Votes.from_rows([(1, 99, 1, 0)]), {1: Statement(1)})


def test_missing_file_is_a_format_error(tmp_path: Path) -> None:
    """A folder without comments.csv names the missing file."""
    (tmp_path / "votes.csv").write_text("timestamp,datetime,comment-id,voter-id,vote\n")
    with pytest.raises(PolisFormatError, match=r"comments\.csv not found"):
        read_conversation(tmp_path)


def test_malformed_cell_names_file_and_line(camps_folder: Path) -> None:
    """A non-integer vote names the file, the line and the column."""
    with (camps_folder / "votes.csv").open("a", newline="") as handle:
        csv.writer(handle).writerow([5, "", 1, 1, "yes"])
    with pytest.raises(PolisFormatError, match=r"votes\.csv line \d+: column 'vote'"):
        read_conversation(camps_folder)


def test_final_matrix_is_read_when_votes_file_is_absent(tmp_path: Path) -> None:
    """Without votes.csv, the cells of participants-votes.csv become votes at time 0."""
    (tmp_path / "comments.csv").write_text(
        "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
        "0,,0,0,0,0,1,a\n0,,1,0,0,0,1,b\n"
    )
    (tmp_path / "participants-votes.csv").write_text(
        "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1\n"
        "4,0,0,2,1,1,1,-1\n5,,0,1,0,0,,0\n"
    )
    conversation = read_conversation(tmp_path)
    rows = sorted(
        zip(
            conversation.votes.participants.tolist(),
            conversation.votes.statements.tolist(),
            conversation.votes.values.tolist(),
            strict=True,
        )
    )
    assert rows == [(4, 0, 1), (4, 1, -1), (5, 1, 0)]
    assert read_polis_groups(tmp_path) == {4: 0}


def test_export_settings_give_background_and_rules(tmp_path: Path) -> None:
    """A settings file lists, per conversation, background statements and older rules
    (dates become milliseconds); an unlisted conversation gets none and today's rules."""
    path = tmp_path / "settings.json"
    path.write_text(
        '{"conversations": {"old": {"background": [3, 1], '
        '"rules": {"min_votes": 1, "imputation": "zero", "all_voters_before": "2018-01-01"}}}}'
    )
    background, rules = read_export_settings(path, "old")
    assert background == [3, 1]
    assert rules == Rules(min_votes=1, imputation="zero", all_voters_before=1_514_764_800_000)
    assert read_export_settings(path, "other") == ([], Rules())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[1, 2]", "settings.json: not a settings file"),
        ('{"conversations": {"c": {"rules": {"speed": 2}}}}', "unexpected keyword argument"),
        ('{"conversations": {"c": {"rules": {"imputation": "median"}}}}', "imputation 'median'"),
        (
            '{"conversations": {"c": {"rules": {"all_voters_before": "soon"}}}}',
            "'soon' is not a date such as 2018-01-01",
        ),
    ],
)
def test_bad_export_settings_are_clear_errors(tmp_path: Path, text: str, message: str) -> None:
    """A malformed settings file, an unknown rule or a bad value says what is wrong."""
    path = tmp_path / "settings.json"
    path.write_text(text)
    with pytest.raises(InvalidVotesError, match=message):
        read_export_settings(path, "c")


# --- The bulk reader of the vote files against a simple reading with the csv module ----


def _simple_votes(path: Path) -> list[tuple[int, int, int, int]]:
    """votes.csv read row by row, as the format says."""
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            (int(r["voter-id"]), int(r["comment-id"]), int(r["vote"]), int(r["timestamp"]))
            for r in csv.DictReader(handle)
        ]


def _simple_matrix(path: Path) -> tuple[list[tuple[int, int, int, int]], dict[int, int]]:
    """participants-votes.csv read row by row: its non-empty vote cells (time 0, row by
    row) and the group of each grouped participant."""
    fixed = {"participant", "xid", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"}
    with path.open(newline="", encoding="utf-8") as handle:
        rows = csv.DictReader(handle)
        statement_columns = [n for n in rows.fieldnames or [] if n not in fixed]
        votes, groups = [], {}
        for row in rows:
            participant = int(row["participant"])
            if row["group-id"].strip():
                groups[participant] = int(row["group-id"])
            votes += [
                (participant, int(n), int(row[n]), 0) for n in statement_columns if row[n].strip()
            ]
    return votes, groups


def _as_rows(votes: Votes) -> list[tuple[int, int, int, int]]:
    columns = (votes.participants, votes.statements, votes.values, votes.times)
    assert all(column.dtype == np.int64 for column in columns)
    return list(zip(*(column.tolist() for column in columns), strict=True))


VOTES_HEADER = "timestamp,datetime,comment-id,voter-id,vote"
VOTE_FILES = {
    "plain": f"{VOTES_HEADER}\n10,Wed Jun 18 08:16:54 WIB 2014,0,3,1\n11,,2,3,-1\n12,,0,4,0\n",
    "crlf, no final newline": f"{VOTES_HEADER}\r\n10,x,0,3,1\r\n11,x,2,3,-1\r\n12,x,0,4,0",
    "leading zeros, minus zero, big times": f"{VOTES_HEADER}\n"
    "1726860583813,,007,0003,-0\n999999999999999999,,1,12,-1\n",
    "quoted date with commas": f'{VOTES_HEADER}\n10,"Wed, 18 Jun 2014",0,3,1\n'
    '11,"a ""quoted"" day",1,3,-1\n',
    "quoted number": f'{VOTES_HEADER}\n10,,"0",3,1\n',
    "spaces around a number": f"{VOTES_HEADER}\n10,, 0,3 ,1\n",
    "header only": f"{VOTES_HEADER}\n",
    "columns in another order, extra column": "vote,voter-id,extra,comment-id,timestamp\n"
    "1,3,zz,0,10\n-1,4,,1,11\n",
}


@pytest.mark.parametrize("name", sorted(VOTE_FILES))
def test_bulk_votes_reader_equals_simple_reading(name: str, tmp_path: Path) -> None:
    """read_votes gives exactly the votes of a row-by-row reading, whether the file is
    plain (parsed in bulk) or not (quotes, spaces: read with the csv module)."""
    from medvirk.algorithms.opinions.polis_io import VOTE_COLUMNS, _integer_columns, read_votes

    path = tmp_path / "votes.csv"
    path.write_bytes(VOTE_FILES[name].encode("utf-8"))
    assert _as_rows(read_votes(tmp_path)) == _simple_votes(path)
    bulk = _integer_columns(path, VOTE_COLUMNS) is not None
    assert bulk == (
        name not in {"quoted date with commas", "quoted number"} and "spaces" not in name
    )


MATRIX_HEADER = "participant,xid,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,5"
MATRIX_FILES = {
    "plain": f"{MATRIX_HEADER}\n0,,1,0,3,2,1,1,-1,1\n1,,,0,1,0,0,,,0\n7,,0,0,2,1,1,-1,,1\n",
    "crlf, empty row of votes": f"{MATRIX_HEADER}\r\n0,,1,0,0,0,0,,,\r\n2,,0,0,1,1,0,1,,",
    "quoted xid with a comma": f'{MATRIX_HEADER}\n0,"a,b",1,0,1,1,0,1,,\n3,"""q""",,0,1,0,1,,-1,\n',
    "text xid": f"{MATRIX_HEADER}\n0,person@example.org,1,0,1,1,0,1,,\n",
    "spaces in a vote cell": f"{MATRIX_HEADER}\n0,,1,0,1,1,0, 1,,\n",
    "header only": f"{MATRIX_HEADER}\n",
}


@pytest.mark.parametrize("name", sorted(MATRIX_FILES))
def test_bulk_matrix_reader_equals_simple_reading(name: str, tmp_path: Path) -> None:
    """read_final_matrix and read_polis_groups give exactly the votes and groups of a
    row-by-row reading of participants-votes.csv."""
    path = tmp_path / "participants-votes.csv"
    path.write_bytes(MATRIX_FILES[name].encode("utf-8"))
    votes, groups = _simple_matrix(path)
    assert _as_rows(read_final_matrix(tmp_path)) == votes
    assert list(read_polis_groups(tmp_path).items()) == list(groups.items())


def test_bulk_reader_reports_bad_cells_like_the_csv_reader(tmp_path: Path) -> None:
    """A bad cell in an otherwise plain file is reported with its line, as before."""
    path = tmp_path / "votes.csv"
    path.write_text(f"{VOTES_HEADER}\n10,,0,3,1\n11,,0,4,yes\n", encoding="utf-8")
    with pytest.raises(PolisFormatError, match=r"votes\.csv line 3: column 'vote'"):
        read_votes_of(tmp_path)
    path.write_text(f"{VOTES_HEADER}\n10,,0,3,1\n\n11,,0,4\n", encoding="utf-8")
    with pytest.raises(PolisFormatError, match=r"votes\.csv line \d+: column 'vote'"):
        read_votes_of(tmp_path)
    for bad in ("-", "1-1", "--1", "1.0"):
        path.write_text(f"{VOTES_HEADER}\n10,,0,3,1\n11,,0,4,{bad}\n", encoding="utf-8")
        with pytest.raises(PolisFormatError, match=r"votes\.csv line 3: column 'vote'"):
            read_votes_of(tmp_path)
    matrix = tmp_path / "participants-votes.csv"
    matrix.write_text(f"{MATRIX_HEADER}\n0,,1,0,1,1,0,2x,,\n", encoding="utf-8")
    with pytest.raises(PolisFormatError, match="not an integer"):
        read_final_matrix(tmp_path)


def read_votes_of(folder: Path) -> Votes:
    from medvirk.algorithms.opinions.polis_io import read_votes

    return read_votes(folder)


@pytest.mark.parametrize("name", CONVERSATIONS)
def test_bulk_reader_equals_csv_reader_on_shared_data(name: str) -> None:
    """On every shared conversation the bulk reader is used and gives the csv reader's
    arrays."""
    from medvirk.algorithms.opinions import polis_io

    folder = shared_data_dir("polis", name)
    matrix = folder / "participants-votes.csv"
    assert _as_rows(read_final_matrix(folder)) == _as_rows(polis_io._read_final_matrix_csv(matrix))
    assert polis_io._integer_columns(matrix, ["participant", "group-id"]) is not None
    if (folder / "votes.csv").is_file():
        path = folder / "votes.csv"
        assert polis_io._integer_columns(path, polis_io.VOTE_COLUMNS) is not None
        assert _as_rows(polis_io.read_votes(folder)) == _as_rows(polis_io._read_votes_csv(path))


def test_bulk_reader_across_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Read a few lines at a time (chunks of any size), the bulk reader gives the same
    votes and groups as read whole."""
    from medvirk.algorithms.opinions import polis_io

    folder = shared_data_dir("polis", "london.youth.policing")
    whole = _as_rows(read_final_matrix(folder)), _as_rows(polis_io.read_votes(folder))
    groups = read_polis_groups(folder)
    for chunk in (1, 7, 100, 4096):
        monkeypatch.setattr(polis_io, "CHUNK_BYTES", chunk)
        assert (_as_rows(read_final_matrix(folder)), _as_rows(polis_io.read_votes(folder))) == whole
        assert read_polis_groups(folder) == groups
