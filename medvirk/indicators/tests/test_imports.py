"""Importing observations: the real SSB JSON-stat sample decodes and imports exactly,
imports are idempotent and all-or-nothing, and bad input is refused with the place in
the file named."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from medvirk.indicators import services
from medvirk.indicators.models import (
    ImportFormat,
    Indicator,
    JobStatus,
    Observation,
    Region,
    RegionKind,
)
from medvirk.indicators.reference import DATA_DIR

SAMPLE = DATA_DIR / "ssb-12367-jsonstat2-sample.ksanalyse.json"


def _sample() -> dict[str, Any]:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def test_sample_imports_every_cell_at_the_right_place(norway: Any) -> None:
    """All 1 250 cells become observations: 50 indicators (metric × scope × function ×
    art) × 5 regions × 5 years; Halden's old number 3001 lands on today's 3101; the
    status symbols are kept and never stored as numbers."""
    raw = _sample()
    result = services.observations_import_jsonstat(text=json.dumps(raw))
    assert (result.created, result.updated, result.indicators) == (1250, 0, 50)
    assert Observation.objects.count() == 1250
    halden = Region.objects.get(code="3101")
    assert halden.kind == RegionKind.MUNICIPALITY
    assert halden.municipality is not None and halden.municipality.name == "Halden"
    assert set(Region.objects.values_list("code", flat=True)) == {
        "EAK",
        "EAKUO",
        "3101",
        "EKG16",
        "EKG17",
    }
    indicator = Indicator.objects.get(code="12367.KOSbelop0000.AGD4.100.A")
    assert indicator.ssb_filters == {
        "KOKart0000": "AGD4",
        "KOKfunksjon0000": "100",
        "KOKregnskapsomfa0000": "A",
    }
    assert indicator.unit == "1000 kr"
    first = Observation.objects.get(indicator=indicator, region__code="EAK", period="2015")
    assert first.value == raw["value"][0]
    # cell 688: Halden (3001), scope B, function 120, art AGD2, 2019
    cell = Observation.objects.get(
        indicator__code="12367.KOSbelop0000.AGD2.120.B", region__code="3101", period="2019"
    )
    assert cell.value == raw["value"][688]
    assert cell.status == raw["status"].get("688", "")
    with_status = Observation.objects.exclude(status="")
    assert with_status.count() == len(raw["status"])
    assert not with_status.filter(value__isnull=False).exists()


def test_reimport_updates_and_never_duplicates(norway: Any) -> None:
    """Importing the same file twice updates the 1 250 observations in place."""
    services.observations_import_jsonstat(text=SAMPLE.read_text(encoding="utf-8"))
    again = services.observations_import_jsonstat(text=SAMPLE.read_text(encoding="utf-8"))
    assert (again.created, again.updated) == (0, 1250)
    assert Observation.objects.count() == 1250
    assert Indicator.objects.count() == 50


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d.update(version="1.0"), "version: not JSON-stat 2.0"),
        (lambda d: d["value"].pop(), "value: has 1249 cells but size gives 1250"),
        (
            lambda d: (
                d["dimension"]["KOKkommuneregion0000"]["category"]["index"].update(
                    {"EAK": 0, "9999": 1, "3001": 2, "EKG16": 3, "EKG17": 4}
                )
                or d["dimension"]["KOKkommuneregion0000"]["category"]["index"].pop("EAKUO")
            ),
            "unknown municipality number 9999",
        ),
        (lambda d: d["value"].__setitem__(3, "12,5"), "value[3]: '12,5' is not a number"),
        (lambda d: d["status"].pop("15"), "value[15] (KOKkommuneregion0000=EAK"),
    ],
)
def test_bad_jsonstat_is_refused_whole(norway: Any, change: Any, words: str) -> None:
    """Each broken file is refused with a message naming the place, and nothing at all
    is imported."""
    raw = _sample()
    change(raw)
    with pytest.raises(ValidationError) as error:
        services.observations_import_jsonstat(text=json.dumps(raw))
    message = " ".join(error.value.messages)
    assert words in message
    assert "Nothing was imported" in message
    assert Observation.objects.count() == 0
    assert Indicator.objects.count() == 0


def test_old_number_after_the_renumbering_is_refused(norway: Any) -> None:
    """3001 (Halden before 2024) used for 2024 is an error that names the new number."""
    text = "indicator,region,period,value,indicator_name\nX,3001,2024,1,Test\n"
    with pytest.raises(ValidationError, match="3001 was replaced by 3101 from 2024"):
        services.observations_import_csv(text=text)


def test_csv_long_format_imports_with_norwegian_numbers_and_status(norway: Any) -> None:
    """The long CSV reads comma decimals, semicolons, status symbols in the value column
    and the status column; a new indicator is created from indicator_name."""
    text = (
        "indicator;region;period;value;status;indicator_name\n"
        "T1;3301;2024;1,5;;Testindikator\n"
        "T1;EKG12;2024;..;;Testindikator\n"
        "T1;EAK;2024;;:;Testindikator\n"
        "T1;33;2024;-2,25;;Testindikator\n"
    )
    result = services.observations_import_csv(text=text)
    assert (result.created, result.updated) == (4, 0)
    values = {
        o.region.code: (o.value, o.status) for o in Observation.objects.select_related("region")
    }
    assert values == {
        "3301": (1.5, ""),
        "EKG12": (None, ".."),
        "EAK": (None, ":"),
        "33": (-2.25, ""),
    }
    assert services.observations_import_csv(text=text).updated == 4
    assert Observation.objects.count() == 4


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("T1,3301,2025,abc,", "row 3: “abc” is not a number"),
        ("T1,3301,2025,,", "row 3: no value and no status symbol"),
        ("T1,XYZ,2025,1,", "row 3: unknown region code “XYZ”"),
        ("T2,3301,2025,1,", "row 3: unknown indicator “T2”"),
        ("T1,3301,2025,1,?", "row 3: unknown status symbol “?”"),
        ("T1,3301,2024,2,", "row 3: the same indicator, region and period appear twice"),
    ],
)
def test_bad_csv_row_aborts_whole_file(norway: Any, line: str, words: str) -> None:
    """One bad row refuses the whole file with its row number; the good row before it
    is not imported either."""
    Indicator.objects.create(code="T1", name_nb="Test")
    text = f"indicator,region,period,value,status\nT1,3301,2024,1,\n{line}\n"
    with pytest.raises(ValidationError) as error:
        services.observations_import_csv(text=text)
    assert words in " ".join(error.value.messages)
    assert Observation.objects.count() == 0


def test_csv_without_required_columns(norway: Any) -> None:
    """A CSV without the value column is refused at row 1."""
    with pytest.raises(ValidationError, match="row 1: missing columns: value"):
        services.observations_import_csv(text="indicator,region,period\nT,3301,2024\n")


def test_progress_is_reported(norway: Any) -> None:
    """The import reports progress up to the total number of cells."""
    seen: list[tuple[int, int]] = []
    services.observations_import_jsonstat(
        text=SAMPLE.read_text(encoding="utf-8"), progress=lambda d, t: seen.append((d, t))
    )
    assert seen[-1] == (1250, 1250)
    assert len(seen) > 5


def test_import_job_runs_and_records_progress(
    norway: Any, django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    """A job started from the web runs after commit, checks every cell, and ends done
    with the counts; a bad file ends failed with the reason."""
    started: list[int] = []
    monkeypatch.setattr(services, "launch_job", started.append)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.import_job_start(
            user=None,
            file_format=ImportFormat.JSONSTAT,
            filename="sample.json",
            content=SAMPLE.read_text(encoding="utf-8"),
        )
    assert started == [job.pk]
    job = services.import_job_run(job_id=job.pk)
    assert job.status == JobStatus.DONE
    assert (job.processed, job.total, job.created_count, job.percent) == (1250, 1250, 1250, 100)
    bad = services.import_job_start(
        user=None, file_format=ImportFormat.CSV, filename="bad.csv", content="a,b\n1,2\n"
    )
    bad = services.import_job_run(job_id=bad.pk)
    assert bad.status == JobStatus.FAILED
    assert "missing columns" in bad.message


def test_empty_file_is_refused_before_a_job_starts(db: Any) -> None:
    """An empty upload never becomes a job."""
    with pytest.raises(ValidationError):
        services.import_job_start(
            user=None, file_format=ImportFormat.CSV, filename="x.csv", content="  "
        )
