"""Benchmark: medvirk's opinion engine against red-dwarf (the Python port of Polis' math).

Both engines are timed the same way, in two tables, on every conversation under
``../shared/data/polis/`` and on synthetic scale-ups (×10, ×25) of the largest:

1. **Whole process**, from the same files to the result: the wall time of a fresh
   process, its CPU time and its peak memory (``ru_maxrss`` of that child, from
   ``os.wait4``). Ours is the real command line, ``medvirk opinions analyze DIR --json``
   (output to ``/dev/null``); red-dwarf's is :func:`reddwarf_process`, run as
   ``--reddwarf-process DIR OUT``: it reads the same files as a red-dwarf user would
   (red-dwarf's own loader reads CSV exports only over HTTP, so its steps are applied to
   the local files: ``votes.csv`` through its ``Vote`` model and
   ``Loader.filter_duplicate_votes``, or, where the conversation has only the final
   matrix, ``participants-votes.csv`` with the ``csv`` module), runs
   ``reddwarf.implementations.polis.run_pipeline`` (PCA and k-means, its fastest and
   default mode; it has no switch that makes it faster) and writes its result as JSON.
   The scale-ups are written once, untimed, to a temporary folder in Polis' format
   (``participants-votes.csv``, the format of the conversation they copy).
2. **In process**, from the same parsed input: one shared reader parses the files once
   (untimed) into a list of vote records ``{participant_id, statement_id, vote,
   modified}`` (the last vote of each participant on each statement, as red-dwarf
   expects) and the statements; the timer then covers everything from those records to
   the groups, for both: our conversion of the records into arrays and the analysis;
   red-dwarf's ``run_pipeline``, which builds its data frames from them (both engines'
   modules are imported before the timer starts). Each engine runs
   in its own subprocess; the adjusted Rand index (ARI) against Polis' own groups
   (``group-id`` of ``participants-votes.csv``; not defined for the synthetic copies)
   comes from this run; where ``votes.csv`` holds the history, the ARI and time of
   medvirk's full replay of it (in process, from the files) are added. The peak memory
   is that of the timed part (the peak is reset, on Linux, once the input is built),
   which includes the input held in memory; "input MB" is our process' size just before
   the timer starts (interpreter, modules and the shared records).

Both tables give the export as it is. A third table, kept apart, gives the ARIs with
per-conversation settings that were chosen by reading the evaluation data (Polis' own
groups), so it is not a measure of results as exported: what ``polis_settings.json``
lists for each export, its background statements (Polis' *meta* statements, which the
export does not flag) and, where the export suggests that an older Polis worker made
its groups, that worker's rules. red-dwarf is given the same background statements (as
moderated out); it has no switch for the older rules. That table also gives red-dwarf's
groups when its k-means starts from Polis' own deterministic start (the first distinct
participants in participant order) instead of its own (the lexicographically smallest
points).

Usage, from the repository root::

    .venv/bin/python benchmarks/opinions_vs_reddwarf.py [--only NAME] [--scales 10 25]

The machine may be shared: times are noisy, so each time is the best of ``--repeat``
(1 for the scale-ups), with the CPU time of that run beside it. This process imports
neither numpy nor the engines and writes the scale-ups in a child of its own: Linux
reports a child's peak memory as at least its parent's (``ru_maxrss`` survives
``exec``), so the parent stays small.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
POLIS_DATA = REPO.parent / "shared" / "data" / "polis"
LARGEST = "american-assembly.bowling-green"
DROP_SHARE = 0.1
SETTINGS_FILE = (
    REPO / "medvirk" / "algorithms" / "opinions" / "tests" / "golden" / "polis_settings.json"
)
MEDVIRK = Path(sys.executable).parent / "medvirk"  # the console script beside this Python


# --- red-dwarf as a whole process ---------------------------------------------------------


def reddwarf_process(folder: Path, out: Path) -> None:
    """red-dwarf from the files of ``folder`` to its result in ``out`` (JSON), as a user
    of red-dwarf would write it. Imports only the standard library and red-dwarf."""
    import warnings

    warnings.simplefilter("ignore")  # pydantic's warnings about red-dwarf's models
    from reddwarf.implementations.polis import run_pipeline

    with (folder / "comments.csv").open(newline="", encoding="utf-8") as handle:
        mod_out = sorted(
            int(row["comment-id"])
            for row in csv.DictReader(handle)
            if (row.get("moderated") or "").strip() == "-1"
            or (row.get("is-meta") or "").strip().lower() == "true"
        )
    if (folder / "votes.csv").is_file():
        from reddwarf.data_loader import Loader
        from reddwarf.models import Vote

        loader = Loader()
        with (folder / "votes.csv").open(newline="", encoding="utf-8") as handle:
            loader.votes_data = [
                Vote(**row).model_dump(mode="json") for row in csv.DictReader(handle)
            ]
        loader.filter_duplicate_votes(keep="recent")
        votes = loader.votes_data
    else:
        with (folder / "participants-votes.csv").open(newline="", encoding="utf-8") as handle:
            rows = csv.reader(handle)
            header = next(rows)
            fixed = {"participant", "xid", "group-id", "n-comments", "n-votes"}
            fixed |= {"n-agree", "n-disagree"}
            columns = [(i, int(name)) for i, name in enumerate(header) if name not in fixed]
            at = header.index("participant")
            votes = [
                {"participant_id": int(row[at]), "statement_id": s, "vote": int(row[i])}
                | {"modified": 0}
                for row in rows
                for i, s in columns
                if row[i].strip()
            ]
    voted = {v["statement_id"] for v in votes}
    result = run_pipeline(
        votes=votes, mod_out_statement_ids=[s for s in mod_out if s in voted], random_state=0
    )
    labels = result.participants_df["cluster_id"].dropna()
    document = {
        "groups": {str(p): int(g) for p, g in labels.items()},
        "projections": {
            str(p): list(map(float, xy)) for p, xy in result.participant_projections.items()
        },
        "repness": result.repness,
        "consensus": result.consensus,
    }
    out.write_text(json.dumps(document, default=_plain), encoding="utf-8")


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else str(value)


def run_child(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak memory (MB) of one fresh process."""
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def whole_process(folder: Path, repeat: int) -> dict[str, dict[str, float]]:
    """Both engines as whole processes on ``folder``: best wall time of ``repeat`` runs,
    the CPU time of that run, the highest peak memory."""
    figures = {}
    with tempfile.TemporaryDirectory() as scratch:
        commands = {
            "medvirk": [str(MEDVIRK), "opinions", "analyze", str(folder), "--json"],
            "reddwarf": [
                sys.executable,
                str(Path(__file__).resolve()),
                "--reddwarf-process",
                str(folder),
                str(Path(scratch) / "reddwarf.json"),
            ],
        }
        for name, command in commands.items():
            runs = [run_child(command) for _ in range(repeat)]
            wall, cpu, _ = min(runs)
            figures[name] = {"wall": wall, "cpu": cpu, "peak_mb": max(r[2] for r in runs)}
    return figures


