"""The inputs of the opinion engine: votes and statements, held as numpy columns."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

AGREE = 1
DISAGREE = -1
PASS = 0

# Polis' moderation states in comments.csv: -1 moderated out, 0 not yet moderated, 1 accepted.
MODERATED_OUT = -1

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


class InvalidVotesError(ValueError):
    """The votes cannot be analysed as given (unknown statements, bad vote values...)."""


@dataclass(frozen=True)
class Statement:
    """One statement (Polis: comment) with its moderation state and text."""

    statement_id: int
    text: str = ""
    moderated: int = 0
    is_meta: bool = False

    @property
    def excluded(self) -> bool:
        """Moderated-out and meta statements take no part in the analysis."""
        return self.moderated == MODERATED_OUT or self.is_meta

    @property
    def background(self) -> bool:
        """A background statement (Polis: *meta*), such as "I am under 30" or "I live in
        the district": it describes the participants instead of giving an opinion, so it
        does not shape the groups but is reported for each group."""
        return self.is_meta and self.moderated != MODERATED_OUT


@dataclass(frozen=True)
class Votes:
    """Votes as parallel columns; ``times`` are milliseconds (0 where unknown)."""

    participants: IntArray
    statements: IntArray
    values: IntArray
    times: IntArray

    def __post_init__(self) -> None:
        sizes = {len(self.participants), len(self.statements), len(self.values), len(self.times)}
        if len(sizes) != 1:
            raise InvalidVotesError("vote columns have different lengths")
        bad = (self.values < DISAGREE) | (self.values > AGREE)
        if bad.any():
            index = int(np.flatnonzero(bad)[0])
            raise InvalidVotesError(
                f"vote value {int(self.values[index])} outside {{-1, 0, 1}} "
                f"(participant {int(self.participants[index])}, "
                f"statement {int(self.statements[index])})"
            )

    @classmethod
    def from_rows(cls, rows: list[tuple[int, int, int, int]]) -> Votes:
        """Build from ``(participant, statement, vote, time)`` tuples."""
        table = np.array(rows, dtype=np.int64).reshape(-1, 4)
        return cls(table[:, 0].copy(), table[:, 1].copy(), table[:, 2].copy(), table[:, 3].copy())

    def __len__(self) -> int:
        return len(self.values)

    def select(self, mask: npt.NDArray[np.bool_]) -> Votes:
        """The votes where ``mask`` is true, in the same order."""
        return Votes(
            self.participants[mask], self.statements[mask], self.values[mask], self.times[mask]
        )

    def in_time_order(self) -> Votes:
        """The votes sorted by time (stable, so equal times keep their file order)."""
        order = np.argsort(self.times, kind="stable")
        return Votes(
            self.participants[order], self.statements[order], self.values[order], self.times[order]
        )


@dataclass(frozen=True)
class Conversation:
    """The votes of one conversation and its statements, keyed by statement id."""

    votes: Votes
    statements: dict[int, Statement] = field(default_factory=dict)
    topic: str = ""

    def __post_init__(self) -> None:
        if not self.statements:
            return
        unknown = np.setdiff1d(np.unique(self.votes.statements), list(self.statements))
        if len(unknown):
            shown = ", ".join(str(int(s)) for s in unknown[:5])
            raise InvalidVotesError(f"votes on unknown statement ids: {shown}")

    def excluded_statement_ids(self) -> set[int]:
        """Moderated-out and meta statements."""
        return {s.statement_id for s in self.statements.values() if s.excluded}

    def background_statement_ids(self) -> list[int]:
        """The background (meta) statements that are not moderated out, in id order."""
        return sorted(s.statement_id for s in self.statements.values() if s.background)

    def with_background(self, statement_ids: Iterable[int]) -> Conversation:
        """The same conversation with these statements marked as background statements
        (Polis' export leaves out its *meta* flag, so it may have to be given)."""
        wanted = set(statement_ids)
        unknown = sorted(wanted - set(self.statements))
        if unknown:
            shown = ", ".join(str(s) for s in unknown[:5])
            raise InvalidVotesError(f"background statement ids not among the statements: {shown}")
        statements = {
            key: replace(statement, is_meta=statement.is_meta or key in wanted)
            for key, statement in self.statements.items()
        }
        return replace(self, statements=statements)


IMPUTATIONS = ("mean", "zero")


@dataclass(frozen=True)
class Rules:
    """How the votes are treated. The defaults are those of Polis' current math worker;
    the others reproduce exports that an older worker computed.

    * ``min_votes``: a participant is grouped once they have voted on
      ``min(min_votes, n_statements)`` statements (Polis: 7).
    * ``imputation``: a missing vote counts as the statement's mean vote (``"mean"``,
      Polis since about 2018) or as a pass (``"zero"``, Polis' earlier worker).
    * ``all_voters_before``: every participant whose first vote came before this time
      (milliseconds) is grouped whatever their number of votes, as Polis did for some
      conversations in 2017; ``None`` for no such participants.
    """

    min_votes: int = 7
    imputation: str = "mean"
    all_voters_before: int | None = None

    def __post_init__(self) -> None:
        if self.imputation not in IMPUTATIONS:
            raise InvalidVotesError(
                f"imputation {self.imputation!r} is not one of {', '.join(IMPUTATIONS)}"
            )
        if self.min_votes < 1:
            raise InvalidVotesError(f"min_votes must be at least 1, not {self.min_votes}")
