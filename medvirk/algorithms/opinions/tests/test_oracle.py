"""Agreement with Polis' own groups (``group-id`` of ``participants-votes.csv``) on the
shared conversations, measured by the adjusted Rand index (ARI) over the participants
both assign. The floors pin the level reached (so regressions fail); red-dwarf's figures
come from ``golden/reddwarf.json`` (``scripts/opinions_golden.py``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medvirk.algorithms.opinions.evaluation import adjusted_rand_index
from medvirk.algorithms.opinions.pipeline import analyze
from medvirk.algorithms.opinions.polis_io import (
    read_conversation,
    read_export_settings,
    read_polis_groups,
)
from medvirk.algorithms.opinions.replay import replay
from medvirk.testing.shared_data import shared_data_dir

GOLDEN = json.loads((Path(__file__).parent / "golden" / "reddwarf.json").read_text())
SETTINGS = Path(__file__).parent / "golden" / "polis_settings.json"

# ARI floors of one analysis of the final votes (measured value minus 0.01).
ANALYZE_FLOORS = {
    "15-per-hour-seattle": 0.84,
    "american-assembly.bowling-green": 0.41,
    "bg2050-volunteers": 0.99,
    "brexit-consensus": 0.54,
    "canadian-electoral-reform": 0.16,
    "football-concussions": 0.11,
    "london.youth.policing": -0.03,
    "scoop-hivemind.ubi": 0.05,
    "vtaiwan.uberx": 0.81,
}

# Where one analysis is at least as close to Polis as red-dwarf (golden figures).
AT_LEAST_REDDWARF = {
    "15-per-hour-seattle",
    "american-assembly.bowling-green",
    "bg2050-volunteers",
    "vtaiwan.uberx",
}

# ARI floors of the replayed history (measured value minus 0.01), for the conversations
# quick enough to replay in the test suite; vtaiwan.uberx (0.82) and football-concussions
# (0.15) take 12-14 s each and are replayed by the benchmark.
REPLAY_FLOORS = {
    "15-per-hour-seattle": 0.87,
    "bg2050-volunteers": 0.72,
    "brexit-consensus": 0.86,
    "canadian-electoral-reform": 0.95,
    "london.youth.policing": 0.08,
    "scoop-hivemind.ubi": 0.05,
}

# Where the replay is at least as close to Polis as red-dwarf (golden figures).
REPLAY_AT_LEAST_REDDWARF = {"15-per-hour-seattle", "bg2050-volunteers", "brexit-consensus"}


@pytest.mark.parametrize("name", sorted(ANALYZE_FLOORS))
def test_analysis_agrees_with_polis_at_pinned_level(name: str) -> None:
    """One analysis of the final votes keeps its measured agreement with Polis, and
    stays at or above red-dwarf's where it reached it."""
    folder = shared_data_dir("polis", name)
    result = analyze(read_conversation(folder))
    agreement = adjusted_rand_index(result.group_of(), read_polis_groups(folder))
    assert agreement >= ANALYZE_FLOORS[name]
    if name in AT_LEAST_REDDWARF:
        assert agreement >= GOLDEN[name]["ari"]


@pytest.mark.parametrize("name", sorted(REPLAY_FLOORS))
def test_replay_agrees_with_polis_at_pinned_level(name: str) -> None:
    """Replaying the vote history keeps its measured agreement with Polis."""
    folder = shared_data_dir("polis", name)
    result = replay(read_conversation(folder))
    agreement = adjusted_rand_index(result.group_of(), read_polis_groups(folder))
    assert agreement >= REPLAY_FLOORS[name]
    if name in REPLAY_AT_LEAST_REDDWARF:
        assert agreement >= GOLDEN[name]["ari"]


def test_golden_covers_every_conversation() -> None:
    """red-dwarf's golden figures exist for every pinned conversation."""
    assert set(GOLDEN) == set(ANALYZE_FLOORS) >= AT_LEAST_REDDWARF | set(REPLAY_FLOORS)
    assert set(REPLAY_FLOORS) >= REPLAY_AT_LEAST_REDDWARF


# With what Polis knew but its export leaves out (golden/polis_settings.json: background
# statements, and the rules of an older Polis worker where the export shows them): ARI
# floors of one analysis (measured value minus 0.01).
SETTINGS_ANALYZE_FLOORS = {
    "15-per-hour-seattle": 0.84,
    "american-assembly.bowling-green": 0.41,
    "bg2050-volunteers": 0.99,
    "brexit-consensus": 0.96,
    "canadian-electoral-reform": 0.88,
    "football-concussions": 0.33,
    "london.youth.policing": 0.99,
    "scoop-hivemind.ubi": 0.93,
    "vtaiwan.uberx": 0.81,
}

# ... and of the replay, where the history is quick enough to replay in the tests.
SETTINGS_REPLAY_FLOORS = {
    "15-per-hour-seattle": 0.87,
    "bg2050-volunteers": 0.72,
    "brexit-consensus": 0.92,
    "canadian-electoral-reform": 0.12,
    "london.youth.policing": 0.56,
    "scoop-hivemind.ubi": 0.05,
}


def _reddwarf_best(name: str) -> float:
    """red-dwarf's agreement with Polis on the export as it is and given the same
    background statements, whichever is higher."""
    return max(GOLDEN[name]["ari"], GOLDEN[name].get("ari_background", -1.0))


@pytest.mark.parametrize("name", sorted(SETTINGS_ANALYZE_FLOORS))
def test_analysis_with_export_settings_agrees_with_polis(name: str) -> None:
    """With the listed settings one analysis keeps its measured agreement with Polis,
    and is at least as close as red-dwarf (with or without the same background
    statements) everywhere but canadian-electoral-reform (0.90 against 1.00: three of 281
    participants on the boundary). There red-dwarf's edge is its k-means start (the
    lexicographically smallest points): started like Polis, from the first distinct
    participants, it is not closer than we are."""
    folder = shared_data_dir("polis", name)
    background, rules = read_export_settings(SETTINGS, name)
    result = analyze(read_conversation(folder, background=background), rules=rules)
    agreement = adjusted_rand_index(result.group_of(), read_polis_groups(folder))
    assert agreement >= SETTINGS_ANALYZE_FLOORS[name]
    if name == "canadian-electoral-reform":
        assert round(agreement, 4) < _reddwarf_best(name)
        assert round(agreement, 4) >= GOLDEN[name]["ari_polis_start"]
    else:
        assert round(agreement, 4) >= _reddwarf_best(name)


@pytest.mark.parametrize("name", sorted(SETTINGS_REPLAY_FLOORS))
def test_replay_with_export_settings_agrees_with_polis(name: str) -> None:
    """With the listed settings the replay keeps its measured agreement with Polis."""
    folder = shared_data_dir("polis", name)
    background, rules = read_export_settings(SETTINGS, name)
    result = replay(read_conversation(folder, background=background), rules=rules)
    agreement = adjusted_rand_index(result.group_of(), read_polis_groups(folder))
    assert agreement >= SETTINGS_REPLAY_FLOORS[name]


def test_settings_cover_every_conversation() -> None:
    """Every shared conversation is listed in the settings, and every listed background
    statement is one of its statements (read_conversation refuses unknown ones)."""
    assert set(json.loads(SETTINGS.read_text())["conversations"]) == set(ANALYZE_FLOORS)
    for name in ANALYZE_FLOORS:
        background, _rules = read_export_settings(SETTINGS, name)
        conversation = read_conversation(shared_data_dir("polis", name), background=background)
        assert conversation.background_statement_ids() == sorted(background)
