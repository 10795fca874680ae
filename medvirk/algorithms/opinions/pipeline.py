"""One update of the opinion map: matrix → projection → base clusters → groups →
representative, consensus and divisive statements.

:func:`analyze` maps a snapshot of the votes; :func:`update` is the step that
:mod:`~medvirk.algorithms.opinions.replay` repeats over the history, carrying a
:class:`MathState` (components, clusterable participants, cluster centres, k smoother)
from one update to the next as Polis' math worker does.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from medvirk.algorithms.opinions import clustering
from medvirk.algorithms.opinions.consensus import (
    ConsensusStatement,
    DivisiveStatement,
    consensus_statements,
    divisive_statements,
)
from medvirk.algorithms.opinions.matrix import VoteMatrix, build_matrix, last_votes
from medvirk.algorithms.opinions.model import Conversation, FloatArray, IntArray, Rules
from medvirk.algorithms.opinions.pca import project
from medvirk.algorithms.opinions.repness import GroupTallies, Representative, representatives

MIN_PARTICIPANTS = 4
MIN_STATEMENTS = 2
STATUS_OK = "ok"
STATUS_NOT_ENOUGH_DATA = "not enough data"


@dataclass(frozen=True)
class MathState:
    """What one update hands to the next (all empty before the first)."""

    clusterable: frozenset[int] = frozenset()
    components: FloatArray | None = None
    base_members: clustering.Members | None = None
    group_members: dict[int, clustering.Members] = field(default_factory=dict)
    smoother: clustering.KSmoother = field(default_factory=clustering.KSmoother)
    updates: int = 0


@dataclass(frozen=True)
class Group:
    """One opinion group: its members' count, centre and representative statements."""

    group_id: int
    size: int
    center: tuple[float, float]
    representative: list[Representative]


@dataclass(frozen=True)
class BackgroundAnswers:
    """How each group answered one background statement: agree, disagree and pass
    counts, one per group in group order (the latest vote of each member)."""

    statement_id: int
    agree: list[int]
    disagree: list[int]
    passed: list[int]

    def agree_share(self, group: int, others: bool = False) -> float | None:
        """The share agreeing among the group's members who answered (with ``others``,
        among the other groups' members together); ``None`` if nobody answered."""
        agree, disagree, passed = (
            sum(counts) - counts[group] if others else counts[group]
            for counts in (self.agree, self.disagree, self.passed)
        )
        votes = agree + disagree + passed
        return agree / votes if votes else None


