"""The whole pipeline on hand-made conversations (and one shared one): groups,
statements, bad input."""

from __future__ import annotations

import json

import numpy as np
import pytest

from medvirk.algorithms.opinions.model import Conversation, Statement, Votes
from medvirk.algorithms.opinions.pipeline import STATUS_NOT_ENOUGH_DATA, STATUS_OK, analyze
from medvirk.algorithms.opinions.polis_io import read_conversation
from medvirk.algorithms.opinions.replay import replay, update_points
from medvirk.algorithms.opinions.repness import (
    GroupTallies,
    proportion_test,
    representatives,
    two_proportion_test,
)
from medvirk.testing.shared_data import shared_data_dir


def test_two_camps_are_found(camps: Conversation) -> None:
    """The two camps become the two groups, each with its own statements as
    representative, and the statement everyone agrees with as consensus."""
    result = analyze(camps)
    assert result.status == STATUS_OK
    groups = result.group_of()
    assert len(set(groups.values())) == 2
    assert all(groups[p] == groups[p % 2] for p in groups)
    for group in result.groups:
        assert group.size == 20
        camp = next(p for p, g in groups.items() if g == group.group_id) % 2
        top = group.representative[0]
        expected = "agree" if (top.statement_id < 5) == (camp == 0) else "disagree"
        assert top.direction == expected
    assert result.consensus["agree"][0].statement_id == 9
    assert result.divisive[0].statement_id != 9


def test_same_seed_same_map(camps: Conversation) -> None:
    """Two runs with the same seed (and k-means++ restarts) give identical JSON."""
    first = json.dumps(analyze(camps, seed=3, restarts=5).to_json())
    assert first == json.dumps(analyze(camps, seed=3, restarts=5).to_json())


def test_json_document_has_every_part(camps: Conversation) -> None:
    """The JSON holds coordinates and group per participant, sizes, representative,
    consensus and divisive statements with their figures and texts."""
    document = json.loads(json.dumps(analyze(camps).to_json()))
    assert document["status"] == STATUS_OK
    assert len(document["participants"]) == 40
    assert {"id", "x", "y", "group"} <= set(document["participants"][0])
    item = document["groups"][0]["representative"][0]
    assert {
        "statement_id",
        "direction",
        "probability",
        "probability_test",
        "ratio",
        "ratio_test",
        "text",
    } <= set(item)
    assert document["consensus"]["agree"][0]["text"] == "Statement 9"
    assert document["divisive"]


def test_too_few_participants_is_marked_not_enough_data() -> None:
    """Three participants give a clearly marked result without groups, not a crash."""
    rows = [(p, s, 1 if (p + s) % 2 else -1, 0) for p in range(3) for s in range(8)]
    conversation = Conversation(Votes.from_rows(rows), {s: Statement(s) for s in range(8)})
    result = analyze(conversation)
    assert result.status == STATUS_NOT_ENOUGH_DATA
    assert "too few" in result.message
    assert result.groups == [] and result.participants == []


def test_everyone_voting_alike_is_not_enough_data() -> None:
    """Identical voters cannot form two groups: not enough data."""
    rows = [(p, s, 1, 0) for p in range(30) for s in range(8)]
    result = analyze(Conversation(Votes.from_rows(rows), {s: Statement(s) for s in range(8)}))
    assert result.status == STATUS_NOT_ENOUGH_DATA
    assert "voted alike" in result.message


def test_replay_updates_follow_time_gaps() -> None:
    """An update runs at each vote that comes an interval after the last update's start,
    and once at the end."""
    times = np.array([0, 10, 100, 150, 400])
    assert update_points(times, 100) == [2, 4, 5]


def test_replay_updates_stay_small_while_votes_pour_in() -> None:
    """Without pauses, a batch grows to at most ``growth`` of the votes before it (and at
    least ``min_batch``), so early updates are frequent and later ones rarer."""
    points = update_points(np.zeros(100, dtype=np.int64), 10**9, growth=0.5, min_batch=10)
    assert points == [10, 20, 30, 45, 68, 100]


def test_replay_finds_the_camps(camps: Conversation) -> None:
    """Replaying the camps' history ends with the same two groups as one analysis."""
    result = replay(camps, interval_ms=5000)
    assert result.updates > 1
    groups = result.group_of()
    assert len(set(groups.values())) == 2
    assert all(groups[p] == groups[p % 2] for p in groups)