# --- the shared input and the in-process runs ---------------------------------------------


def export_settings(name: str, listed: bool = True) -> tuple[list[int], Any]:
    """The background statements and rules listed for a shared conversation (with
    ``listed`` false: none, and Polis' current rules)."""
    from medvirk.algorithms.opinions.model import Rules
    from medvirk.algorithms.opinions.polis_io import read_export_settings

    return read_export_settings(SETTINGS_FILE, name) if listed else ([], Rules())


def scaled_votes(folder: Path, scale: int, background: list[int] | None = None) -> Any:
    """The conversation, with ``scale - 1`` synthetic copies of every participant (each
    copy drops a random 10 % of the original's votes; seeded), and the ``background``
    statements marked."""
    import numpy as np

    from medvirk.algorithms.opinions.model import Conversation, Votes
    from medvirk.algorithms.opinions.polis_io import read_conversation

    conversation = read_conversation(folder, background=background or [])
    votes = conversation.votes
    if scale == 1:
        return conversation
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
    return Conversation(merged, conversation.statements, conversation.topic)


def write_scaled(folder: Path, scale: int, target: Path) -> Path:
    """Write the ``scale``-fold copy of ``folder`` in Polis' format (its final matrix,
    ``participants-votes.csv``, with ``comments.csv`` and ``summary.csv``)."""
    import numpy as np

    from medvirk.algorithms.opinions.matrix import last_votes

    votes = last_votes(scaled_votes(folder, scale).votes)
    participants, rows = np.unique(votes.participants, return_inverse=True)
    statements, columns = np.unique(votes.statements, return_inverse=True)
    cells = np.zeros((len(participants), len(statements)), dtype=np.int8)
    cells[rows, columns] = votes.values + 2  # 0 empty, 1 disagree, 2 pass, 3 agree
    tokens = np.array(["", "-1", "0", "1"])
    target.mkdir(parents=True, exist_ok=True)
    with (target / "participants-votes.csv").open("w", encoding="utf-8") as handle:
        handle.write(",".join(["participant", "group-id", *map(str, statements)]) + "\n")
        for participant, row in zip(participants.tolist(), tokens[cells], strict=True):
            handle.write(f"{participant},," + ",".join(row.tolist()) + "\n")
    for name in ("comments.csv", "summary.csv"):
        if (folder / name).is_file():
            (target / name).write_bytes((folder / name).read_bytes())
    return target


