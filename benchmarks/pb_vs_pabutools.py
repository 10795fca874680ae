"""Benchmark the PB engine against pabutools 1.2.3 on every file of ``../shared/data/pabulib/``.

Both sides are timed the same way, as a user would run them: **one whole process per file
and combination** (Python start, imports, reading the file, running the rule, printing
the outcome), its wall time measured by this script around the child, and its peak memory
(maximum resident set, from ``wait4``), with its CPU time (user + system, also from
``wait4``: the steadier figure on a loaded machine). medvirk runs as its command line,
``medvirk pb outcome FILE --rule R --satisfaction S --completion C --json``. pabutools
runs a short script: ``parse_pabulib``, then ``profile.as_multiprofile()`` (identical
ballots grouped: its fastest documented mode), then the rule as
``medvirk.algorithms.pb.oracle`` calls it. pabutools' per-voter mode (one ballot per
voter, no grouping) is shown beside it for reference. Each child also reports its own
time from the start of reading the file to the outcome (imports and start-up excluded):
the in-process columns.

The selected projects of each pabutools mode are compared with medvirk's. A child that
runs longer than its limit (``--limit`` for multiprofile, ``--per-voter-limit`` for
per-voter) is stopped and shown as ``> limit``, its ratio as a lower bound. Runs under
10 s are repeated (``--repeat``) and the best kept.

    .venv/bin/python benchmarks/pb_vs_pabutools.py [--limit 600] [--per-voter-limit 60]
        [--no-per-voter] [--repeat 3] [--only SUBSTRING] [--rule mes] [--completion add1]

It prints a Markdown table. The machine is shared: figures vary between runs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "pabulib"
REPEAT_UNDER_SECONDS = 10.0


def pabutools_child(path: str, rule: str, satisfaction: str, completion: str, mode: str) -> None:
    """One pabutools run as a user would script it; prints the outcome as JSON."""
    sys.path.insert(0, str(REPO))
    import pabutools.election
    import pabutools.rules
    import pabutools.tiebreaking  # noqa: F401  (imports are outside the in-process time)

    from medvirk.algorithms.pb.oracle import read_with_pabutools, run_pabutools

    start = time.perf_counter()
    instance, profile = read_with_pabutools(path, multiprofile=mode == "multiprofile")
    selected = run_pabutools(instance, profile, rule, satisfaction, completion)
    seconds = time.perf_counter() - start
    print(json.dumps({"selected": selected, "seconds": seconds}))


def run_process(cmd: list[str], limit: float) -> dict[str, Any] | None:
    """Run one child; its wall time, peak memory and printed JSON, or None past the limit."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
    timer = threading.Timer(limit, child.kill)
    timer.start()
    assert child.stdout is not None and child.stderr is not None
    out, err = child.stdout.read(), child.stderr.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    timer.cancel()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode < 0 and wall >= limit:
        return None
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {err.decode(errors='replace')[-2000:]}")
    data: dict[str, Any] = json.loads(out)
    return {
        "wall": wall,
        "inner": float(data["seconds"]),
        "selected": data["selected"],
        "mib": usage.ru_maxrss / 1024,
        "cpu": usage.ru_utime + usage.ru_stime,
    }


def best_of(cmd: list[str], limit: float, repeat: int) -> dict[str, Any] | None:
    """The fastest of up to ``repeat`` runs (one run when it takes 10 s or more)."""
    best = run_process(cmd, limit)
    for _ in range(repeat - 1):
        if best is None or best["wall"] >= REPEAT_UNDER_SECONDS:
            break
        again = run_process(cmd, limit)
        if again is not None and again["wall"] < best["wall"]:
            best = {**again, "mib": max(again["mib"], best["mib"])}
    return best


def _seconds(run: dict[str, Any] | None, limit: float, key: str = "wall") -> str:
    return f"> {limit:.0f}" if run is None else f"{run[key]:.{3 if key == 'inner' else 2}f}"


