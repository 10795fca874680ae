"""Benchmark the PB engine against pabutools 1.2.3 on every file of ``../shared/data/pabulib/``.

For each file, each implementation runs in its own child process: it reads the file once
(timed) and then runs every rule/option combination (each timed; pabutools' runs get a
time limit, ``--limit``, after which they are reported as "> limit"). Module imports are
not timed. The table gives,
per file and combination: pabutools seconds and medvirk seconds, both end to end (the
file reading included), their ratio, the same in CPU seconds (``time.process_time`` of
the child: on a loaded machine the steadier measure), the peak memory (maximum resident
set) of each child process, and whether the selected projects are identical.

    .venv/bin/python benchmarks/pb_vs_pabutools.py [--limit 600] [--only SUBSTRING]
        [--rule mes] [--completion add1]

The machine is shared: figures vary between runs.
"""

from __future__ import annotations

import argparse
import json
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "pabulib"


class RunTimeout(Exception):
    """One pabutools run exceeded its time limit."""


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise RunTimeout


def _child(implementation: str, path: str, combos: list[list[str]], limit: int) -> dict[str, Any]:
    """Read the file once and run every combination; return the timings and outcomes."""
    sys.path.insert(0, str(REPO))
    from medvirk.algorithms.pb.oracle import read_with_pabutools, run_pabutools
    from medvirk.algorithms.pb.pabulib import read_pabulib
    from medvirk.algorithms.pb.rules import compute_outcome

    if implementation == "pabutools":
        import pabutools.rules  # noqa: F401  (imports are not part of the timing)
    start, start_cpu = time.perf_counter(), time.process_time()
    if implementation == "pabutools":
        instance, profile = read_with_pabutools(path)
    else:
        election = read_pabulib(path)
    read_seconds = time.perf_counter() - start
    read_cpu = time.process_time() - start_cpu
    runs = []
    signal.signal(signal.SIGALRM, _alarm)
    for rule, satisfaction, completion in combos:
        start, start_cpu = time.perf_counter(), time.process_time()
        selected: list[str] | None
        signal.alarm(limit)
        try:
            if implementation == "pabutools":
                selected = run_pabutools(instance, profile, rule, satisfaction, completion)
            else:
                outcome = compute_outcome(election, rule, satisfaction, "lexicographic", completion)
                selected = outcome.selected
        except RunTimeout:
            selected = None
        finally:
            signal.alarm(0)
        runs.append(
            {
                "seconds": time.perf_counter() - start,
                "cpu": time.process_time() - start_cpu,
                "selected": selected,
            }
        )
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "read_seconds": read_seconds,
        "read_cpu": read_cpu,
        "runs": runs,
        "peak_mib": peak_kib / 1024,
    }


def _measure(implementation: str, path: Path, combos: list[list[str]], limit: int) -> dict:
    cmd = [sys.executable, __file__, "--child", implementation, str(path), "--limit", str(limit)]
    done = subprocess.run(cmd, input=json.dumps(combos), capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=600, help="seconds per pabutools run")
    parser.add_argument("--only", default="", help="only files whose name contains this")
    parser.add_argument("--rule", choices=["greedy", "mes"], help="only this rule")
    parser.add_argument("--completion", choices=["none", "greedy", "add1"], help="only this")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        combos = json.loads(sys.stdin.read())
        print(json.dumps(_child(args.child[0], args.child[1], combos, args.limit)))
        return 0

    sys.path.insert(0, str(REPO))
    from medvirk.algorithms.pb.oracle import combinations
    from medvirk.algorithms.pb.rules.mes import compiled_available

    step = "compiled (C)" if compiled_available() else "numpy twin (C extension not built)"
    print(f"medvirk's MES inner step: {step}")
    combos = [
        list(c)
        for c in combinations()
        if (args.rule is None or c[0] == args.rule)
        and (args.completion is None or c[2] == args.completion)
    ]
    header = (
        f"{'file':<30} {'rule':<6} {'sat':<11} {'compl.':<6} {'pabutools s':>11} "
        f"{'medvirk s':>9} {'ratio':>7} {'pabu cpu':>9} {'medv cpu':>8} {'cpu ratio':>9} "
        f"{'pabu MiB':>8} {'medv MiB':>8} identical"
    )
    print(header)
    print("-" * len(header))
    for path in sorted(DATA.glob("*.pb"), key=lambda p: p.stat().st_size):
        if args.only not in path.name:
            continue
        theirs = _measure("pabutools", path, combos, args.limit)
        ours = _measure("medvirk", path, combos, args.limit)
        for combo, their_run, our_run in zip(combos, theirs["runs"], ours["runs"], strict=True):
            our_s = ours["read_seconds"] + our_run["seconds"]
            our_cpu = ours["read_cpu"] + our_run["cpu"]
            if their_run["selected"] is None:
                their_text, ratio, same = f"> {args.limit}", f">{args.limit / our_s:.0f}x", "n/a"
                their_cpu_text, cpu_ratio = "-", "-"
            else:
                their_s = theirs["read_seconds"] + their_run["seconds"]
                their_cpu = theirs["read_cpu"] + their_run["cpu"]
                their_text, ratio = f"{their_s:.2f}", f"{their_s / our_s:.0f}x"
                their_cpu_text, cpu_ratio = f"{their_cpu:.2f}", f"{their_cpu / our_cpu:.0f}x"
                same = "yes" if their_run["selected"] == our_run["selected"] else "NO"
            print(
                f"{path.stem[:30]:<30} {combo[0]:<6} {combo[1]:<11} {combo[2]:<6} "
                f"{their_text:>11} {our_s:>9.2f} {ratio:>7} {their_cpu_text:>9} "
                f"{our_cpu:>8.2f} {cpu_ratio:>9} {theirs['peak_mib']:>8.0f} "
                f"{ours['peak_mib']:>8.0f} {same}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
