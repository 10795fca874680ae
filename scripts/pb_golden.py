"""Generate the golden outcomes of the PB engine's oracle tests by running pabutools 1.2.3.

For every file of ``../shared/data/pabulib/`` and every rule/option combination that
pabutools offers (see ``medvirk.algorithms.pb.oracle``), runs pabutools once and writes
``medvirk/algorithms/pb/tests/golden/<file stem>.json``:

    {"file": ..., "pabutools": "1.2.3", "outcomes": [
        {"rule": ..., "satisfaction": ..., "completion": ..., "tie_breaking": ...,
         "selected": [...] or null, "seconds": ..., "status": "ok" | "timeout",
         "profile": "multiprofile" | "per-voter"}]}

pabutools is given its multiprofile (identical ballots grouped, its fastest documented
mode). Each file is handled in its own child process; each run gets a time limit
(``--limit``, default 600 s) after which it is recorded as a time-out. The record is
written after every run, so an interrupted generation keeps what finished. It takes long:
run it in the background and commit the output. ``--redo`` keeps the finished runs of an
existing record and reruns only those that timed out (or are missing). Usage::

    .venv/bin/python scripts/pb_golden.py [--limit SECONDS] [--only SUBSTRING] [--redo]
"""

from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "pabulib"
GOLDEN = REPO / "medvirk" / "algorithms" / "pb" / "tests" / "golden"
# Alternative tie-breaking is checked on the small files only, to keep the run short.
SMALL_FILE_BYTES = 300_000


class RunTimeout(Exception):
    """Raised by the alarm when one pabutools run exceeds its time limit."""


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise RunTimeout


def _key(run: dict[str, object]) -> tuple[object, ...]:
    return (run["rule"], run["satisfaction"], run["completion"], run["tie_breaking"])


def _write(out: Path, name: str, outcomes: list[dict[str, object]]) -> None:
    record = {"file": name, "pabutools": "1.2.3", "outcomes": outcomes}
    tmp = out.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(out)


def golden_for_file(path: Path, limit: int, redo: bool) -> None:
    """Run every combination on one file, writing the golden record after each run."""
    sys.path.insert(0, str(REPO))
    from medvirk.algorithms.pb.oracle import combinations, read_with_pabutools, run_pabutools

    out = GOLDEN / (path.stem + ".json")
    runs = [(*combo, "lexicographic") for combo in combinations()]
    if path.stat().st_size < SMALL_FILE_BYTES:
        runs += [(*combo, tie) for combo in combinations() for tie in ("min-cost", "max-cost")]
    kept: dict[tuple[object, ...], dict[str, object]] = {}
    if redo and out.exists():
        previous = json.loads(out.read_text(encoding="utf-8"))["outcomes"]
        kept = {_key(run): run for run in previous if run["status"] == "ok"}
    outcomes = [kept.get(run) for run in runs]
    instance, profile = read_with_pabutools(str(path))
    signal.signal(signal.SIGALRM, _alarm)
    for index, (rule, sat, completion, tie) in enumerate(runs):
        if outcomes[index] is not None:
            continue
        start = time.perf_counter()
        signal.alarm(limit)
        try:
            selected: list[str] | None = run_pabutools(
                instance, profile, rule, sat, completion, tie
            )
            status = "ok"
        except RunTimeout:
            selected, status = None, "timeout"
        finally:
            signal.alarm(0)
        seconds = round(time.perf_counter() - start, 3)
        print(f"{path.name} {rule} {sat} {completion} {tie}: {status} {seconds}s", flush=True)
        outcomes[index] = {
            "rule": rule,
            "satisfaction": sat,
            "completion": completion,
            "tie_breaking": tie,
            "selected": selected,
            "seconds": seconds,
            "status": status,
            "profile": "multiprofile",
        }
        _write(out, path.name, [run for run in outcomes if run is not None])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=600, help="seconds per pabutools run")
    parser.add_argument("--only", default="", help="only files whose name contains this")
    parser.add_argument("--redo", action="store_true", help="rerun only unfinished runs")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        golden_for_file(Path(args.child), args.limit, args.redo)
        return 0
    GOLDEN.mkdir(parents=True, exist_ok=True)
    files = sorted(DATA.glob("*.pb"), key=lambda p: p.stat().st_size)
    for path in files:
        if args.only in path.name:
            cmd = [sys.executable, __file__, "--child", str(path), "--limit", str(args.limit)]
            subprocess.run(cmd + (["--redo"] if args.redo else []), check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
