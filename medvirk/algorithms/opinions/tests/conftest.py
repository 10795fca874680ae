"""Hand-made conversations for the opinion engine's tests."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from medvirk.algorithms.opinions.model import Conversation, Statement, Votes

N_STATEMENTS = 10

# Every conversation under ../shared/data/polis/.
SHARED_CONVERSATIONS = (
    "15-per-hour-seattle",
    "american-assembly.bowling-green",
    "bg2050-volunteers",
    "brexit-consensus",
    "canadian-electoral-reform",
    "football-concussions",
    "london.youth.policing",
    "scoop-hivemind.ubi",
    "vtaiwan.uberx",
)


def two_camps(per_camp: int = 20) -> Conversation:
    """Two camps: camp 0 agrees with statements 0-4 and disagrees with 5-9, camp 1 the
    reverse; everyone agrees with statement 9... except that 9 is a consensus statement
    (all agree). Participant ``p`` is in camp ``p % 2``; every tenth vote is a pass."""
    rows = []
    for participant in range(2 * per_camp):
        camp = participant % 2
        for statement in range(N_STATEMENTS):
            vote = 1 if statement == N_STATEMENTS - 1 or (statement < 5) == (camp == 0) else -1
            if (participant + statement) % 10 == 3:
                vote = 0
            rows.append((participant, statement, vote, 1000 * participant + statement))
    statements = {s: Statement(s, f"Statement {s}", 1) for s in range(N_STATEMENTS)}
    return Conversation(Votes.from_rows(rows), statements, "Two camps")


def write_polis_folder(folder: Path, conversation: Conversation) -> Path:
    """Write ``conversation`` in Polis' export format (comments.csv, votes.csv)."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "comments.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "timestamp",
                "datetime",
                "comment-id",
                "author-id",
                "agrees",
                "disagrees",
                "moderated",
                "comment-body",
            ]
        )
        for s in conversation.statements.values():
            writer.writerow([0, "", s.statement_id, 0, 0, 0, s.moderated, s.text])
    with (folder / "votes.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["timestamp", "datetime", "comment-id", "voter-id", "vote"])
        v = conversation.votes
        for p, s, value, t in zip(v.participants, v.statements, v.values, v.times, strict=True):
            writer.writerow([int(t), "", int(s), int(p), int(value)])
    (folder / "summary.csv").write_text(f"topic,{conversation.topic}\n", encoding="utf-8")
    return folder


@pytest.fixture
def camps() -> Conversation:
    return two_camps()


@pytest.fixture
def camps_folder(tmp_path: Path) -> Path:
    return write_polis_folder(tmp_path / "camps", two_camps())
