"""Polis' rules for the vote matrix, and the projection under both imputations."""

from __future__ import annotations

import numpy as np
import pytest

from medvirk.algorithms.opinions.matrix import GREEDY_N, build_matrix, last_votes
from medvirk.algorithms.opinions.model import (
    Conversation,
    InvalidVotesError,
    Rules,
    Statement,
    Votes,
)
from medvirk.algorithms.opinions.pca import project


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


def test_older_rules_group_fewer_votes_and_early_voters() -> None:
    """``min_votes`` lowers the threshold; ``all_voters_before`` makes everyone who
    first voted before that time clusterable whatever their count (Polis in 2017)."""
    rows = [(p, s, 1, 1000 * p + s) for p in range(GREEDY_N + 5) for s in range(7 if p < 17 else 2)]
    conversation = Conversation(Votes.from_rows(rows), _statements(10))
    assert build_matrix(conversation).clusterable.tolist() == [True] * 17 + [False] * 3
    assert build_matrix(conversation, Rules(min_votes=2)).clusterable.all()
    early = build_matrix(conversation, Rules(all_voters_before=18_500))
    assert early.clusterable.tolist() == [True] * 19 + [False]


def test_rules_refuse_unknown_values() -> None:
    """An unknown imputation or a threshold below one vote is a clear error."""
    with pytest.raises(InvalidVotesError, match="imputation 'median' is not one of mean, zero"):
        Rules(imputation="median")
    with pytest.raises(InvalidVotesError, match="min_votes must be at least 1, not 0"):
        Rules(min_votes=0)


def _dense_polis_projection(votes: np.ndarray, imputation: str) -> np.ndarray:
    """Reference: Polis' projection computed densely (NaN = no vote)."""
    cast = ~np.isnan(votes)
    filled = np.where(cast, votes, 0.0)
    if imputation == "zero":
        center = filled.mean(axis=0)
    else:
        center = filled.sum(axis=0) / np.maximum(cast.sum(axis=0), 1)
    imputed = np.where(cast, votes, 0.0 if imputation == "zero" else center)
    _, _, vt = np.linalg.svd(imputed - imputed.mean(axis=0), full_matrices=False)
    components = vt[:2]
    scale = np.sqrt(votes.shape[1] / np.maximum(cast.sum(axis=1), 1))
    return ((np.where(cast, votes - center, 0.0)) @ components.T) * scale[:, np.newaxis]


@pytest.mark.parametrize("imputation", ["mean", "zero"])
@pytest.mark.parametrize("n_statements", [12, 80])
def test_projection_matches_a_dense_pca(imputation: str, n_statements: int) -> None:
    """Both imputations give the projection of a dense PCA of the imputed matrix (up to
    each axis' sign), by the direct solver (12 statements) and by power iteration (80,
    to its tolerance); zero imputation centres on the mean over every participant."""
    rng = np.random.default_rng(n_statements)
    taste = rng.normal(size=(60, 2)) @ rng.normal(size=(2, n_statements))
    votes = np.sign(taste + rng.normal(scale=0.5, size=taste.shape))
    votes[rng.random(votes.shape) < 0.4] = np.nan
    rows = [
        (p, s, int(votes[p, s]), 0)
        for p in range(votes.shape[0])
        for s in range(n_statements)
        if not np.isnan(votes[p, s])
    ]
    matrix = build_matrix(Conversation(Votes.from_rows(rows), _statements(n_statements)))
    ours = project(matrix, imputation=imputation).coordinates
    expected = _dense_polis_projection(votes, imputation)
    for axis in range(2):
        sign = np.sign(ours[:, axis] @ expected[:, axis])
        assert np.allclose(sign * ours[:, axis], expected[:, axis], atol=1e-4)
