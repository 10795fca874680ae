"""Regenerate ``medvirk/algorithms/opinions/tests/golden/reddwarf.json``.

Runs red-dwarf (the peer, slow) on every shared Polis conversation through the
benchmark's worker (``benchmarks/opinions_vs_reddwarf.py --worker reddwarf``) and stores
its adjusted Rand index against Polis' own groups and its number of groups, also with the
conversation's background statements (``tests/golden/polis_settings.json``) given to it
as moderated out where some are listed, and with those (if any) when its k-means starts
from Polis' own deterministic start (``reddwarf-polis-start``), so that the tests can
compare the opinion engine with the peer without running it. Usage, from the repository root::

    .venv/bin/python scripts/opinions_golden.py
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
POLIS_DATA = REPO.parent / "shared" / "data" / "polis"
BENCHMARK = REPO / "benchmarks" / "opinions_vs_reddwarf.py"
GOLDEN = REPO / "medvirk" / "algorithms" / "opinions" / "tests" / "golden" / "reddwarf.json"


def load_benchmark() -> Any:
    """The benchmark module (a script, not a package): its worker runs red-dwarf."""
    spec = importlib.util.spec_from_file_location("opinions_vs_reddwarf", BENCHMARK)
    assert spec is not None and spec.loader is not None
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    return benchmark


def main() -> int:
    benchmark = load_benchmark()

    def reddwarf(folder: Path, settings: bool, variant: str = "reddwarf") -> dict[str, float]:
        figures: dict[str, float] = benchmark.measure(variant, folder, 1, 1, settings=settings)
        return figures

    golden: dict[str, dict[str, float]] = {}
    for folder in sorted(p for p in POLIS_DATA.iterdir() if p.is_dir()):
        figures = reddwarf(folder, settings=False)
        golden[folder.name] = {"ari": round(figures["ari"], 4), "groups": figures["groups"]}
        if benchmark.export_settings(folder.name)[0]:
            figures = reddwarf(folder, settings=True)
            golden[folder.name]["ari_background"] = round(figures["ari"], 4)
            golden[folder.name]["groups_background"] = figures["groups"]
        figures = reddwarf(folder, settings=True, variant="reddwarf-polis-start")
        golden[folder.name]["ari_polis_start"] = round(figures["ari"], 4)
        print(folder.name, golden[folder.name])
    GOLDEN.write_text(json.dumps(golden, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
