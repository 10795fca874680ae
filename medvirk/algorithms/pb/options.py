"""Names of the engine's options, in a module light enough for the command line to import.

Tie-breaking orders: ``lexicographic`` (by project id as a string, pabutools' default),
``min-cost`` and ``max-cost`` (cheapest or dearest first, equal costs by project id).
"""

from __future__ import annotations

RULES = ("greedy", "mes")
SATISFACTIONS = ("cost", "cardinality")
COMPLETIONS = ("none", "greedy", "add1")
TIE_BREAKINGS = ("lexicographic", "min-cost", "max-cost")

VOTE_TYPES = ("approval", "choose-1", "cumulative", "scoring", "ordinal")
"""Ballot types the engine reads and writes; ``choose-1`` is approval of exactly one."""

POINT_VOTE_TYPES = ("cumulative", "scoring")
"""Ballot types whose votes carry a ``points`` column."""
