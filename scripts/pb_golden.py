"""Generate the golden outcomes of the PB engine's oracle tests by running pabutools 1.2.3.

For every file of ``../shared/data/pabulib/`` and every rule/option combination that
pabutools offers (see ``medvirk.algorithms.pb.oracle``), runs pabutools once and writes
``medvirk/algorithms/pb/tests/golden/<file stem>.json``:

    {"file": ..., "pabutools": "1.2.3", "outcomes": [
        {"rule": ..., "satisfaction": ..., "completion": ..., "tie_breaking": ...,
         "selected": [...] or null, "seconds": ..., "status": "ok" | "timeout"}]}

Each file is handled in its own child process; each run gets a time limit (``--limit``,
default 600 s) after which it is recorded as a time-out. It takes long: run it once in
the background and commit the output. Usage::

    .venv/bin/python scripts/pb_golden.py [--limit SECONDS] [--only SUBSTRING]
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


def golden_for_file(path: Path, limit: int) -> dict[str, object]:
    """Run every combination on one file and return the golden record."""
    sys.path.insert(0, str(REPO))
    from medvirk.algorithms.pb.oracle import combinations, read_with_pabutools, run_pabutools

    instance, profile = read_with_pabutools(str(path))
    runs = [(*combo, "lexicographic") for combo in combinations()]
    if path.stat().st_size < SMALL_FILE_BYTES:
        runs += [(*combo, tie) for combo in combinations() for tie in ("min-cost", "max-cost")]
    outcomes = []
    signal.signal(signal.SIGALRM, _alarm)
    for rule, sat, completion, tie in runs:
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
        outcomes.append(
            {
                "rule": rule,
                "satisfaction": sat,
                "completion": completion,
                "tie_breaking": tie,
                "selected": selected,
                "seconds": seconds,
                "status": status,
            }
        )
    return {"file": path.name, "pabutools": "1.2.3", "outcomes": outcomes}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=600, help="seconds per pabutools run")
    parser.add_argument("--only", default="", help="only files whose name contains this")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        record = golden_for_file(Path(args.child), args.limit)
        out = GOLDEN / (Path(args.child).stem + ".json")
        out.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return 0
    GOLDEN.mkdir(parents=True, exist_ok=True)
    files = sorted(DATA.glob("*.pb"), key=lambda p: p.stat().st_size)
    for path in files:
        if args.only in path.name:
            cmd = [sys.executable, __file__, "--child", str(path), "--limit", str(args.limit)]
            subprocess.run(cmd, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