@pytest.mark.parametrize("mode", ["analyze", "replay"])
def test_everyone_is_in_the_group_whose_centre_is_nearest(mode: str) -> None:
    """On a real conversation (one analysis and a replay), every grouped participant's
    group has the nearest centre, and each centre is the mean of its members' places."""
    conversation = read_conversation(shared_data_dir("polis", "15-per-hour-seattle"))
    result = analyze(conversation) if mode == "analyze" else replay(conversation)
    centres = np.array([group.center for group in result.groups])
    grouped = [p for p in result.participants if p["group"] is not None]
    places = np.array([(p["x"], p["y"]) for p in grouped])
    labels = np.array([p["group"] for p in grouped])
    distances = ((places[:, np.newaxis, :] - centres) ** 2).sum(axis=2)
    assert len(grouped) >= 138 and len(centres) == 2
    assert (distances.argmin(axis=1) == labels).all()
    for group in result.groups:
        assert places[labels == group.group_id].mean(axis=0) == pytest.approx(group.center)


def test_polis_significance_tests() -> None:
    """The one- and two-proportion z-scores use one pseudo-count, as Polis does."""
    assert proportion_test(np.array([9.0]), np.array([10.0]))[0] == pytest.approx(
        2 * np.sqrt(11) * (10 / 11 - 0.5)
    )
    assert two_proportion_test(
        np.array([5.0]), np.array([10.0]), np.array([5.0]), np.array([10.0])
    )[0] == pytest.approx(0.0)


def test_representatives_need_significance() -> None:
    """A statement only one group agrees with is representative of it; an evenly split
    one is representative of nobody."""
    tallies = GroupTallies(
        agree=np.array([[18.0, 5.0], [1.0, 5.0]]),
        disagree=np.array([[1.0, 5.0], [18.0, 5.0]]),
        cast=np.array([[20.0, 10.0], [20.0, 10.0]]),
    )
    picked = representatives(tallies, [10, 11])
    assert [(r.statement_id, r.direction) for r in picked[0]] == [(10, "agree")]
    assert [(r.statement_id, r.direction) for r in picked[1]] == [(10, "disagree")]
    assert picked[0][0].probability == pytest.approx(19 / 22)


def _with_background_question(camps: Conversation, statement_id: int) -> Conversation:
    """The camps plus a question about the participants that cuts across the camps:
    participants 0-19 agree ("I live north of the river"), 20-39 disagree; it is voted
    last by everyone, and participant 7 passes on it."""
    votes = camps.votes
    extra = [
        (p, statement_id, 0 if p == 7 else (1 if p < 20 else -1), 10**6 + p) for p in range(40)
    ]
    rows = list(
        zip(
            votes.participants.tolist(),
            votes.statements.tolist(),
            votes.values.tolist(),
            votes.times.tolist(),
            strict=True,
        )
    )
    statements = dict(camps.statements)
    statements[statement_id] = Statement(statement_id, "I live north of the river", 1)
    return Conversation(Votes.from_rows(rows + extra), statements, camps.topic)


def test_background_statement_is_reported_per_group_not_grouped_on(camps: Conversation) -> None:
    """A background statement takes no part in the grouping (the groups are those of
    the camps without it) and is reported with each group's agree, disagree and pass
    counts, from the members' votes."""
    conversation = _with_background_question(camps, 10).with_background([10])
    result = analyze(conversation)
    plain = analyze(camps)
    assert result.group_of() == plain.group_of()
    assert result.n_statements == plain.n_statements == 10
    assert [b.statement_id for b in result.background] == [10]
    answers = result.background[0]
    groups = result.group_of()
    for group in result.groups:
        members = [p for p, g in groups.items() if g == group.group_id]
        north = [p for p in members if p < 20 and p != 7]
        assert answers.agree[group.group_id] == len(north)
        assert answers.passed[group.group_id] == (7 in members)
        assert answers.disagree[group.group_id] == len([p for p in members if p >= 20])
    document = json.loads(json.dumps(result.to_json()))
    assert document["background"][0]["text"] == "I live north of the river"
    assert sum(document["background"][0]["agree"]) == 19


def test_background_statement_unmarked_would_shape_the_groups(camps: Conversation) -> None:
    """Without the mark the same question is an ordinary statement: it is in the
    matrix, and no background answers are reported."""
    result = analyze(_with_background_question(camps, 10))
    assert result.n_statements == 11 and result.background == []


def test_unknown_background_statement_is_rejected(camps: Conversation) -> None:
    """Marking a statement the conversation does not have is a clear error."""
    from medvirk.algorithms.opinions.model import InvalidVotesError

    with pytest.raises(InvalidVotesError, match="background statement ids not among"):
        camps.with_background([10, 3])


def test_moderated_out_background_statement_is_not_reported(camps: Conversation) -> None:
    """A background statement that was moderated out is neither grouped on nor shown."""
    conversation = _with_background_question(camps, 10)
    statements = dict(conversation.statements)
    statements[10] = Statement(10, "I live north of the river", -1, is_meta=True)
    result = analyze(Conversation(conversation.votes, statements, conversation.topic))
    assert result.background == [] and result.n_statements == 10
