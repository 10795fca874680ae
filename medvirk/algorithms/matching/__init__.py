"""Matching volunteers to needs (working groups that lack people). Pure Python, no Django.

One calling convention: profiles in, ranked :class:`Suggestion` objects out.

- :func:`score` tells whether one volunteer fits one need, how well, and why.
- :func:`rank` orders every fitting volunteer for one need.
- :func:`assign` fills several needs at once, greedily by score, giving no need more
  volunteers than it lacks and no volunteer more needs than they take on.
"""

from medvirk.algorithms.matching.model import Need, Suggestion, VolunteerProfile
from medvirk.algorithms.matching.scoring import WEIGHTS, assign, rank, score

__all__ = ["WEIGHTS", "Need", "Suggestion", "VolunteerProfile", "assign", "rank", "score"]
