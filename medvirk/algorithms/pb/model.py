"""The data model of a participatory budgeting election: projects, ballots and metadata.

An :class:`Election` is what a pabulib file holds: the META key/value pairs, the projects
(with their cost and any further columns such as name, category, target or score) and
the profile of ballots. Ballots are stored column-wise in numpy arrays (compressed rows)
rather than one Python object per vote, so that large files stay cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np


def parse_number(text: str) -> Fraction:
    """Parse a decimal number as an exact fraction (a decimal comma is accepted)."""
    return Fraction(text.strip().replace(",", "."))


def split_list(text: str | None) -> tuple[str, ...]:
    """Split a comma-separated pabulib list field into its stripped, non-empty entries."""
    if text is None:
        return ()
    return tuple(entry.strip() for entry in text.split(",") if entry.strip())


@dataclass(frozen=True)
class Project:
    """One project: its id, exact cost and the other PROJECTS columns as written."""

    project_id: str
    cost: Fraction
    fields: dict[str, str] = field(default_factory=dict)
    """Every other column of the project's row (``name``, ``category``, ``score``, ...)."""

    @property
    def name(self) -> str:
        """The human-readable name, or the id when the file gives none."""
        return self.fields.get("name") or self.project_id

    @property
    def categories(self) -> tuple[str, ...]:
        """The categories (``category`` or ``categories`` column)."""
        return split_list(self.fields.get("category", self.fields.get("categories")))

    @property
    def targets(self) -> tuple[str, ...]:
        """The target groups (``target`` or ``targets`` column)."""
        return split_list(self.fields.get("target", self.fields.get("targets")))

    @property
    def score(self) -> Fraction | None:
        """The ``score`` column (points received), when present."""
        value = self.fields.get("score")
        return parse_number(value) if value else None


class Profile:
    """The ballots, one row per voter, in compressed-row form.

    Voter ``v``'s ballot is ``projects[indptr[v]:indptr[v + 1]]`` (project indices, in
    the order written: the ranking for ordinal ballots) with ``points`` alongside for
    cumulative and scoring ballots. Other VOTES columns (age, sex, ...) are kept as
    strings in ``extra``, column by column; ``None`` marks a missing value.

    The voter ids and the other columns can be *deferred* (:meth:`deferred`): the reader
    has checked them, and turns them into Python strings only when first asked for, since
    the rules never need them.
    """

    def __init__(
        self,
        vote_type: str,
        voter_ids: list[str],
        indptr: np.ndarray,
        projects: np.ndarray,
        points: np.ndarray | None = None,
        columns: list[str] | None = None,
        extra: dict[str, list[str | None]] | None = None,
    ) -> None:
        self.vote_type = vote_type
        self.indptr = indptr
        self.projects = projects
        self.points = points
        self.columns = columns if columns is not None else ["voter_id", "vote"]
        self._voter_ids: list[str] | None = voter_ids
        self._extra: dict[str, list[str | None]] | None = extra if extra is not None else {}
        self._load: Callable[[], tuple[list[str], dict[str, list[str | None]]]] | None = None

    @classmethod
    def deferred(
        cls,
        vote_type: str,
        indptr: np.ndarray,
        projects: np.ndarray,
        points: np.ndarray | None,
        columns: list[str],
        load: Callable[[], tuple[list[str], dict[str, list[str | None]]]],
    ) -> Profile:
        """A profile whose voter ids and other columns ``load()`` returns when needed."""
        profile = cls(vote_type, [], indptr, projects, points, columns, {})
        profile._voter_ids = profile._extra = None
        profile._load = load
        return profile

    def _loaded(self) -> tuple[list[str], dict[str, list[str | None]]]:
        if self._voter_ids is None or self._extra is None:
            assert self._load is not None
            self._voter_ids, self._extra = self._load()
            self._load = None
        return self._voter_ids, self._extra

    @property
    def voter_ids(self) -> list[str]:
        """The voter ids, in file order."""
        return self._loaded()[0]

    @property
    def extra(self) -> dict[str, list[str | None]]:
        """The other VOTES columns (age, sex, ...), column by column."""
        return self._loaded()[1]

    @property
    def num_voters(self) -> int:
        """How many ballots the profile holds."""
        return len(self.indptr) - 1

    def ballot(self, voter: int) -> np.ndarray:
        """Project indices of one voter's ballot, in the order written."""
        return self.projects[self.indptr[voter] : self.indptr[voter + 1]]

    def same_as(self, other: Profile) -> bool:
        """Whether two profiles hold the same ballots, points and voter data."""
        points_equal = (self.points is None and other.points is None) or (
            self.points is not None
            and other.points is not None
            and np.array_equal(self.points, other.points)
        )
        return (
            self.vote_type == other.vote_type
            and self.voter_ids == other.voter_ids
            and np.array_equal(self.indptr, other.indptr)
            and np.array_equal(self.projects, other.projects)
            and points_equal
            and self.columns == other.columns
            and self.extra == other.extra
        )


@dataclass
class Election:
    """A whole PB election: metadata, projects (in file order) and the profile."""

    meta: dict[str, str]
    projects: list[Project]
    project_columns: list[str]
    profile: Profile

    @property
    def budget(self) -> Fraction:
        """The budget limit (META ``budget``)."""
        return parse_number(self.meta["budget"])

    @property
    def vote_type(self) -> str:
        """The ballot type (META ``vote_type``)."""
        return self.profile.vote_type

    def project_index(self) -> dict[str, int]:
        """Map from project id to its position in :attr:`projects`."""
        return {project.project_id: i for i, project in enumerate(self.projects)}

    def same_as(self, other: Election) -> bool:
        """Whether two elections hold the same metadata, projects and ballots."""
        return (
            self.meta == other.meta
            and self.projects == other.projects
            and self.project_columns == other.project_columns
            and self.profile.same_as(other.profile)
        )
