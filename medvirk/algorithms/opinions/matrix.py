"""The participant × statement vote matrix under Polis' rules.

* the last vote of a participant on a statement wins (votes are taken in time order);
* moderated-out and meta statements are left out of the matrix;
* a participant is *clusterable* once they have voted on at least
  ``min(rules.min_votes, number of statements)`` statements (Polis uses 7; see
  :class:`~medvirk.algorithms.opinions.model.Rules` for the rules of older exports).

The matrix is kept sparse (one entry per vote cast, passes included), so that
conversations with tens of thousands of participants stay small in memory.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from medvirk.algorithms.opinions.csr import CsrMatrix
from medvirk.algorithms.opinions.model import Conversation, FloatArray, IntArray, Rules, Votes

GREEDY_N = 15


@dataclass(frozen=True)
class VoteMatrix:
    """Final votes: ``votes[i, j]`` is participant ``participant_ids[i]`` on statement
    ``statement_ids[j]`` (passes stored as explicit zeros); ``voted`` marks, with the same
    sparsity pattern, the cells where a vote (agree, disagree or pass) was cast.
    ``clusterable`` marks participants with enough votes. ``n_zeroed`` counts the excluded
    statements that had votes: Polis keeps them as columns of zeros, which count as voted
    by everyone in the sparsity scaling of the projection."""

    participant_ids: IntArray
    statement_ids: IntArray
    votes: CsrMatrix
    voted: CsrMatrix
    clusterable: npt.NDArray[np.bool_]
    n_zeroed: int = 0

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.participant_ids), len(self.statement_ids))

    def vote_counts(self) -> IntArray:
        """Number of statements each participant voted on."""
        return np.asarray(self.voted.sum(axis=1), dtype=np.int64).ravel()

    def tallies(self, rows: npt.NDArray[np.bool_] | None = None) -> tuple[FloatArray, ...]:
        """Agree, disagree and cast-vote counts per statement over the selected rows."""
        votes, voted = (
            (self.votes, self.voted) if rows is None else (self.votes[rows], self.voted[rows])
        )
        agree = np.asarray((votes > 0).sum(axis=0), dtype=np.float64).ravel()
        disagree = np.asarray((votes < 0).sum(axis=0), dtype=np.float64).ravel()
        cast = np.asarray(voted.sum(axis=0), dtype=np.float64).ravel()
        return agree, disagree, cast


def last_votes(votes: Votes) -> Votes:
    """One vote per (participant, statement): the latest, ties going to the later row.
    The result is ordered by participant, then statement."""
    key = votes.participants * (int(np.max(votes.statements, initial=0)) + 1) + votes.statements
    order = np.lexsort((np.arange(len(key)), votes.times, key))
    ordered_key = key[order]
    last = np.ones(len(order), dtype=bool)
    last[:-1] = ordered_key[1:] != ordered_key[:-1]
    return Votes(
        *(
            column[order[last]]
            for column in (votes.participants, votes.statements, votes.values, votes.times)
        )
    )


def clusterable_participants(
    counts: IntArray,
    n_statements: int,
    min_votes: int,
    already: npt.NDArray[np.bool_] | None = None,
) -> npt.NDArray[np.bool_]:
    """Polis' ``in-conv`` rule: at least ``min(min_votes, n_statements)`` votes, or already
    in (membership persists while history is replayed); while fewer than ``GREEDY_N`` are
    in, the most active remaining participants are added."""
    chosen = counts >= max(min(min_votes, n_statements), 1)
    if already is not None:
        chosen |= already
    missing = GREEDY_N - int(chosen.sum())
    if missing > 0:
        candidates = np.flatnonzero(~chosen & (counts > 0))
        ranked = candidates[np.argsort(-counts[candidates], kind="stable")]
        chosen[ranked[:missing]] = True
    return chosen


def build_matrix(
    conversation: Conversation, rules: Rules | None = None, already_in: set[int] | None = None
) -> VoteMatrix:
    """The vote matrix of a conversation: participants sorted by id, statements (those
    with votes, less the excluded ones) sorted by id. ``already_in`` holds participants
    that stay clusterable from an earlier update; ``rules`` may add those who voted
    before ``rules.all_voters_before``."""
    rules = rules or Rules()
    final = last_votes(conversation.votes)
    participant_ids, rows = np.unique(final.participants, return_inverse=True)
    voted_statements = np.unique(final.statements)
    statement_ids = np.setdiff1d(voted_statements, list(conversation.excluded_statement_ids()))
    # Polis counts every vote cast, also on statements moderated out later.
    all_counts = np.bincount(rows, minlength=len(participant_ids))
    column_of = np.full(int(np.max(voted_statements, initial=0)) + 1, -1)
    column_of[statement_ids] = np.arange(len(statement_ids))
    all_cols = column_of[final.statements]
    kept = all_cols >= 0
    cols = all_cols[kept]
    shape = (len(participant_ids), len(statement_ids))
    # last_votes orders by participant then statement, so the cells are already in CSR
    # order; passes stay stored as explicit zeros so that both matrices share one pattern.
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows[kept], minlength=shape[0]))])
    values = final.values[kept].astype(np.float64)
    votes = CsrMatrix(values, cols, indptr, shape)
    voted = votes.with_data(np.ones(len(cols)))
    already = None if not already_in else np.isin(participant_ids, list(already_in))
    if rules.all_voters_before is not None:
        early = np.isin(
            participant_ids,
            conversation.votes.participants[conversation.votes.times < rules.all_voters_before],
        )
        already = early if already is None else already | early
    return VoteMatrix(
        participant_ids=participant_ids,
        statement_ids=statement_ids,
        votes=votes,
        voted=voted,
        clusterable=clusterable_participants(
            all_counts, len(voted_statements), rules.min_votes, already
        ),
        n_zeroed=len(voted_statements) - len(statement_ids),
    )
