"""The inputs of the opinion engine: votes and statements, held as numpy columns."""

from __future__ import annotations

from dataclasses import dataclass, field

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
