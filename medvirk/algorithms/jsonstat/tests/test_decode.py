"""JSON-stat 2.0 decoding: the real SSB sample decodes exactly, any dimension order and
size works, and bad files fail with the place in the file named."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from medvirk.algorithms.jsonstat import JsonStatError, decode, loads

SAMPLE = (
    Path(__file__).resolve().parents[3]
    / "indicators"
    / "data"
    / "ssb-12367-jsonstat2-sample.ksanalyse.json"
)


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def _small(**overrides: Any) -> dict[str, Any]:
    """A 2 × 3 dataset: region (A, B) × year (2020, 2021, 2022)."""
    data: dict[str, Any] = {
        "version": "2.0",
        "class": "dataset",
        "id": ["region", "year"],
        "size": [2, 3],
        "dimension": {
            "region": {"category": {"index": ["A", "B"], "label": {"A": "Aa", "B": "Bb"}}},
            "year": {"category": {"index": {"2020": 0, "2021": 1, "2022": 2}}},
        },
        "value": [1, 2, 3, 4, 5, 6],
        "role": {"time": ["year"], "geo": ["region"]},
    }
    data.update(overrides)
    return data


def test_sample_decodes_exactly(raw: dict[str, Any]) -> None:
    """The real SSB table 12367 sample: 1 250 cells in six dimensions, every value and
    status symbol at the coordinates SSB's row-major order puts it."""
    dataset = decode(raw)
    assert dataset.ids == (
        "KOKkommuneregion0000",
        "KOKregnskapsomfa0000",
        "KOKfunksjon0000",
        "KOKart0000",
        "ContentsCode",
        "Tid",
    )
    assert dataset.size == (5, 2, 5, 5, 1, 5)
    assert dataset.strides == (250, 125, 25, 5, 5, 1)
    assert len(dataset) == 1250
    assert dataset.dimension("KOKkommuneregion0000").codes == (
        "EAK",
        "EAKUO",
        "3001",
        "EKG16",
        "EKG17",
    )
    assert dataset.dimension("Tid").role == "time"
    assert dataset.dimension("ContentsCode").role == "metric"
    assert dataset.dimension("ContentsCode").units["KOSbelop0000"]["base"] == "1000 kr"
    cells = list(dataset.cells())
    assert [c.value for c in cells] == raw["value"]
    assert {c.index: c.status for c in cells if c.status} == {
        int(k): v for k, v in raw["status"].items()
    }
    first = cells[0]
    assert first.coordinates == {
        "KOKkommuneregion0000": "EAK",
        "KOKregnskapsomfa0000": "A",
        "KOKfunksjon0000": "100",
        "KOKart0000": "AGD4",
        "ContentsCode": "KOSbelop0000",
        "Tid": "2015",
    }
    assert first.value == 1943974
    # Halden, scope B, function 120, art AGD2, 2019: 2*250 + 1*125 + 2*25 + 2*5 + 3 = 688
    cell = dataset.cell(
        KOKkommuneregion0000="3001",
        KOKregnskapsomfa0000="B",
        KOKfunksjon0000="120",
        KOKart0000="AGD2",
        ContentsCode="KOSbelop0000",
        Tid="2019",
    )
    assert cell.index == 688
    assert cell.value == raw["value"][688]
    assert cell.status == raw["status"].get("688")
    assert sum(1 for c in cells if c.value is None) == 485
    assert all(c.status is not None for c in cells if c.value is None)


def test_reordered_dimensions_give_the_same_cells(raw: dict[str, Any]) -> None:
    """Moving Tid first and region last (re-laying out the values to match) gives the
    same value at the same coordinates: decoding depends on id/size, not on a fixed
    order."""
    original = decode(raw)
    order = [5, 2, 0, 3, 4, 1]
    ids = [original.ids[i] for i in order]
    dims = [original.dimensions[i] for i in order]
    values: list[Any] = []
    status: dict[str, str] = {}

    def walk(depth: int, coords: dict[str, str]) -> None:
        if depth == len(dims):
            cell = original.cell(**coords)
            if cell.status:
                status[str(len(values))] = cell.status
            values.append(cell.value)
            return
        for code in dims[depth].codes:
            walk(depth + 1, {**coords, dims[depth].id: code})

    walk(0, {})
    moved = copy.deepcopy(raw)
    moved["id"] = ids
    moved["size"] = [d.size for d in dims]
    moved["value"] = values
    moved["status"] = status
    again = decode(moved)
    for cell in again.cells():
        before = original.cell(**cell.coordinates)
        assert (cell.value, cell.status) == (before.value, before.status)


def test_sparse_values_and_status_forms() -> None:
    """value as a sparse object (absent cells are null); status as one string, as an
    array and as an object; index as array or object; a single category without index."""
    sparse = decode(_small(value={"0": 1.5, "5": 6}, status={"1": ".."}))
    assert sparse.values == (1.5, None, None, None, None, 6)
    assert sparse.statuses == {1: ".."}
    assert decode(_small(status="..")).statuses == dict.fromkeys(range(6), "..")
    as_list = decode(_small(status=[None, ":", None, None, None, "-"]))
    assert as_list.statuses == {1: ":", 5: "-"}
    single = _small(id=["region", "year", "unit"], size=[2, 3, 1])
    single["dimension"]["unit"] = {"category": {"label": {"kr": "kroner"}}}
    dataset = decode(single)
    assert dataset.dimension("unit").codes == ("kr",)
    assert dataset.cell(region="B", year="2020", unit="kr").value == 4


def test_zero_sized_dimension_gives_no_cells() -> None:
    """A dimension of size 0 means an empty table, not an error."""
    data = _small(size=[2, 0], value=[])
    data["dimension"]["year"]["category"]["index"] = []
    assert list(decode(data).cells()) == []


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        ({"version": None}, "version", "not JSON-stat 2.0"),
        ({"class": "collection"}, "class", "only a dataset"),
        ({"value": [1, 2, 3]}, "value", "has 3 cells but size gives 6"),
        ({"value": [1, 2, "x", 4, 5, 6]}, "value[2]", "'x' is not a number"),
        ({"value": {"9": 1}}, "value", "outside"),
        ({"size": [2, 4]}, "dimension.year.category", "has 3 categories but size says 4"),
        ({"id": ["region"]}, "size", "has 2 entries"),
        ({"role": {"time": ["month"]}}, "role.time", "'month' is not a dimension"),
        ({"status": [".."] * 4}, "status", "has 4 entries"),
    ],
)
def test_bad_input_names_the_place(change: dict[str, Any], path: str, words: str) -> None:
    """Each kind of broken file raises JsonStatError whose path names where it broke."""
    with pytest.raises(JsonStatError) as error:
        decode(_small(**change))
    assert error.value.path == path
    assert words in str(error.value)


def test_jsonstat_1_and_bad_json_are_refused() -> None:
    """A JSON-stat 1.x bundle and text that is not JSON are refused with a reason."""
    with pytest.raises(JsonStatError, match=r"JSON-stat 1\.x"):
        decode({"dataset": {"dimension": {}}})
    with pytest.raises(JsonStatError, match="line 1"):
        loads("{not json")


def test_duplicate_index_positions_are_refused() -> None:
    """An index object must use each position once."""
    data = _small()
    data["dimension"]["year"]["category"]["index"] = {"2020": 0, "2021": 0, "2022": 2}
    with pytest.raises(JsonStatError) as error:
        decode(data)
    assert error.value.path == "dimension.year.category.index"
