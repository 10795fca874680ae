"""Small hand-made elections for the PB tests, written as pabulib text."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from medvirk.algorithms.pb.model import Election
from medvirk.algorithms.pb.pabulib import parse_pabulib


def approval_election(
    budget: int | Fraction,
    costs: Mapping[str, int | float | Fraction],
    ballots: list[list[str]],
    vote_type: str = "approval",
) -> Election:
    """An election with the given project costs and one ballot per list of project ids."""
    lines = ["META", "key;value", f"budget;{budget}", f"vote_type;{vote_type}"]
    lines += ["PROJECTS", "project_id;cost;name"]
    lines += [f"{pid};{cost};Project {pid}" for pid, cost in costs.items()]
    lines += ["VOTES", "voter_id;vote"]
    lines += [f"v{i};{','.join(ballot)}" for i, ballot in enumerate(ballots)]
    return parse_pabulib("\n".join(lines) + "\n")


def three_project_election() -> Election:
    """Three voters approve a (60) and b (40), three approve c (40); budget 120."""
    return approval_election(120, {"a": 60, "b": 40, "c": 40}, [["a", "b"]] * 3 + [["c"]] * 3)
