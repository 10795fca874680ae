"""Pages and API endpoints: public reading, CSV downloads, status symbols shown with
their meaning, the SDG table edited only by administrators, imports only by them, and
the endpoints in the OpenAPI schema."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from medvirk.accounts.models import Role
from medvirk.accounts.tests.factories import user_with_role
from medvirk.indicators import services
from medvirk.indicators.demo import load_demo_set
from medvirk.indicators.models import ImportJob, Indicator, SdgMapping
from medvirk.indicators.reference import reference_data
from medvirk.indicators.services import observations_import_csv, observations_save


@pytest.fixture
def demo(norway: Any) -> dict[str, Any]:
    finance, _extract, cost_need, _roads = reference_data()
    observations_save(prepared=finance)
    observations_save(prepared=cost_need)
    load_demo_set(norway["3301"])
    return norway


def test_pages_answer_for_everyone(demo: Any, client: Any) -> None:
    """Every indicator page reads without login."""
    base = "/drammen/indikatorer/"
    for url in [
        base,
        base + "vis/NDR_PCT_DERIVED/",
        base + "sammenlign/?indikator=NDR_PCT_DERIVED&kommuner=3907",
        base + "handlingsregler/",
        base + "laer-av-andre/?kontekst=population&kontekst=DKI&mal=NDR_PCT_DERIVED",
        base + "baerekraftsmal/",
        "/drammen/erfaringer/?mal=8",
        "/drammen/erfaringer/?q=frivillig",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert client.get(base + "vis/finnes-ikke/").status_code == 404


def test_series_csv_download(demo: Any, client: Any) -> None:
    """The chart's figures download as CSV with Drammen, EKG12 and EAK."""
    response = client.get("/drammen/indikatorer/vis/NDR_PCT_DERIVED/?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == "indicator,region,region_name,period,value,status"
    assert any(line.startswith("NDR_PCT_DERIVED,3301,Drammen,2025,3.59") for line in lines)
    assert any(",EKG12," in line for line in lines) and any(",EAK," in line for line in lines)


def test_status_symbol_shown_with_meaning(norway: Any, client: Any) -> None:
    """A confidential figure shows ':' and what it means, never a number."""
    observations_import_csv(
        text="indicator,region,period,value,status,indicator_name\n"
        "T1,3301,2024,,:,Test\nT1,3301,2025,2,,Test\n"
    )
    response = client.get("/drammen/indikatorer/vis/T1/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'title="Konfidensielt: vises ikke av personvernhensyn">:</abbr>' in page
    assert "<td>2,0</td>" in page


def test_experience_library_queries_are_fixed(
    demo: Any, client: Any, django_assert_max_num_queries: Any
) -> None:
    """The experience library runs a fixed number of queries."""
    with django_assert_max_num_queries(8):
        assert client.get("/drammen/erfaringer/").status_code == 200


def test_sdg_mapping_is_edited_by_administrators_only(demo: Any, client: Any) -> None:
    """Anonymous and case officers cannot change the table; an administrator adds and
    removes a row."""
    url = "/drammen/indikatorer/baerekraftsmal/"
    indicator = Indicator.objects.get(code="KG31_per_capita")
    assert client.post(url, {"goal": 9, "indicator": indicator.code}).status_code == 403
    client.force_login(user_with_role(Role.CASE_OFFICER, municipality=demo["3301"]))
    assert client.post(url, {"goal": 9, "indicator": indicator.code}).status_code == 403
    client.force_login(user_with_role(Role.MUNICIPALITY_ADMIN, municipality=demo["3301"]))
    assert client.post(url, {"goal": 9, "indicator": indicator.code}).status_code == 302
    mapping = SdgMapping.objects.get(goal=9, indicator=indicator)
    assert client.post(url, {"remove": mapping.pk}).status_code == 302
    assert not SdgMapping.objects.filter(pk=mapping.pk).exists()


def test_import_page_is_for_administrators(
    norway: Any, client: Any, monkeypatch: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """Only administrators reach the import page; an upload starts a job and leads to
    its progress page, which HTMX can poll as a fragment."""
    url = "/drammen/indikatorer/import/"
    assert client.get(url).status_code == 403
    client.force_login(user_with_role(Role.MUNICIPALITY_ADMIN, municipality=norway["3301"]))
    monkeypatch.setattr(
        services, "launch_job", lambda job_id: services.import_job_run(job_id=job_id)
    )
    upload = SimpleUploadedFile(
        "t.csv", b"indicator,region,period,value,indicator_name\nT1,3301,2024,1,Test\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"file_format": "csv", "file": upload})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{job.pk}/")
    page = client.get(response["Location"])
    assert page.status_code == 200
    fragment = client.get(response["Location"], HTTP_HX_REQUEST="true")
    assert b'id="job-progress"' in fragment.content and b"<html" not in fragment.content
    assert b'value="100"' in fragment.content


def test_api_endpoints(demo: Any, client: Any) -> None:
    """Indicators, observations (JSON and CSV), fiscal-rule verdicts, peers and
    experiences are public API endpoints described in the OpenAPI schema."""
    assert client.get("/api/v1/indicators/").status_code == 200
    data = client.get("/api/v1/observations/?indicator=NDR_PCT_DERIVED&region=3301").json()
    rows = data["results"] if isinstance(data, dict) else data
    assert {(r["period"], r["value"]) for r in rows} == {("2024", 1.1), ("2025", 3.59)}
    csv_response = client.get(
        "/api/v1/observations/?indicator=NDR_PCT_DERIVED&region=EAK&format=csv"
    )
    assert csv_response["Content-Type"].startswith("text/csv")
    assert "NDR_PCT_DERIVED,EAK" in csv_response.content.decode()
    assert client.get("/api/v1/observations/").status_code == 400
    rules = client.get("/api/v1/municipalities/3301/fiscal-rules/").json()
    ndr = next(r for r in rules if r["indicator"] == "NDR_PCT_DERIVED")
    assert [v["colour"] for v in ndr["verdicts"]] == ["amber", "green"]
    peers = client.get(
        "/api/v1/municipalities/3301/peers/?context=population&context=DKI"
        "&target=NDR_PCT_DERIVED&limit=3"
    ).json()
    assert len(peers["peers"]) == 3 and peers["home"] == "3301"
    assert client.get("/api/v1/municipalities/3301/peers/?context=nothing").status_code == 400
    assert client.get("/api/v1/experiences/?goal=8").status_code == 200
    schema = client.get("/api/schema/").content.decode()
    for path in (
        "/api/v1/observations/",
        "/api/v1/municipalities/{number}/fiscal-rules/",
        "/api/v1/municipalities/{number}/peers/",
        "/api/v1/experiences/",
    ):
        assert path in schema


def test_staff_publish_an_experience(norway: Any, client: Any) -> None:
    """Anonymous visitors cannot publish; a case officer publishes an entry that the
    library then finds by goal; a missing field keeps what was typed."""
    url = "/drammen/erfaringer/ny/"
    assert client.get(url).status_code == 403
    client.force_login(user_with_role(Role.CASE_OFFICER, municipality=norway["3301"]))
    incomplete = client.post(url, {"title": "Gatemøter i Fjell", "theme": "Medvirkning"})
    assert incomplete.status_code == 200
    assert "Gatemøter i Fjell" in incomplete.content.decode()
    response = client.post(
        url,
        {
            "title": "Gatemøter i Fjell",
            "theme": "Medvirkning",
            "challenge": "Få kom.",
            "what_was_done": "Vi møtte folk på gata.",
            "results": "Flere innspill.",
            "goals": ["11", "16"],
            "contact_name": "Koordinator",
            "contact_email": "",
        },
    )
    assert response.status_code == 302
    again = client.post(
        url,
        {
            "title": "Gatemøter i Fjell",
            "theme": "Medvirkning",
            "challenge": "Igjen.",
            "what_was_done": "Igjen.",
            "results": "Igjen.",
            "contact_name": "K",
        },
    )
    assert again.status_code == 302
    library = client.get("/drammen/erfaringer/?mal=16").content.decode()
    assert library.count("Gatemøter i Fjell") == 1


def test_administrators_set_fiscal_rules(norway: Any, client: Any) -> None:
    """An administrator adds a rising rule and removes it; a year order that makes no
    sense is refused on the form with the input kept; others may not post."""
    Indicator.objects.create(code="SELF", name_nb="Egenfinansiering", unit="%")
    url = "/drammen/indikatorer/handlingsregler/"
    rule = {
        "name": "Egenfinansiering minst 15 %",
        "indicator": "SELF",
        "comparison": "at_least",
        "threshold": "15",
        "first_year": "2024",
        "target_threshold": "20",
        "target_year": "2028",
        "amber_margin": "2",
    }
    assert client.post(url, rule).status_code == 403
    client.force_login(user_with_role(Role.MUNICIPALITY_ADMIN, municipality=norway["3301"]))
    bad = client.post(url, {**rule, "target_year": "2023"})
    assert bad.status_code == 200
    assert "Egenfinansiering minst 15 %" in bad.content.decode()
    assert not norway["3301"].fiscal_rules.exists()
    assert client.post(url, rule).status_code == 302
    saved = norway["3301"].fiscal_rules.get()
    assert saved.threshold_for(2026) == 17.5
    assert client.post(url, {"remove": saved.pk}).status_code == 302
    assert not norway["3301"].fiscal_rules.exists()


def test_comparison_csv(demo: Any, client: Any) -> None:
    """The comparison's figures download as CSV, ranked."""
    response = client.get(
        "/drammen/indikatorer/sammenlign/?indikator=NDR_PCT_DERIVED"
        "&kommuner=3907&periode=2025&format=csv"
    )
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[1] == "NDR_PCT_DERIVED,2025,3907,Sandefjord,1,6.08,"
    assert lines[2] == "NDR_PCT_DERIVED,2025,3301,Drammen,2,3.59,"
