"""The pabulib reader and writer: round trips, ballot types, and refusal of malformed files."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from medvirk.algorithms.pb.model import Election
from medvirk.algorithms.pb.pabulib import (
    PabulibError,
    _parse_rows,
    election_as_pabulib,
    parse_pabulib,
    read_pabulib,
    write_pabulib,
)
from medvirk.testing.shared_data import shared_data_dir

FILES = [
    "France_Toulouse_2022_11_-_Bonhoure_Guilhemery_Chateau_de_lHers_Limayrac_Cote_Pavee.pb",
    "Netherlands_Amsterdam_622.pb",
    "Poland_Katowice_2023.pb",
    "Poland_Krakow_2024.pb",
    "Poland_Lodz_2022.pb",
    "Poland_Warszawa_2019_Bemowo.pb",
    "Poland_Warszawa_2023_Mokotow.pb",
]

CUMULATIVE = """META
key;value
description;test
budget;1000,5
vote_type;cumulative
PROJECTS
project_id;cost;name;category;target;score
p1;500;Park;"green,sport";children;7
p2;250.5;Bench;None;None;3
VOTES
voter_id;vote;points;age
1;p1,p2;2,1;30
2;p1;3;None
3;;;41
"""


@pytest.mark.parametrize("name", FILES)
def test_shared_files_round_trip(name: str, tmp_path: Path) -> None:
    """Reading a shared file, writing it and reading it back gives the same election,
    and the fast column-wise reader agrees with the row-by-row one."""
    path = shared_data_dir("pabulib") / name
    election = read_pabulib(path)
    out = tmp_path / "copy.pb"
    write_pabulib(election, out)
    assert read_pabulib(out).same_as(election)
    assert _parse_rows(path.read_text(encoding="utf-8-sig")).same_as(election)
    assert election.profile.num_voters == int(election.meta["num_votes"])


def test_cumulative_file_fields() -> None:
    """Costs (decimal comma included), categories, targets, scores and points are read."""
    election = parse_pabulib(CUMULATIVE)
    assert election.budget == Fraction(2001, 2)
    park, bench = election.projects
    assert park.categories == ("green", "sport")
    assert park.targets == ("children",)
    assert park.score == 7
    assert bench.cost == Fraction(501, 2)
    assert bench.categories == ()
    profile = election.profile
    assert profile.points is not None
    assert profile.points.tolist() == [2.0, 1.0, 3.0]
    assert profile.ballot(2).tolist() == []
    assert profile.extra["age"] == ["30", None, "41"]
    assert parse_pabulib(election_as_pabulib(election)).same_as(election)


def test_ordinal_ballot_keeps_ranking() -> None:
    """Ordinal votes keep the order in which projects were ranked."""
    text = CUMULATIVE.replace("cumulative", "ordinal").replace(
        "voter_id;vote;points;age\n1;p1,p2;2,1;30\n2;p1;3;None\n3;;;41",
        "voter_id;vote\n1;p2,p1\n2;p1",
    )
    election = parse_pabulib(text)
    assert election.profile.ballot(0).tolist() == [1, 0]
    assert election.profile.points is None


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("PROJECTS\nproject_id;cost\n", 1, "expected section META"),
        ("META\nkey;value\nvote_type;approval\nPROJECTS\n", 3, "no budget"),
        ("META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nid;cost\n", 6, "project_id"),
        (
            "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\n"
            "a;ten\nVOTES\nvoter_id;vote\n",
            7,
            "not a number",
        ),
        (
            "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\n"
            "a;5\nVOTES\nvoter_id;vote\n1;a\n2;b\n",
            11,
            "unknown project 'b'",
        ),
        (
            "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\n"
            "a;5\nVOTES\nvoter_id;vote\n1;a;extra\n",
            10,
            "expected 2 fields",
        ),
        (
            "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\n"
            "a;5\na;6\nVOTES\nvoter_id;vote\n",
            8,
            "appears twice",
        ),
        (
            "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\n"
            "a;5\nVOTES\nvoter_id;vote\n1;a,a\n",
            10,
            "twice in one vote",
        ),
        (
            "META\nkey;value\nbudget;10\nvote_type;cumulative\nPROJECTS\nproject_id;cost\n"
            "a;5\nVOTES\nvoter_id;vote;points\n1;a;1,2\n",
            10,
            "1 projects but 2 points",
        ),
        ("META\nkey;value\nbudget;10\nvote_type;secret\n", 4, "vote_type"),
    ],
)
def test_malformed_files_are_refused_with_line(text: str, line: int, words: str) -> None:
    """A malformed file raises PabulibError naming the line and the problem."""
    with pytest.raises(PabulibError) as caught:
        parse_pabulib(text)
    assert caught.value.line == line
    assert words in caught.value.message
    assert str(caught.value).startswith(f"line {line}:")


def test_writer_output_is_pabulib_text() -> None:
    """The writer produces the three sections with their headers, ``None`` for gaps."""
    text = election_as_pabulib(parse_pabulib(CUMULATIVE))
    lines = text.splitlines()
    assert lines[0] == "META"
    assert "PROJECTS" in lines and "VOTES" in lines
    assert "p2;250.5;Bench;None;None;3" in lines
    assert "2;p1;3;None" in lines
    assert np.array_equal(parse_pabulib(text).profile.indptr, [0, 2, 3, 3])


HEAD = (
    "META\nkey;value\nbudget;100\nvote_type;{vote_type}\n"
    "PROJECTS\nproject_id;cost\n{projects}VOTES\n"
)
IDS = ["a", "ab", "Łąka-1", "BO.OM.178/24", "a-very-long-project-id-of-more-than-16-bytes"]


def _text(votes: str, vote_type: str = "approval", ids: list[str] | None = None) -> str:
    projects = "".join(f"{pid};10\n" for pid in (ids if ids is not None else IDS))
    return HEAD.format(vote_type=vote_type, projects=projects) + votes


def _outcome(text: str) -> Election | tuple[str, int, str]:
    """What a reader makes of a text: the election's content, or the error it raises."""
    try:
        return parse_pabulib(text)
    except PabulibError as error:
        return ("error", error.line, error.message)


