"""Speed and peak memory of the insight engine on 10,000 and 100,000 inputs.

The inputs are synthetic but made of real Norwegian: texts drawn at random from the
8,342 labelled Storting texts in ``../shared/data/text/`` with one to three light edits
(a word dropped, two neighbouring words swapped, the text cut short) and, for half of
them, a fragment of another text appended, so that the collection has the vocabulary and
length of real input; close copies are grouped as near-duplicates, like form letters in
a hearing. The ``distinct`` column counts the texts left after that grouping (the rows
that are vectorised and clustered). Each size runs in a fresh child process, which reports the wall
time of :func:`medvirk.algorithms.themes.analyse` and the process's peak resident
memory (``ru_maxrss``, which includes the Python interpreter and the inputs). The CPU time
of the process is printed too: on a busy shared machine it shows what the wall time
would be on an idle one.

Run from the repository root::

    .venv/bin/python benchmarks/themes_speed.py            # 10,000 and 100,000
    .venv/bin/python benchmarks/themes_speed.py --sizes 10000

Targets (issue 6): 10,000 inputs in under 5 s; 100,000 in under 60 s and under 2 GB.
The machine is shared, so figures are noisy; OpenBLAS runs single-threaded here
(``OPENBLAS_NUM_THREADS=1``), which is faster than oversubscribed threads on 2 cores.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FILES = ("storting_committee_items.csv", "storting_speeches_topics.csv")
TARGETS = {10_000: (5.0, None), 100_000: (60.0, 2048.0)}


def _source_texts() -> list[str]:
    sys.path.insert(0, str(REPO))
    from medvirk.testing.shared_data import shared_root

    folder = shared_root() / "data" / "text"
    texts: list[str] = []
    for name in FILES:
        path = folder / name
        if not path.exists():
            sys.exit(f"{path} not found: place the 'shared' folder beside the repository")
        with path.open(encoding="utf-8", newline="") as handle:
            texts.extend(row["text"] for row in csv.DictReader(handle))
    return texts


def _edit(text: str, rng: random.Random, pool: list[str]) -> str:
    """One to three light edits; half of the texts also get a fragment of another."""
    words = text.split()
    for _ in range(rng.randint(1, 3)):
        choice = rng.random()
        if choice < 0.4 and len(words) > 3:
            del words[rng.randrange(len(words))]
        elif choice < 0.7 and len(words) > 3:
            i = rng.randrange(len(words) - 1)
            words[i], words[i + 1] = words[i + 1], words[i]
        elif len(words) > 6:
            words = words[: rng.randrange(len(words) // 2, len(words))]
    if rng.random() < 0.5:
        other = rng.choice(pool).split()
        start = rng.randrange(max(1, len(other) - 8))
        words += other[start : start + rng.randint(3, 8)]
    return " ".join(words)


def synthetic_texts(n: int, seed: int = 0) -> list[str]:
    """``n`` lightly edited draws from the Storting texts."""
    pool = _source_texts()
    rng = random.Random(seed)
    return [_edit(rng.choice(pool), rng, pool) for _ in range(n)]


def _child(n: int) -> None:
    sys.path.insert(0, str(REPO))
    from medvirk.algorithms.themes import TextItem, analyse

    texts = synthetic_texts(n)
    channels = ("web", "paper", "meeting")
    items = [
        TextItem(id=str(i), text=text, facets={"channel": channels[i % 3]})
        for i, text in enumerate(texts)
    ]
    start, start_cpu = time.perf_counter(), time.process_time()
    result = analyse(items)
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - start_cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(
        json.dumps(
            {
                "n": n,
                "seconds": round(seconds, 2),
                "cpu_seconds": round(cpu_seconds, 2),
                "peak_mb": round(peak_mb, 1),
                "themes": result.n_themes,
                "duplicate_groups": len(result.duplicates),
                "distinct": result.n_analysed - sum(group.count - 1 for group in result.duplicates),
                "not_analysed": len(result.not_analysed),
            }
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child)
        return 0
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    print(
        f"{'inputs':>8} {'distinct':>8} {'wall s':>8} {'CPU s':>8} {'peak MB':>8} "
        f"{'themes':>6}  target (on wall time)"
    )
    failed = False
    for n in args.sizes:
        output = subprocess.run(
            [sys.executable, __file__, "--child", str(n)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout
        row = json.loads(output.strip().splitlines()[-1])
        max_seconds, max_mb = TARGETS.get(n, (None, None))
        verdicts = []
        if max_seconds is not None:
            ok = row["seconds"] < max_seconds
            failed |= not ok
            verdicts.append(f"< {max_seconds:.0f} s {'ok' if ok else 'MISSED'}")
        if max_mb is not None:
            ok = row["peak_mb"] < max_mb
            failed |= not ok
            verdicts.append(f"< {max_mb:.0f} MB {'ok' if ok else 'MISSED'}")
        print(
            f"{n:>8} {row['distinct']:>8} {row['seconds']:>8.2f} {row['cpu_seconds']:>8.2f} "
            f"{row['peak_mb']:>8.0f} {row['themes']:>6}  {'; '.join(verdicts)}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
