"""What every rule needs to know about an election, computed once: who supports what.

Both satisfaction functions pabutools offers for these rules depend only on whether a
project appears on a ballot (``project in ballot``), whatever the ballot type: for
approval and choose-1 ballots the approved projects, for ordinal ballots the ranked
ones, for cumulative and scoring ballots those given points (even zero points). A
supporter of project ``p`` gets satisfaction ``cost(p)`` under cost satisfaction and
``1`` under cardinality satisfaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from medvirk.algorithms.pb.model import Election
from medvirk.algorithms.pb.options import SATISFACTIONS


@dataclass
class Support:
    """Supporters, satisfactions, costs and tie-breaking ranks of an election's projects."""

    ids: list[str]
    costs: list[Fraction]
    sat: list[Fraction]
    """Satisfaction of one supporter of each project."""
    supporters: list[np.ndarray]
    """Voter indices supporting each project (ascending)."""
    rank: np.ndarray
    """Position of each project in the tie-breaking order (0 wins all ties)."""
    num_voters: int
    budget: Fraction
    ballot_indptr: np.ndarray
    ballot_projects: np.ndarray
    _incidence: dict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)

    @property
    def num_projects(self) -> int:
        """How many projects the election has."""
        return len(self.ids)

    def total_sat(self, project: int) -> Fraction:
        """Total satisfaction the project gives all its supporters."""
        return self.sat[project] * len(self.supporters[project])

    def supporter_ballots(self, project: int) -> tuple[np.ndarray, np.ndarray]:
        """All ballot entries of the project's supporters, as (supporter position, project).

        The supporter position indexes ``supporters[project]``. Cached, since the Method of
        Equal Shares asks again for every selected project in every run.
        """
        cached = self._incidence.get(project)
        if cached is None:
            voters = self.supporters[project]
            starts = self.ballot_indptr[voters]
            lengths = self.ballot_indptr[voters + 1] - starts
            local = np.repeat(np.arange(len(voters)), lengths)
            offsets = np.arange(int(lengths.sum())) - np.repeat(
                np.cumsum(lengths) - lengths, lengths
            )
            cached = (local, self.ballot_projects[np.repeat(starts, lengths) + offsets])
            self._incidence[project] = cached
        return cached


def tie_breaking_rank(ids: list[str], costs: list[Fraction], tie_breaking: str) -> np.ndarray:
    """Rank of every project in the tie-breaking order (ids compare as strings)."""
    if tie_breaking == "lexicographic":
        order = sorted(range(len(ids)), key=lambda p: ids[p])
    elif tie_breaking == "min-cost":
        order = sorted(range(len(ids)), key=lambda p: (costs[p], ids[p]))
    elif tie_breaking == "max-cost":
        order = sorted(range(len(ids)), key=lambda p: (-costs[p], ids[p]))
    else:
        raise ValueError(f"unknown tie-breaking {tie_breaking!r}")
    rank = np.empty(len(ids), dtype=np.int64)
    rank[order] = np.arange(len(ids))
    return rank


def build_support(election: Election, satisfaction: str, tie_breaking: str) -> Support:
    """Collect supporters and satisfactions of every project of the election."""
    if satisfaction not in SATISFACTIONS:
        raise ValueError(f"unknown satisfaction {satisfaction!r}")
    profile = election.profile
    ids = [project.project_id for project in election.projects]
    costs = [project.cost for project in election.projects]
    sat = costs if satisfaction == "cost" else [Fraction(1)] * len(costs)
    voter_of = np.repeat(np.arange(profile.num_voters), np.diff(profile.indptr))
    projects = profile.projects
    if len(ids) <= 1 << 15:
        projects = projects.astype(np.int16)  # numpy sorts 16-bit integers by radix sort
    order = np.argsort(projects, kind="stable")
    counts = np.bincount(profile.projects, minlength=len(ids))
    supporters = np.split(voter_of[order], np.cumsum(counts)[:-1])
    return Support(
        ids=ids,
        costs=costs,
        sat=list(sat),
        supporters=supporters,
        rank=tie_breaking_rank(ids, costs, tie_breaking),
        num_voters=profile.num_voters,
        budget=election.budget,
        ballot_indptr=profile.indptr,
        ballot_projects=profile.projects,
    )