@pytest.mark.parametrize(
    "text",
    [
        _text("voter_id;vote;age\n1;a,ab;30\n2;ab;None\n3;;\n4;NONE;none\n"),
        _text("voter_id;vote;age\n 1 ; a , ab ;  30 \n2;ab\u00a0;x\n3;a;\u2003Łódź\n4;a;Łódź\n"),
        _text(
            "voter_id;vote;place\n1;Łąka-1,BO.OM.178/24;Żabieniec\n2;a-very-long-project-id"
            "-of-more-than-16-bytes,a;Ś\n"
        ),
        _text("voter_id;vote\n1;a,,ab\n"),
        _text("voter_id;vote\n1;ab,a,ab\n"),
        _text("voter_id;vote\n1;abc\n"),
        _text("voter_id;vote\n1;a\nvotes;\n2;ab\n"),
        _text("voter_id;vote\n1;a\n\n2;ab\n"),
        _text('voter_id;vote\n1;a\n2;"ab"\n'),
        _text("voter_id;vote\r\n1;a,ab\r\n2;ab\r\n"),
        _text("voter_id;vote;points\n1;a,ab;2,1\n2;ab;1.5\n3;None;None\n", "cumulative"),
        _text("voter_id;vote;points\n1;a,ab;2\n", "cumulative"),
        _text("voter_id;vote;points\n1;a,ab;2,x\n", "cumulative"),
        _text("voter_id;vote\n1;a,ab\n", "choose-1"),
        _text(
            "voter_id;vote\n1;p0,p70,p3\n2;p70,p1,p70\n",
            ids=[f"p{i}" for i in range(80)],
        ),
        _text("voter_id;vote\n1;p0,p70,p3\n2;p70,p1\n", ids=[f"p{i}" for i in range(80)]),
    ],
)
def test_column_reader_agrees_with_row_reader(text: str) -> None:
    """On unusual VOTES sections (spaces and Unicode spaces around fields, missing values,
    long, non-ASCII and prefix-sharing ids, repeated or unknown projects, a stray section
    marker, blank lines, quotes, CRLF, points) the fast reader gives exactly what the
    row-by-row reader gives: the same election, or the same error on the same line."""
    fast = _outcome(text)
    careful: Election | tuple[str, int, str]
    try:
        careful = _parse_rows(text.replace("\r\n", "\n"))
    except PabulibError as error:
        careful = ("error", error.line, error.message)
    if isinstance(careful, tuple) or isinstance(fast, tuple):
        assert fast == careful
    else:
        assert fast.same_as(careful)


def test_voter_columns_are_read_when_first_needed() -> None:
    """A large file's voter ids and other columns become strings only when asked for, and
    the number of voters is known without them."""
    election = read_pabulib(shared_data_dir("pabulib") / FILES[4])
    profile = election.profile
    assert profile._voter_ids is None
    assert profile.num_voters == len(profile.indptr) - 1 > 0
    assert len(profile.voter_ids) == profile.num_voters
    assert set(profile.extra) == {"age", "sex", "voting_method"}
