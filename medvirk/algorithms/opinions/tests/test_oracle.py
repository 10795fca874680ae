"""Agreement with Polis' own groups (``group-id`` of ``participants-votes.csv``) on the
shared conversations, measured by the adjusted Rand index (ARI) over the participants
both assign. red-dwarf's figures come from ``golden/reddwarf.json``
(``scripts/opinions_golden.py``).

Every floor is the value measured now less 0.01 to 0.02, and is well above chance (a
random grouping, or everyone in one group, scores an ARI of about 0): a regression breaks
it. Where the ARI of the export as it is sits at chance level there is no floor, since
Polis' groups there come from settings that the export leaves out (background statements
it does not flag, the rules of an older Polis worker), so no grouping of the export as it
is can be expected to match them, and a floor at chance level would hold whatever the
engine did:

* as exported, one analysis: canadian-electoral-reform (0.17), football-concussions
  (0.13), london.youth.policing (−0.02), scoop-hivemind.ubi (0.06);
* as exported, replay: london.youth.policing (0.09), scoop-hivemind.ubi (0.06);
* with the listed settings, replay: canadian-electoral-reform (0.13),
  scoop-hivemind.ubi (0.06).

Those conversations are still held by the other floors on them (canadian's replay as
exported, the analyses with the listed settings). No test asserts that the engine stays
below red-dwarf anywhere: an improvement never fails a test.

The results with per-conversation settings (``golden/polis_settings.json``) are kept in
their own tests, below, apart from the results as exported: those settings were chosen
by reading the evaluation data (Polis' own groups), so their ARIs are not a measure of
the export as it is.
"""

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
from medvirk.algorithms.opinions.tests.conftest import SHARED_CONVERSATIONS as CONVERSATIONS
from medvirk.testing.shared_data import shared_data_dir

GOLDEN = json.loads((Path(__file__).parent / "golden" / "reddwarf.json").read_text())
SETTINGS = Path(__file__).parent / "golden" / "polis_settings.json"


# As exported: ARI floors of one analysis of the final votes (measured value less
# 0.01-0.02), where the ARI is well above chance (see the module docstring).
ANALYZE_FLOORS = {
    "15-per-hour-seattle": 0.84,  # measured 0.856
    "american-assembly.bowling-green": 0.41,  # 0.424
    "bg2050-volunteers": 0.99,  # 1.000
    "brexit-consensus": 0.54,  # 0.558
    "vtaiwan.uberx": 0.81,  # 0.826
}

# Where one analysis is at least as close to Polis as red-dwarf (golden figures).
AT_LEAST_REDDWARF = {
    "15-per-hour-seattle",
    "american-assembly.bowling-green",
    "bg2050-volunteers",
    "vtaiwan.uberx",
}

# As exported: ARI floors of the replayed history (measured value less 0.01-0.02), for
# the conversations quick enough to replay in the test suite; vtaiwan.uberx (0.82) and
# football-concussions (0.15) take 12-14 s each and are replayed by the benchmark.
REPLAY_FLOORS = {
    "15-per-hour-seattle": 0.87,  # measured 0.884
    "bg2050-volunteers": 0.72,  # 0.731
    "brexit-consensus": 0.86,  # 0.878
    "canadian-electoral-reform": 0.95,  # 0.964
}

# Where the replay is at least as close to Polis as red-dwarf (golden figures).
REPLAY_AT_LEAST_REDDWARF = {"15-per-hour-seattle", "bg2050-volunteers", "brexit-consensus"}


@pytest.mark.parametrize("name", sorted(ANALYZE_FLOORS))
def test_analysis_agrees_with_polis_at_pinned_level(name: str) -> None:
    """As exported, one analysis of the final votes keeps its measured agreement with
    Polis, and stays at or above red-dwarf's where it reached it."""
    folder = shared_data_dir("polis", name)
    result = analyze(read_conversation(folder))
    agreement = adjusted_rand_index(result.group_of(), read_polis_groups(folder))
    assert agreement >= ANALYZE_FLOORS[name]
    if name in AT_LEAST_REDDWARF:
        assert agreement >= GOLDEN[name]["ari"]


@pytest.mark.parametrize("name", sorted(REPLAY_FLOORS))
def test_replay_agrees_with_polis_at_pinned_level(name: str) -> None:
    """As exported, replaying the vote history keeps its measured agreement with Polis,
    and stays at or above red-dwarf's where it reached it."""
    folder = shared_data_dir("polis", name)
    result = replay(read_conversation(folder))
    agreement = adjusted_rand_index(result.group_of(), read_polis_groups(folder))
    assert agreement >= REPLAY_FLOORS[name]
    if name in REPLAY_AT_LEAST_REDDWARF:
        assert agreement >= GOLDEN[name]["ari"]


