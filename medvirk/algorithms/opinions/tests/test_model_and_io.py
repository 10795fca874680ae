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
from medvirk.testing.shared_data import shared_data_dir

CONVERSATIONS = [
    "15-per-hour-seattle",
    "american-assembly.bowling-green",
    "bg2050-volunteers",
    "brexit-consensus",
    "canadian-electoral-reform",
    "football-concussions",
    "london.youth.policing",
    "scoop-hivemind.ubi",
    "vtaiwan.uberx",
]


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
