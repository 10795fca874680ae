"""Polis' rules for the vote matrix."""

from __future__ import annotations

import numpy as np

from medvirk.algorithms.opinions.matrix import GREEDY_N, build_matrix, last_votes
from medvirk.algorithms.opinions.model import Conversation, Statement, Votes


def _statements(n: int, moderated_out: tuple[int, ...] = ()) -> dict[int, Statement]:
    return {s: Statement(s, moderated=-1 if s in moderated_out else 1) for s in range(n)}


def test_last_vote_wins() -> None:
    """Of several votes on one statement, the latest counts, whatever the file order."""
    votes = Votes.from_rows([(1, 0, 1, 300), (1, 0, -1, 100), (1, 0, 0, 200), (2, 0, 1, 50)])
    final = last_votes(votes)
    assert sorted(zip(final.participants.tolist(), final.values.tolist(), strict=True)) == [
        (1, 1),
        (2, 1),
    ]


def test_participants_need_seven_votes_to_be_clustered() -> None:
    """With 20 participants of 10 statements, those with 7 or more votes are clusterable,
    those with 6 are not (there are enough for Polis' greedy top-up not to apply)."""
    rows = [(p, s, 1, 0) for p in range(GREEDY_N + 5) for s in range(7 if p < 18 else 6)]
    rows += [(0, s, -1, 0) for s in range(7, 10)]
    matrix = build_matrix(Conversation(Votes.from_rows(rows), _statements(10)))
    assert matrix.clusterable.tolist() == [True] * 18 + [False] * 2


def test_few_participants_are_topped_up_with_the_most_active() -> None:
    """While fewer than 15 participants have 7 votes, the most active others join."""
    rows = [(p, s, 1, 0) for p in range(20) for s in range(1 + p % 5)]
    matrix = build_matrix(Conversation(Votes.from_rows(rows), _statements(10)))
    assert int(matrix.clusterable.sum()) == GREEDY_N
    counts = matrix.vote_counts()
    assert np.min(counts[matrix.clusterable]) >= np.max(counts[~matrix.clusterable])


def test_moderated_out_statements_are_excluded() -> None:
    """A moderated-out statement is no column of the matrix, but Polis still counts it
    as a zeroed column in the projection's scaling."""
    rows = [(p, s, 1, 0) for p in range(3) for s in range(8)]
    matrix = build_matrix(Conversation(Votes.from_rows(rows), _statements(8, (2,))))
    assert 2 not in matrix.statement_ids.tolist()
    assert matrix.shape == (3, 7)
    assert matrix.n_zeroed == 1


def test_passes_are_votes_but_not_agreement() -> None:
    """A pass counts as a vote cast but neither agree nor disagree."""
    rows = [(0, 0, 0, 0), (1, 0, 1, 0), (2, 0, -1, 0)]
    matrix = build_matrix(Conversation(Votes.from_rows(rows), _statements(1)))
    agree, disagree, cast = matrix.tallies()
    assert (agree[0], disagree[0], cast[0]) == (1, 1, 3)
    assert np.array_equal(matrix.vote_counts(), [1, 1, 1])