@dataclass(frozen=True)
class OpinionMap:
    """The result for one conversation; ``groups`` is empty when ``status`` is not ok."""

    status: str
    message: str
    topic: str
    n_participants: int
    n_statements: int
    participants: list[dict[str, Any]]
    groups: list[Group]
    consensus: dict[str, list[ConsensusStatement]]
    divisive: list[DivisiveStatement]
    group_count_chosen: int | None = None
    silhouettes: dict[int, float] = field(default_factory=dict)
    updates: int = 1
    background: list[BackgroundAnswers] = field(default_factory=list)
    statement_texts: dict[int, str] = field(default_factory=dict)

    def group_of(self) -> dict[int, int]:
        """Participant id → group id, for the grouped participants."""
        return {p["id"]: p["group"] for p in self.participants if p["group"] is not None}

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready document (statement texts inlined where known)."""
        document = asdict(self)
        texts = document.pop("statement_texts")
        for group in document["groups"]:
            for item in group["representative"]:
                item["text"] = texts.get(item["statement_id"], "")
        for items in document["consensus"].values():
            for item in items:
                item["text"] = texts.get(item["statement_id"], "")
        for item in document["divisive"] + document["background"]:
            item["text"] = texts.get(item["statement_id"], "")
        document["silhouettes"] = {str(k): v for k, v in document["silhouettes"].items()}
        return document


def _group_tallies(
    matrix: VoteMatrix, rows: np.ndarray, labels: np.ndarray, n_groups: int
) -> GroupTallies:
    per_group = [matrix.tallies(rows[labels == g]) for g in range(n_groups)]
    return GroupTallies(*(np.array([t[i] for t in per_group]) for i in range(3)))


@dataclass(frozen=True)
class Step:
    """The outcome of one update: the matrix, projection and grouping of its
    clusterable rows (each participant in their base cluster's group, as Polis has it),
    the state for the next update, or why no map could be made."""

    matrix: VoteMatrix
    state: MathState
    reason: str = ""
    coordinates: FloatArray | None = None
    rows: IntArray | None = None
    labels: IntArray | None = None
    centers: FloatArray | None = None
    this_k: int | None = None
    silhouettes: dict[int, float] = field(default_factory=dict)


def update(
    conversation: Conversation,
    state: MathState | None = None,
    seed: int = 0,
    rules: Rules | None = None,
    restarts: int = clustering.GROUP_RESTARTS,
    history: bool = False,
) -> Step:
    """Project and group the conversation's current votes. With ``history`` (a replay
    update) the projection and both clustering levels are warm-started from ``state``
    as Polis does (:func:`~medvirk.algorithms.opinions.clustering.warm_kmeans`);
    without, the participants are clustered afresh from the first distinct points (plus
    ``restarts`` seeded k-means++ starts for the groups, which a replay does not use)."""
    state = state or MathState()
    rules = rules or Rules()
    matrix = build_matrix(conversation, rules, already_in=set(state.clusterable))
    n_clusterable = int(matrix.clusterable.sum())
    if matrix.shape[1] < MIN_STATEMENTS:
        return Step(matrix, state, f"fewer than {MIN_STATEMENTS} statements with votes")
    projection = project(matrix, state.components, rules.imputation)
    rows = np.flatnonzero(matrix.clusterable)
    coordinates = projection.coordinates[rows]
    if n_clusterable < MIN_PARTICIPANTS:
        return Step(
            matrix,
            state,
            f"{n_clusterable} participants with at least {rules.min_votes} votes: "
            "too few for any group",
        )
    if len(np.unique(coordinates, axis=0)) < 2:
        return Step(matrix, state, "all participants voted alike: no groups to tell apart")
    base_members: clustering.Members | None = None
    group_members: dict[int, clustering.Members] = {}
    if history:
        base, base_members = clustering.warm_kmeans(
            matrix.participant_ids[rows],
            coordinates,
            clustering.BASE_K,
            state.base_members,
            max_iterations=clustering.BASE_ITERATIONS,
        )
        clusterings, group_members = clustering.warm_group_clusterings(
            base, base_members.cluster_ids, state.group_members
        )
    else:
        base = clustering.base_clusters(coordinates)
        clusterings = clustering.group_clusterings(base, restarts=restarts, seed=seed)
    scores = {k: clustering.silhouette(base.centers, c.labels) for k, c in clusterings.items()}
    this_k = clustering.best_k(scores)
    smoother = state.smoother.update(this_k)
    groups = clusterings[smoother.smoothed_k if smoother.smoothed_k in clusterings else this_k]
    new_state = MathState(
        clusterable=frozenset(matrix.participant_ids[rows].tolist()),
        components=projection.components,
        base_members=base_members,
        group_members=group_members,
        smoother=smoother,
        updates=state.updates + 1,
    )
    return Step(
        matrix,
        new_state,
        coordinates=projection.coordinates,
        rows=rows,
        labels=groups.labels[base.labels],
        centers=groups.centers,
        this_k=this_k,
        silhouettes=scores,
    )


def background_answers(
    conversation: Conversation, participant_ids: IntArray, groups: IntArray, n_groups: int
) -> list[BackgroundAnswers]:
    """Each group's answers to the conversation's background statements; ``groups[i]``
    is the group of participant ``participant_ids[i]`` (ids sorted, -1 for none)."""
    statement_ids = conversation.background_statement_ids()
    if not statement_ids or not len(participant_ids):
        return []
    final = last_votes(conversation.votes)
    position = np.searchsorted(participant_ids, final.participants)
    position = np.minimum(position, len(participant_ids) - 1)
    grouped = (participant_ids[position] == final.participants) & (groups[position] >= 0)
    answers = []
    for statement_id in statement_ids:
        on_it = grouped & (final.statements == statement_id)
        group = groups[position[on_it]]
        values = final.values[on_it]
        counts = [np.bincount(group[values == v], minlength=n_groups) for v in (1, -1, 0)]
        answers.append(BackgroundAnswers(statement_id, *(c.tolist() for c in counts)))
    return answers


def opinion_map(conversation: Conversation, step: Step) -> OpinionMap:
    """Describe an update: participants' places and groups, each group's representative
    statements, consensus and divisive statements."""
    matrix = step.matrix
    if (
        step.reason
        or step.labels is None
        or step.rows is None
        or step.centers is None
        or (step.coordinates is None)
    ):
        return OpinionMap(
            status=STATUS_NOT_ENOUGH_DATA,
            message=step.reason,
            topic=conversation.topic,
            n_participants=matrix.shape[0],
            n_statements=matrix.shape[1],
            participants=[],
            groups=[],
            consensus={"agree": [], "disagree": []},
            divisive=[],
            updates=step.state.updates,
        )
    # The groups shown are settled on the participants (once per map, not per update:
    # a replay carries the base-level groups from one update to the next).
    settled = clustering.settle(step.coordinates[step.rows], step.centers)
    labels, centers = settled.labels, settled.centers
    n_groups = len(centers)
    tallies = _group_tallies(matrix, step.rows, labels, n_groups)
    statement_ids = matrix.statement_ids.tolist()
    picked = representatives(tallies, statement_ids)
    group_of_row = np.full(matrix.shape[0], -1)
    group_of_row[step.rows] = labels
    participants = [
        {"id": int(pid), "x": float(x), "y": float(y), "group": int(g) if g >= 0 else None}
        for pid, (x, y), g in zip(
            matrix.participant_ids, step.coordinates, group_of_row, strict=True
        )
    ]
    return OpinionMap(
        status=STATUS_OK,
        message="",
        topic=conversation.topic,
        n_participants=matrix.shape[0],
        n_statements=matrix.shape[1],
        participants=participants,
        groups=[
            Group(
                g,
                int((labels == g).sum()),
                (float(centers[g][0]), float(centers[g][1])),
                picked[g],
            )
            for g in range(n_groups)
        ],
        consensus=consensus_statements(tallies, statement_ids),
        divisive=divisive_statements(tallies, statement_ids),
        group_count_chosen=step.this_k,
        silhouettes=step.silhouettes,
        updates=step.state.updates,
        background=background_answers(conversation, matrix.participant_ids, group_of_row, n_groups),
        statement_texts={s.statement_id: s.text for s in conversation.statements.values()},
    )


def analyze(
    conversation: Conversation,
    seed: int = 0,
    rules: Rules | None = None,
    restarts: int = clustering.GROUP_RESTARTS,
) -> OpinionMap:
    """The opinion map of the conversation's final votes, in one update."""
    return opinion_map(
        conversation, update(conversation, seed=seed, rules=rules, restarts=restarts)
    )
