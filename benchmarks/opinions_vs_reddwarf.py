"""Benchmark: medvirk's opinion engine against red-dwarf (the Python port of Polis' math).

Runs both implementations, each in its own subprocess, on every conversation under
``../shared/data/polis/`` and on synthetic scale-ups (×10, ×25) of the largest, and prints
one table: wall time of the pipeline (data already in memory), peak memory of the
process (``ru_maxrss``), the speed ratio, and each one's adjusted Rand index against
Polis' own groups (the ``group-id`` column of ``participants-votes.csv``; not defined
for the synthetic copies); and, where ``votes.csv`` holds the history, the ARI and time
of medvirk's full replay of it (implementation ``replay``). A second table gives the ARIs
again with what ``polis_settings.json`` lists for each export: its background statements
(Polis' *meta* statements, which the export does not flag) and, where the export shows
that an older Polis worker made its groups, that worker's rules. red-dwarf is given the
same background statements (as moderated out); it has no switch for the older rules.
That table also gives red-dwarf's groups when its k-means starts from Polis' own
deterministic start (the first distinct participants in participant order) instead of
its own (the lexicographically smallest points).
Usage, from the repository root::

    .venv/bin/python benchmarks/opinions_vs_reddwarf.py [--only NAME] [--scales 10 25]

The machine may be shared: times are noisy, so each figure is the best of ``--repeat``.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from medvirk.algorithms.opinions.model import Conversation, Rules, Votes

REPO = Path(__file__).resolve().parents[1]
POLIS_DATA = REPO.parent / "shared" / "data" / "polis"
LARGEST = "american-assembly.bowling-green"
DROP_SHARE = 0.1
SETTINGS_FILE = (
    REPO / "medvirk" / "algorithms" / "opinions" / "tests" / "golden" / "polis_settings.json"
)


def export_settings(name: str, listed: bool = True) -> tuple[list[int], Rules]:
    """The background statements and rules listed for a shared conversation (with
    ``listed`` false: none, and Polis' current rules)."""
    from medvirk.algorithms.opinions.polis_io import read_export_settings

    return read_export_settings(SETTINGS_FILE, name) if listed else ([], Rules())


def scaled_votes(
    folder: Path, scale: int, background: list[int] | None = None
) -> tuple[Conversation, Votes]:
    """The conversation's votes, with ``scale - 1`` synthetic copies of every participant
    (each copy drops a random 10 % of the original's votes; seeded), and the
    ``background`` statements marked."""
    from medvirk.algorithms.opinions.polis_io import read_conversation

    conversation = read_conversation(folder, background=background or [])
    votes = conversation.votes
    if scale == 1:
        return conversation, votes
    rng = np.random.default_rng(scale)
    offset = int(np.max(votes.participants)) + 1
    parts = [votes]
    for copy in range(1, scale):
        keep = rng.random(len(votes)) >= DROP_SHARE
        parts.append(
            Votes(
                votes.participants[keep] + copy * offset,
                votes.statements[keep],
                votes.values[keep],
                votes.times[keep],
            )
        )
    merged = Votes(
        *(
            np.concatenate([getattr(p, name) for p in parts])
            for name in ("participants", "statements", "values", "times")
        )
    )
    return conversation, merged


def run_medvirk(
    folder: Path, scale: int, repeat: int, history: bool = False, settings: bool = False
) -> tuple[float, dict[int, int]]:
    from medvirk.algorithms.opinions.pipeline import analyze
    from medvirk.algorithms.opinions.replay import replay

    background, rules = export_settings(folder.name, settings)
    conversation, votes = scaled_votes(folder, scale, background)
    conversation = Conversation(votes, conversation.statements, conversation.topic)
    best, groups = float("inf"), {}
    for _ in range(repeat):
        start = time.perf_counter()
        result = (
            replay(conversation, rules=rules) if history else analyze(conversation, rules=rules)
        )
        best = min(best, time.perf_counter() - start)
        groups = result.group_of()
    return best, groups


def run_reddwarf(
    folder: Path, scale: int, repeat: int, settings: bool = False, polis_start: bool = False
) -> tuple[float, dict[int, int]]:
    """red-dwarf's time and groups; with ``polis_start``, the groups of a second run whose
    k-means starts, as Polis' does, from the first distinct projected participants in
    participant order (red-dwarf's own start takes the lexicographically smallest ones)."""
    from reddwarf.implementations.polis import run_pipeline

    from medvirk.algorithms.opinions.matrix import last_votes

    conversation, votes = scaled_votes(folder, scale, export_settings(folder.name, settings)[0])
    votes = last_votes(votes)  # red-dwarf expects one vote per (participant, statement)
    records = [
        {"participant_id": p, "statement_id": s, "vote": v, "modified": t}
        for p, s, v, t in zip(
            votes.participants.tolist(),
            votes.statements.tolist(),
            votes.values.tolist(),
            votes.times.tolist(),
            strict=True,
        )
    ]
    mod_out = sorted(conversation.excluded_statement_ids() & set(votes.statements.tolist()))
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = run_pipeline(votes=records, mod_out_statement_ids=mod_out, random_state=0)
        best = min(best, time.perf_counter() - start)
    if polis_start:
        frame = result.participants_df.sort_index()
        clusterable = frame.loc[frame["to_cluster"], ["x", "y"]].to_numpy()
        _, first = np.unique(clusterable, axis=0, return_index=True)
        result = run_pipeline(
            votes=records,
            mod_out_statement_ids=mod_out,
            random_state=0,
            init_centers=clusterable[np.sort(first)[:5]].tolist(),
        )
    labels = result.participants_df["cluster_id"].dropna()
    groups = {int(p): int(g) for p, g in labels.items()}
    return best, groups


def worker(
    implementation: str, folder: Path, scale: int, repeat: int, settings: bool = False
) -> None:
    """Run one implementation and print its figures as JSON (in a fresh process)."""
    from medvirk.algorithms.opinions.evaluation import adjusted_rand_index
    from medvirk.algorithms.opinions.polis_io import read_polis_groups

    if implementation.startswith("reddwarf"):
        polis_start = implementation == "reddwarf-polis-start"
        seconds, groups = run_reddwarf(folder, scale, repeat, settings, polis_start)
    else:
        seconds, groups = run_medvirk(folder, scale, repeat, implementation == "replay", settings)
    ari = adjusted_rand_index(groups, read_polis_groups(folder)) if scale == 1 else None
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_mb": peak_mb,
                "ari": ari,
                "groups": len(set(groups.values())),
            }
        )
    )