def test_golden_covers_every_conversation() -> None:
    """red-dwarf's golden figures exist for every shared conversation."""
    assert set(GOLDEN) == set(CONVERSATIONS) >= set(ANALYZE_FLOORS) | set(REPLAY_FLOORS)
    assert set(ANALYZE_FLOORS) >= AT_LEAST_REDDWARF
    assert set(REPLAY_FLOORS) >= REPLAY_AT_LEAST_REDDWARF


# --- With per-conversation settings chosen by reading the evaluation data ---------------
#
# What golden/polis_settings.json lists for each export: background statements, and the
# rules of an older Polis worker where the export seems to show them. They were chosen by
# reading Polis' own groups, the very data these tests measure against, so the ARIs
# below are not results of the export as it is; they are reported apart (here, in the
# benchmark's third table and in docs/algorithms/opinions.md).

# ARI floors of one analysis (measured value less 0.01-0.02).
SETTINGS_ANALYZE_FLOORS = {
    "15-per-hour-seattle": 0.84,  # measured 0.856
    "american-assembly.bowling-green": 0.41,  # 0.424
    "bg2050-volunteers": 0.99,  # 1.000
    "brexit-consensus": 0.96,  # 0.979
    "canadian-electoral-reform": 0.88,  # 0.898
    "football-concussions": 0.33,  # 0.348
    "london.youth.policing": 0.99,  # 1.000
    "scoop-hivemind.ubi": 0.93,  # 0.944
    "vtaiwan.uberx": 0.81,  # 0.826
}

# ... and of the replay, where the history is quick enough to replay in the tests and
# the ARI is well above chance.
SETTINGS_REPLAY_FLOORS = {
    "15-per-hour-seattle": 0.87,  # measured 0.884
    "bg2050-volunteers": 0.72,  # 0.731
    "brexit-consensus": 0.92,  # 0.938
    "london.youth.policing": 0.56,  # 0.573
}


def _reddwarf_best(name: str) -> float:
    """red-dwarf's agreement with Polis on the export as it is and given the same
    background statements, whichever is higher."""
    return max(GOLDEN[name]["ari"], GOLDEN[name].get("ari_background", -1.0))


@pytest.mark.parametrize("name", sorted(SETTINGS_ANALYZE_FLOORS))
def test_analysis_with_export_settings_agrees_with_polis(name: str) -> None:
    """With the listed settings (chosen by reading Polis' groups) one analysis keeps its
    measured agreement with Polis, and is at least as close as red-dwarf (with or
    without the same background statements) everywhere but canadian-electoral-reform
    (0.90 against 1.00: three of 281 participants on the boundary), where it is at least
    as close as red-dwarf started like Polis, from the first distinct participants."""
    folder = shared_data_dir("polis", name)
    background, rules = read_export_settings(SETTINGS, name)
    result = analyze(read_conversation(folder, background=background), rules=rules)
    agreement = adjusted_rand_index(result.group_of(), read_polis_groups(folder))
    assert agreement >= SETTINGS_ANALYZE_FLOORS[name]
    if name == "canadian-electoral-reform":
        assert round(agreement, 4) >= GOLDEN[name]["ari_polis_start"]
    else:
        assert round(agreement, 4) >= _reddwarf_best(name)


@pytest.mark.parametrize("name", sorted(SETTINGS_REPLAY_FLOORS))
def test_replay_with_export_settings_agrees_with_polis(name: str) -> None:
    """With the listed settings (chosen by reading Polis' groups) the replay keeps its
    measured agreement with Polis."""
    folder = shared_data_dir("polis", name)
    background, rules = read_export_settings(SETTINGS, name)
    result = replay(read_conversation(folder, background=background), rules=rules)
    agreement = adjusted_rand_index(result.group_of(), read_polis_groups(folder))
    assert agreement >= SETTINGS_REPLAY_FLOORS[name]


def test_settings_cover_every_conversation() -> None:
    """Every shared conversation is listed in the settings, and every listed background
    statement is one of its statements (read_conversation refuses unknown ones)."""
    assert set(json.loads(SETTINGS.read_text())["conversations"]) == set(CONVERSATIONS)
    assert set(SETTINGS_ANALYZE_FLOORS) == set(CONVERSATIONS)
    for name in CONVERSATIONS:
        background, _rules = read_export_settings(SETTINGS, name)
        conversation = read_conversation(shared_data_dir("polis", name), background=background)
        assert conversation.background_statement_ids() == sorted(background)