def shared_input(folder: Path, scale: int, background: list[int]) -> tuple[Any, ...]:
    """The input both engines start from: the vote records (last vote of each
    participant on each statement), the statements and the excluded statement ids."""
    from medvirk.algorithms.opinions.matrix import last_votes

    conversation = scaled_votes(folder, scale, background)
    votes = last_votes(conversation.votes)
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
    voted = set(votes.statements.tolist())
    mod_out = sorted(conversation.excluded_statement_ids() & voted)
    return records, conversation.statements, mod_out


def medvirk_from_records(records: list[dict[str, int]], statements: Any, rules: Any) -> Any:
    """Our engine from the shared records: their conversion into arrays, then one
    analysis; the groups."""
    import numpy as np

    from medvirk.algorithms.opinions.model import Conversation, Votes
    from medvirk.algorithms.opinions.pipeline import analyze

    columns = ("participant_id", "statement_id", "vote", "modified")
    votes = Votes(
        *(np.fromiter((r[c] for r in records), dtype=np.int64, count=len(records)) for c in columns)
    )
    return analyze(Conversation(votes, statements), rules=rules).group_of()


def reddwarf_from_records(
    records: list[dict[str, int]], mod_out: list[int], init_centers: Any = None
) -> Any:
    from reddwarf.implementations.polis import run_pipeline

    return run_pipeline(
        votes=records, mod_out_statement_ids=mod_out, random_state=0, init_centers=init_centers
    )


def _reddwarf_groups(result: Any) -> dict[int, int]:
    labels = result.participants_df["cluster_id"].dropna()
    return {int(p): int(g) for p, g in labels.items()}


