"""Outcomes of the PB rules and the per-project explanations a voter can read."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any


def money(value: Fraction | float) -> str:
    """A sum of money for display: rounded to whole units with thin grouping."""
    return f"{round(float(value)):,}".replace(",", " ")


@dataclass
class ProjectExplanation:
    """Why one project was or was not funded, in words and in numbers."""

    project_id: str
    selected: bool
    text: str
    facts: dict[str, Any] = field(default_factory=dict)
    """Machine-readable figures behind the text (floats for display, never decisions)."""

    def as_dict(self) -> dict[str, Any]:
        """The explanation as plain JSON-ready data."""
        return {"selected": self.selected, "text": self.text, **self.facts}


@dataclass
class Outcome:
    """The result of a rule: selected projects in selection order, money spent, explanations."""

    rule: str
    satisfaction: str
    completion: str
    tie_breaking: str
    selected: list[str]
    spent: Fraction
    budget: Fraction
    explanations: dict[str, ProjectExplanation]

    def as_dict(self) -> dict[str, Any]:
        """The outcome as plain JSON-ready data (money as floats)."""
        return {
            "rule": self.rule,
            "satisfaction": self.satisfaction,
            "completion": self.completion,
            "tie_breaking": self.tie_breaking,
            "selected": self.selected,
            "spent": float(self.spent),
            "budget": float(self.budget),
            "explanations": {pid: e.as_dict() for pid, e in self.explanations.items()},
        }