def _ratio(theirs: dict[str, Any] | None, ours: dict[str, Any], limit: float, key: str) -> str:
    if theirs is None:
        return f"> {limit / ours[key]:.0f}x"
    return f"{theirs[key] / ours[key]:.0f}x"


def _same(theirs: dict[str, Any] | None, ours: dict[str, Any]) -> str:
    if theirs is None:
        return "n/a"
    return "yes" if theirs["selected"] == ours["selected"] else "NO"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=float, default=600, help="seconds per multiprofile run")
    parser.add_argument("--per-voter-limit", type=float, default=60, help="seconds per run")
    parser.add_argument("--no-per-voter", action="store_true", help="skip the per-voter mode")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many short runs")
    parser.add_argument("--only", default="", help="only files whose name contains this")
    parser.add_argument("--rule", choices=["greedy", "mes"], help="only this rule")
    parser.add_argument("--completion", choices=["none", "greedy", "add1"], help="only this")
    parser.add_argument("--pabutools-child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.pabutools_child:
        pabutools_child(*args.pabutools_child)
        return 0

    sys.path.insert(0, str(REPO))
    from medvirk.algorithms.pb.oracle import combinations
    from medvirk.algorithms.pb.rules.mes import compiled_available

    step = "compiled (C)" if compiled_available() else "numpy twin (C extension not built)"
    print(f"medvirk's MES inner step: {step}\n")
    combos = [
        c
        for c in combinations()
        if (args.rule is None or c[0] == args.rule)
        and (args.completion is None or c[2] == args.completion)
    ]
    print(
        "| file | rule | sat | completion | pabutools s | medvirk s | ratio "
        "| CPU s pabutools / medvirk | CPU ratio | per-voter s | ratio "
        "| in-process pabutools s | medvirk s | ratio "
        "| peak MiB pabutools / per-voter / medvirk | identical |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for path in sorted(DATA.glob("*.pb"), key=lambda p: p.stat().st_size):
        if args.only not in path.name:
            continue
        for rule, satisfaction, completion in combos:
            options = ["--rule", rule, "--satisfaction", satisfaction, "--completion", completion]
            ours = best_of(
                [
                    sys.executable,
                    "-m",
                    "medvirk.cli",
                    "pb",
                    "outcome",
                    str(path),
                    *options,
                    "--json",
                ],
                args.limit,
                args.repeat,
            )
            assert ours is not None, f"medvirk did not finish within {args.limit} s"
            theirs_cmd = [sys.executable, __file__, "--pabutools-child", str(path), rule]
            theirs_cmd += [satisfaction, completion]
            multi = best_of([*theirs_cmd, "multiprofile"], args.limit, args.repeat)
            per_voter = (
                None
                if args.no_per_voter
                else best_of([*theirs_cmd, "per-voter"], args.per_voter_limit, args.repeat)
            )
            pv_limit = args.per_voter_limit
            pv_text = "-" if args.no_per_voter else _seconds(per_voter, pv_limit)
            pv_ratio = "-" if args.no_per_voter else _ratio(per_voter, ours, pv_limit, "wall")
            memory = " / ".join(
                "-" if run is None else f"{run['mib']:.0f}" for run in (multi, per_voter, ours)
            )
            same = _same(multi, ours)
            if per_voter is not None and _same(per_voter, ours) == "NO":
                same += " (per-voter: NO)"
            name = path.stem.replace("Poland_", "").replace("Warszawa_", "")[:24]
            print(
                f"| {name} | {rule} | {satisfaction} | {completion} "
                f"| {_seconds(multi, args.limit)} | {ours['wall']:.2f} "
                f"| {_ratio(multi, ours, args.limit, 'wall')} "
                f"| {_seconds(multi, args.limit, 'cpu')} / {ours['cpu']:.2f} "
                f"| {_ratio(multi, ours, args.limit, 'cpu')} | {pv_text} | {pv_ratio} "
                f"| {_seconds(multi, args.limit, 'inner')} | {ours['inner']:.3f} "
                f"| {_ratio(multi, ours, args.limit, 'inner')} | {memory} | {same} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