def _status_mb(field: str) -> float | None:
    """A memory figure of this process from ``/proc/self/status`` (Linux), in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


_peak_was_reset = False


def _reset_peak_memory() -> float | None:
    """Reset this process' peak memory to its current size (Linux ``clear_refs``), so
    that the peak measured afterwards is that of the timed part with the input held;
    returns the current size (the input's share of the peak, and the interpreter's)."""
    global _peak_was_reset
    import gc

    gc.collect()
    try:
        Path("/proc/self/clear_refs").write_text("5")
        _peak_was_reset = True
    except OSError:
        pass
    return _status_mb("VmRSS")


def _peak_memory() -> float:
    """Peak memory since the reset (or since the start) in MB."""
    peak = _status_mb("VmHWM") if _peak_was_reset else None
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def in_process(
    implementation: str, folder: Path, scale: int, repeat: int, settings: bool = False
) -> None:
    """Run one implementation from the shared input and print its figures as JSON (in a
    fresh process, so that its peak memory is its own)."""
    import numpy as np

    from medvirk.algorithms.opinions.evaluation import adjusted_rand_index
    from medvirk.algorithms.opinions.polis_io import read_conversation, read_polis_groups

    background, rules = export_settings(folder.name, settings)
    groups: dict[int, int] = {}
    input_mb = None
    best = (float("inf"), 0.0)
    if implementation == "replay":
        from medvirk.algorithms.opinions.replay import replay

        conversation = read_conversation(folder, background=background)
        for _ in range(repeat):
            start, cpu = time.perf_counter(), time.process_time()
            groups = replay(conversation, rules=rules).group_of()
            best = min(best, (time.perf_counter() - start, time.process_time() - cpu))
    else:
        records, statements, mod_out = shared_input(folder, scale, background)
        # Imports are not timed here (the whole-process table has them): both engines'
        # modules, and the parts of scipy that ours imports only where it needs them.
        if implementation == "medvirk":
            import scipy.linalg
            import scipy.sparse
            import scipy.spatial  # noqa: F401

            import medvirk.algorithms.opinions.pipeline  # noqa: F401
        else:
            import reddwarf.implementations.polis  # noqa: F401
        input_mb = _reset_peak_memory()
        for _ in range(repeat):
            start, cpu = time.perf_counter(), time.process_time()
            if implementation == "medvirk":
                groups = medvirk_from_records(records, statements, rules)
            else:
                result = reddwarf_from_records(records, mod_out)
                groups = _reddwarf_groups(result)
            best = min(best, (time.perf_counter() - start, time.process_time() - cpu))
        if implementation == "reddwarf-polis-start":
            frame = result.participants_df.sort_index()
            clusterable = frame.loc[frame["to_cluster"], ["x", "y"]].to_numpy()
            _, first = np.unique(clusterable, axis=0, return_index=True)
            start_centers = clusterable[np.sort(first)[:5]].tolist()
            groups = _reddwarf_groups(reddwarf_from_records(records, mod_out, start_centers))
    ari = adjusted_rand_index(groups, read_polis_groups(folder)) if scale == 1 else None
    figures = {
        "seconds": best[0],
        "cpu": best[1],
        "peak_mb": _peak_memory(),
        "input_mb": input_mb,
        "ari": ari,
        "groups": len(set(groups.values())),
        "background": len(background),
        "rules": _rules_text(rules),
    }
    print(json.dumps(figures))


def measure(
    implementation: str, folder: Path, scale: int, repeat: int, settings: bool = False
) -> dict[str, Any]:
    completed = subprocess.run(
        [
            sys.executable,
            str(Path(__file__).resolve()),
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
    figures: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return figures


# --- the tables ---------------------------------------------------------------------------


def _ari(figures: dict[str, Any] | None) -> str:
    """ARI with the number of groups, or a dash where Polis' groups do not apply."""
    if figures is None or figures["ari"] is None:
        return "—"
    return f"{figures['ari']:.2f} (k={int(figures['groups'])})"


def _name(folder: Path, scale: int) -> str:
    return folder.name + ("" if scale == 1 else f" ×{scale}")


def whole_process_table(cases: list[tuple[Path, int]], args: argparse.Namespace) -> None:
    header = (
        f"{'whole process, from the files':<34} {'medvirk s':>9} {'cpu s':>6} "
        f"{'red-dwarf s':>11} {'cpu s':>6} {'ratio':>6} {'medvirk MB':>10} "
        f"{'red-dwarf MB':>12}"
    )
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as scratch:
        for folder, scale in cases:
            source = folder
            if scale != 1:
                source = Path(scratch) / _name(folder, scale)
                script = str(Path(__file__).resolve())
                command = [sys.executable, script, "--write-scaled", str(folder)]
                subprocess.run([*command, str(scale), str(source)], check=True, cwd=REPO)
            figures = whole_process(source, args.repeat if scale == 1 else 1)
            ours, peer = figures["medvirk"], figures["reddwarf"]
            print(
                f"{_name(folder, scale):<34} {ours['wall']:>9.3f} {ours['cpu']:>6.2f} "
                f"{peer['wall']:>11.3f} {peer['cpu']:>6.2f} "
                f"{peer['wall'] / ours['wall']:>5.1f}× {ours['peak_mb']:>10.0f} "
                f"{peer['peak_mb']:>12.0f}",
                flush=True,
            )


