"""Replay a conversation's vote history as Polis' math worker saw it.

Polis recomputes the opinion map as votes arrive, each update warm-started from the
previous one (PCA orientation, base-cluster and group centres) and with the number of
groups smoothed over updates (:class:`~medvirk.algorithms.opinions.clustering.KSmoother`).
The groups Polis shows therefore depend on the history, not only on the final votes.
Here the votes are taken in time order and an update runs on all votes so far whenever
the next vote comes ``interval_ms`` (default 6 hours) or more after the first vote of the
current batch, and once after the last vote. Polis itself recomputed every few seconds
while votes came in; a coarser cadence keeps a full replay fast, and gave Polis' groups
at least as often on the shared conversations as the finer ones tried (1 minute to 7 days).
"""

from __future__ import annotations

import numpy as np

from medvirk.algorithms.opinions.clustering import GROUP_RESTARTS
from medvirk.algorithms.opinions.matrix import MIN_VOTES
from medvirk.algorithms.opinions.model import Conversation, IntArray
from medvirk.algorithms.opinions.pipeline import MathState, OpinionMap, opinion_map, update

DEFAULT_INTERVAL_MS = 6 * 60 * 60 * 1000


def update_points(times: IntArray, interval_ms: int) -> list[int]:
    """Vote counts (prefix lengths of the time-ordered votes) after which an update runs:
    before every vote that comes ``interval_ms`` or more after the first vote of the
    current batch, and at the end."""
    points: list[int] = []
    batch_start: int | None = None
    for index, time in enumerate(times.tolist()):
        if batch_start is not None and time - batch_start >= interval_ms:
            points.append(index)
            batch_start = None
        if batch_start is None:
            batch_start = time
    points.append(len(times))
    return points


def replay(
    conversation: Conversation,
    interval_ms: int = DEFAULT_INTERVAL_MS,
    seed: int = 0,
    min_votes: int = MIN_VOTES,
    restarts: int = GROUP_RESTARTS,
) -> OpinionMap:
    """The opinion map after replaying every update of the vote history."""
    votes = conversation.votes.in_time_order()
    state = MathState()
    positions = np.arange(len(votes))
    snapshot = conversation
    for end in update_points(votes.times, interval_ms):
        snapshot = Conversation(
            votes.select(positions < end), conversation.statements, conversation.topic
        )
        step = update(snapshot, state, seed=seed, min_votes=min_votes, restarts=restarts)
        state = step.state
    return opinion_map(snapshot, step)
