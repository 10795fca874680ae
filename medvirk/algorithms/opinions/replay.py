"""Replay a conversation's vote history as Polis' math worker saw it.

Polis recomputes the opinion map as votes arrive, each update warm-started from the
previous one: the PCA from the previous components, the base clusters and the groups from
the previous clusters' *members* (:func:`~medvirk.algorithms.opinions.clustering.warm_kmeans`),
and the number of groups smoothed over updates
(:class:`~medvirk.algorithms.opinions.clustering.KSmoother`). The groups Polis shows
therefore depend on the history, not only on the final votes.

Here the votes are taken in time order and an update runs on all votes so far before a
vote that either comes ``interval_ms`` (default 6 hours) or more after the first vote of
the current batch, or would make the batch larger than ``growth`` (default 5 %) of the
votes already processed (and at least ``min_batch`` votes); and once after the last vote.
Polis itself recomputed every few seconds while votes came in, so its updates were many
and small while a conversation formed; the growth rule keeps early updates small (brexit's
first 2 312 votes came within 6 hours) while the number of updates stays logarithmic in
the number of votes plus one per pause. The result is sensitive to the cadence (see
``docs/algorithms/opinions.md``).
"""

from __future__ import annotations

import numpy as np

from medvirk.algorithms.opinions.clustering import GROUP_RESTARTS
from medvirk.algorithms.opinions.model import Conversation, IntArray, Rules
from medvirk.algorithms.opinions.pipeline import MathState, OpinionMap, opinion_map, update

DEFAULT_INTERVAL_MS = 6 * 60 * 60 * 1000
DEFAULT_GROWTH = 0.05
DEFAULT_MIN_BATCH = 10


def update_points(
    times: IntArray,
    interval_ms: int,
    growth: float = DEFAULT_GROWTH,
    min_batch: int = DEFAULT_MIN_BATCH,
) -> list[int]:
    """Vote counts (prefix lengths of the time-ordered votes) after which an update runs:
    before every vote that comes ``interval_ms`` or more after the first vote of the
    current batch or that would make the batch exceed ``max(min_batch, growth × votes
    before the batch)``, and at the end."""
    points: list[int] = []
    batch_start: int | None = None
    last = 0
    for index, time in enumerate(times.tolist()):
        if batch_start is not None and (
            time - batch_start >= interval_ms or index - last >= max(min_batch, growth * last)
        ):
            points.append(index)
            last = index
            batch_start = None
        if batch_start is None:
            batch_start = time
    points.append(len(times))
    return points


def replay(
    conversation: Conversation,
    interval_ms: int = DEFAULT_INTERVAL_MS,
    seed: int = 0,
    rules: Rules | None = None,
    restarts: int = GROUP_RESTARTS,
    growth: float = DEFAULT_GROWTH,
) -> OpinionMap:
    """The opinion map after replaying every update of the vote history."""
    votes = conversation.votes.in_time_order()
    state = MathState()
    positions = np.arange(len(votes))
    snapshot = conversation
    for end in update_points(votes.times, interval_ms, growth):
        snapshot = Conversation(
            votes.select(positions < end), conversation.statements, conversation.topic
        )
        step = update(snapshot, state, seed=seed, rules=rules, restarts=restarts, history=True)
        state = step.state
    return opinion_map(snapshot, step)