def in_process_table(cases: list[tuple[Path, int]], args: argparse.Namespace) -> None:
    header = (
        f"\n{'in process, from the same records':<34} {'medvirk s':>9} {'cpu s':>6} "
        f"{'red-dwarf s':>11} {'cpu s':>6} {'ratio':>6} {'medvirk MB':>10} "
        f"{'red-dwarf MB':>12} {'input MB':>8} {'ARI medvirk':>11} {'ARI red-dwarf':>13} "
        f"{'ARI replay':>11} {'replay s':>8}"
    )
    print(header)
    print("-" * (len(header) - 1))
    for folder, scale in cases:
        repeat = args.repeat if scale == 1 else 1
        ours = measure("medvirk", folder, scale, repeat)
        peer = measure("reddwarf", folder, scale, repeat)
        history = scale == 1 and (folder / "votes.csv").is_file() and not args.no_replay
        replayed = measure("replay", folder, scale, 1) if history else None
        replay_seconds = f"{replayed['seconds']:.1f}" if replayed else "—"
        print(
            f"{_name(folder, scale):<34} {ours['seconds']:>9.3f} {ours['cpu']:>6.2f} "
            f"{peer['seconds']:>11.3f} {peer['cpu']:>6.2f} "
            f"{peer['seconds'] / ours['seconds']:>5.1f}× {ours['peak_mb']:>10.0f} "
            f"{peer['peak_mb']:>12.0f} {ours['input_mb'] or 0:>8.0f} {_ari(ours):>11} "
            f"{_ari(peer):>13} "
            f"{_ari(replayed):>11} {replay_seconds:>8}",
            flush=True,
        )


def _rules_text(rules: Any) -> str:
    """The rules that differ from Polis' current ones, briefly."""
    from medvirk.algorithms.opinions.model import Rules

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
    print(
        "\nPer-conversation settings chosen by reading the evaluation data (Polis' own "
        "groups):\nnot results as exported; see the in-process table for those."
    )
    header = (
        f"{'with the listed settings':<34} {'background':>10} {'rules':<30} "
        f"{'ARI medvirk':>11} {'ARI red-dwarf':>13} {'red-dwarf, Polis start':>22} "
        f"{'ARI replay':>11}"
    )
    print(header)
    print("-" * len(header))
    for folder in folders:
        ours = measure("medvirk", folder, 1, 1, settings=True)
        background = int(ours["background"])
        peer = measure("reddwarf", folder, 1, 1, settings=True) if background else None
        peer_polis_start = measure("reddwarf-polis-start", folder, 1, 1, settings=True)
        history = (folder / "votes.csv").is_file() and not args.no_replay
        replayed = measure("replay", folder, 1, 1, settings=True) if history else None
        print(
            f"{folder.name:<34} {background:>10} {ours['rules']:<30} "
            f"{_ari(ours):>11} {_ari(peer) if peer else 'as above':>13} "
            f"{_ari(peer_polis_start):>22} {_ari(replayed):>11}",
            flush=True,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--worker", nargs=2, metavar=("IMPLEMENTATION", "DIR"))
    parser.add_argument("--reddwarf-process", nargs=2, metavar=("DIR", "OUT.json"))
    parser.add_argument("--write-scaled", nargs=3, metavar=("DIR", "SCALE", "TARGET"))
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
    parser.add_argument(
        "--no-whole-process", action="store_true", help="skip the whole-process table"
    )
    parser.add_argument("--no-in-process", action="store_true", help="skip the in-process table")
    args = parser.parse_args()
    if args.reddwarf_process:
        reddwarf_process(Path(args.reddwarf_process[0]), Path(args.reddwarf_process[1]))
        return 0
    if args.write_scaled:
        folder, scale, target = args.write_scaled
        write_scaled(Path(folder), int(scale), Path(target))
        return 0
    if args.worker:
        in_process(args.worker[0], Path(args.worker[1]), args.scale, args.repeat, args.settings)
        return 0
    if not POLIS_DATA.is_dir():
        print(f"no Polis data at {POLIS_DATA}", file=sys.stderr)
        return 2
    folders = sorted(p for p in POLIS_DATA.iterdir() if p.is_dir())
    folders = [f for f in folders if not args.only or f.name == args.only]
    cases = [(f, 1) for f in folders] + [(POLIS_DATA / LARGEST, s) for s in args.scales]
    if not args.no_whole_process:
        whole_process_table(cases, args)
    if not args.no_in_process:
        in_process_table(cases, args)
    if not args.no_settings:
        settings_table(folders, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
