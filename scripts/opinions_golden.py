"""Regenerate ``medvirk/algorithms/opinions/tests/golden/reddwarf.json``.

Runs red-dwarf (the peer, slow) on every shared Polis conversation through the
benchmark's worker (``benchmarks/opinions_vs_reddwarf.py --worker reddwarf``) and stores
its adjusted Rand index against Polis' own groups and its number of groups, so that the
tests can compare the opinion engine with the peer without running it. Usage, from the
repository root::

    .venv/bin/python scripts/opinions_golden.py
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
POLIS_DATA = REPO.parent / "shared" / "data" / "polis"
BENCHMARK = REPO / "benchmarks" / "opinions_vs_reddwarf.py"
GOLDEN = REPO / "medvirk" / "algorithms" / "opinions" / "tests" / "golden" / "reddwarf.json"


def main() -> int:
    golden = {}
    for folder in sorted(p for p in POLIS_DATA.iterdir() if p.is_dir()):
        completed = subprocess.run(
            [sys.executable, str(BENCHMARK), "--worker", "reddwarf", str(folder), "--repeat", "1"],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO,
        )
        figures = json.loads(completed.stdout.strip().splitlines()[-1])
        golden[folder.name] = {"ari": round(figures["ari"], 4), "groups": figures["groups"]}
        print(folder.name, golden[folder.name])
    GOLDEN.write_text(json.dumps(golden, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