def measure(
    implementation: str, folder: Path, scale: int, repeat: int, settings: bool = False
) -> dict[str, float]:
    completed = subprocess.run(
        [
            sys.executable,
            __file__,
            "--worker",
            implementation,
            str(folder),
            "--scale",
            str(scale),
            "--repeat",
            str(repeat),
            *(["--settings"] if settings else []),
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    figures: dict[str, float] = json.loads(completed.stdout.strip().splitlines()[-1])
    return figures


def _ari(figures: dict[str, float] | None) -> str:
    """ARI with the number of groups, or a dash where Polis' groups do not apply."""
    if figures is None or figures["ari"] is None:
        return "—"
    return f"{figures['ari']:.2f} (k={int(figures['groups'])})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", nargs=2, metavar=("IMPLEMENTATION", "DIR"))
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--scales", type=int, nargs="*", default=[10, 25])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", help="run only this conversation")
    parser.add_argument("--no-replay", action="store_true", help="skip the history replays")
    parser.add_argument(
        "--settings",
        action="store_true",
        help="(worker) apply the conversation's listed background statements and rules",
    )
    parser.add_argument(
        "--no-settings", action="store_true", help="skip the table with the listed settings"
    )
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], Path(args.worker[1]), args.scale, args.repeat, args.settings)
        return 0
    if not POLIS_DATA.is_dir():
        print(f"no Polis data at {POLIS_DATA}", file=sys.stderr)
        return 2
    folders = sorted(p for p in POLIS_DATA.iterdir() if p.is_dir())
    cases = [(f, 1) for f in folders if not args.only or f.name == args.only]
    cases += [(POLIS_DATA / LARGEST, s) for s in args.scales]
    header = (
        f"{'conversation':<34} {'medvirk s':>9} {'red-dwarf s':>11} {'ratio':>6} "
        f"{'medvirk MB':>10} {'red-dwarf MB':>12} {'ARI medvirk':>11} {'ARI red-dwarf':>13} "
        f"{'ARI replay':>11} {'replay s':>8}"
    )
    print(header)
    print("-" * len(header))
    for folder, scale in cases:
        repeat = args.repeat if scale == 1 else 1
        ours = measure("medvirk", folder, scale, repeat)
        peer = measure("reddwarf", folder, scale, repeat)
        history = scale == 1 and (folder / "votes.csv").is_file() and not args.no_replay
        replayed = measure("replay", folder, scale, 1) if history else None
        name = folder.name + ("" if scale == 1 else f" ×{scale}")
        replay_seconds = f"{replayed['seconds']:.1f}" if replayed else "—"
        print(
            f"{name:<34} {ours['seconds']:>9.3f} {peer['seconds']:>11.3f} "
            f"{peer['seconds'] / ours['seconds']:>5.1f}× {ours['peak_mb']:>10.0f} "
            f"{peer['peak_mb']:>12.0f} {_ari(ours):>11} {_ari(peer):>13} "
            f"{_ari(replayed):>11} {replay_seconds:>8}",
            flush=True,
        )
    if not args.no_settings:
        settings_table([f for f in folders if not args.only or f.name == args.only], args)
    return 0


def _rules_text(rules: Rules) -> str:
    """The rules that differ from Polis' current ones, briefly."""
    parts = []
    if rules.imputation != Rules.imputation:
        parts.append(f"{rules.imputation}-filled")
    if rules.min_votes != Rules.min_votes:
        parts.append(f"min {rules.min_votes} votes")
    if rules.all_voters_before is not None:
        day = time.strftime("%Y-%m-%d", time.gmtime(rules.all_voters_before / 1000))
        parts.append(f"all before {day}")
    return ", ".join(parts) or "current"


def settings_table(folders: list[Path], args: argparse.Namespace) -> None:
    """ARIs against Polis' groups with each export's listed settings applied."""
    header = (
        f"\n{'with the listed settings':<34} {'background':>10} {'rules':<30} "
        f"{'ARI medvirk':>11} {'ARI red-dwarf':>13} {'red-dwarf, Polis start':>22} "
        f"{'ARI replay':>11}"
    )
    print(header)
    print("-" * (len(header) - 1))
    for folder in folders:
        background, rules = export_settings(folder.name)
        ours = measure("medvirk", folder, 1, 1, settings=True)
        peer = measure("reddwarf", folder, 1, 1, settings=True) if background else None
        peer_polis_start = measure("reddwarf-polis-start", folder, 1, 1, settings=True)
        history = (folder / "votes.csv").is_file() and not args.no_replay
        replayed = measure("replay", folder, 1, 1, settings=True) if history else None
        print(
            f"{folder.name:<34} {len(background):>10} {_rules_text(rules):<30} "
            f"{_ari(ours):>11} {_ari(peer) if peer else 'as above':>13} "
            f"{_ari(peer_polis_start):>22} {_ari(replayed):>11}",
            flush=True,
        )


if __name__ == "__main__":
    sys.exit(main())
