"""Benchmark: the peer finder over 357 municipalities × 200 measures.

The requirement is an answer in under 50 ms. Compared, as ratios, with two named
baselines that compute the same weighted distance to the home row:

* ``scipy.spatial.distance.cdist`` with the ``seuclidean`` metric on robust-scaled data
  (no missing data, no targets, no explanation: a lower bound for a vectorised answer);
* a plain Python loop over rows and measures (what a naive implementation would do).

Usage, from the repository root::

    .venv/bin/python benchmarks/peers_speed.py [--repeat 20] [--context 190] [--targets 5]

The machine may be shared: each figure is the best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import math
import time
from collections.abc import Callable

import numpy as np
from scipy.spatial.distance import cdist

from medvirk.algorithms.peers import (
    ContextMeasure,
    PeerMatrix,
    TargetMeasure,
    find_peers,
    robust_scale,
)


def best_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=357)
    parser.add_argument("--measures", type=int, default=200)
    parser.add_argument("--context", type=int, default=190)
    parser.add_argument("--targets", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    rng = np.random.default_rng(2026)
    values = rng.lognormal(size=(args.rows, args.measures))
    values[rng.random(values.shape) < 0.03] = np.nan
    rows = tuple(f"{i:04d}" for i in range(args.rows))
    columns = tuple(f"m{j:03d}" for j in range(args.measures))
    matrix = PeerMatrix(
        rows=rows,
        columns=columns,
        values=values,
        categories={"group": tuple(f"EKG{i % 17 + 1:02d}" for i in range(args.rows))},
    )
    context = [ContextMeasure(c) for c in columns[: args.context]] + [ContextMeasure("group")]
    targets = [TargetMeasure(c) for c in columns[args.context : args.context + args.targets]]

    ours = best_of(
        args.repeat,
        lambda: find_peers(
            matrix, home=rows[0], context=context, targets=targets, limit=20, require="any"
        ),
    )

    filled = np.where(np.isnan(values), np.nanmedian(values, axis=0), values)[:, : args.context]
    median, scale = robust_scale(filled)
    scaled = (filled - median) / scale

    def with_scipy() -> object:
        d = cdist(scaled[:1], scaled, metric="seuclidean", V=np.ones(args.context))
        return np.argsort(d[0])[:20]

    def with_loops() -> object:
        home = scaled[0]
        distances = []
        for i in range(args.rows):
            total = 0.0
            for j in range(args.context):
                total += (scaled[i, j] - home[j]) ** 2
            distances.append((math.sqrt(total / args.context), i))
        return sorted(distances)[:20]

    scipy_time = best_of(args.repeat, with_scipy)
    loop_time = best_of(max(1, args.repeat // 5), with_loops)
    print(
        f"{args.rows} rows × {args.measures} measures, {args.context} context, "
        f"{args.targets} targets; best of {args.repeat}"
    )
    print(f"{'implementation':<38} {'time (ms)':>10} {'ratio to medvirk':>17}")
    for name, seconds in (
        ("medvirk find_peers (full answer)", ours),
        ("scipy cdist seuclidean (distance only)", scipy_time),
        ("plain Python loops (distance only)", loop_time),
    ):
        print(f"{name:<38} {seconds * 1000:>10.2f} {seconds / ours:>17.2f}")
    print(f"requirement < 50 ms: {'met' if ours < 0.05 else 'NOT met'}")


if __name__ == "__main__":
    main()
