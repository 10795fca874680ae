"""Outcomes identical to pabutools 1.2.3 on every shared pabulib file.

The golden files in ``golden/`` were written by ``scripts/pb_golden.py``, which ran
pabutools on every file of ``../shared/data/pabulib/`` for every rule, satisfaction,
completion (and, on the small files, tie-breaking) it offers. Every run finished, the
add-one runs on the large files included (given pabutools' multiprofile, they take
seconds to tens of minutes), so every comparison is made and none is skipped.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from medvirk.algorithms.pb.model import Election
from medvirk.algorithms.pb.pabulib import read_pabulib
from medvirk.algorithms.pb.rules import compute_outcome
from medvirk.testing.shared_data import shared_data_dir

pytestmark = pytest.mark.usefixtures("mes_kernel")

GOLDEN = Path(__file__).parent / "golden"


def _cases() -> list[Any]:
    cases = []
    for path in sorted(GOLDEN.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        for run in record["outcomes"]:
            label = "-".join(
                [
                    path.stem[:24],
                    run["rule"],
                    run["satisfaction"],
                    run["completion"],
                    run["tie_breaking"],
                ]
            )
            cases.append(pytest.param(record["file"], run, id=label))
    return cases


@cache
def _election(name: str) -> Election:
    return read_pabulib(shared_data_dir("pabulib") / name)


def test_every_shared_file_has_golden_outcomes() -> None:
    """Each shared pabulib file has a golden record for every rule and option."""
    names = {p.name for p in shared_data_dir("pabulib").glob("*.pb")}
    recorded = {json.loads(p.read_text(encoding="utf-8"))["file"] for p in GOLDEN.glob("*.json")}
    assert names == recorded


def test_every_golden_run_has_an_outcome() -> None:
    """No golden run is a time-out: each has pabutools' outcome to compare against."""
    unfinished = [param.id for param in _cases() if param.values[1]["status"] != "ok"]
    assert unfinished == []


@pytest.mark.parametrize(("name", "run"), _cases())
def test_outcome_identical_to_pabutools(name: str, run: dict[str, Any]) -> None:
    """The selected projects, in selection order, are exactly pabutools' ones."""
    outcome = compute_outcome(
        _election(name), run["rule"], run["satisfaction"], run["tie_breaking"], run["completion"]
    )
    assert outcome.selected == run["selected"]
