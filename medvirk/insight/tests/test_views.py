"""The insight pages and API: staff start, follow and review an analysis; the public
sees the summary on the activity page, in the report and through the API only after a
person has published it."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from medvirk.accounts.models import Role
from medvirk.accounts.tests.factories import UserFactory, user_with_role
from medvirk.followup.models import Report
from medvirk.insight import services
from medvirk.insight.models import AnalysisStatus, SummaryStatus, Theme, ThemeInput
from medvirk.insight.tests.factories import analysable_activity

pytestmark = pytest.mark.django_db


def _url(name, activity, *args):
    return reverse(f"insight:{name}", args=[activity.municipality.slug, activity.slug, *args])


@pytest.fixture
def setting(client, started, django_capture_on_commit_callbacks):
    activity, made = analysable_activity()
    officer = user_with_role(Role.CASE_OFFICER, municipality=activity.municipality)
    client.force_login(officer)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the assertions read English
    return activity, made, officer


def _run(client, activity, django_capture_on_commit_callbacks, started, data=None):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("workspace", activity), data or {"n_themes": ""})
    assert response.status_code == 302
    return services.analysis_run(analysis_id=started[-1])


def test_workspace_is_for_staff_only(client, setting) -> None:
    activity, _made, _officer = setting
    client.logout()
    assert client.get(_url("workspace", activity)).status_code == 403
    client.force_login(UserFactory())
    assert client.get(_url("workspace", activity)).status_code == 403
    client.force_login(user_with_role(Role.MODERATOR, municipality=activity.municipality))
    assert client.post(_url("workspace", activity), {"n_themes": ""}).status_code == 403


def test_start_shows_progress_then_the_draft(
    client, setting, started, django_capture_on_commit_callbacks
) -> None:
    activity, _made, _officer = setting
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("workspace", activity), {"n_themes": ""}, follow=True)
    assert "The analysis has started" in response.content.decode()
    page = response.content.decode()
    assert 'id="analysis-progress"' in page and "hx-trigger" in page
    progress = client.get(_url("progress", activity, started[-1]), HTTP_HX_REQUEST="true")
    assert progress.status_code == 200 and "HX-Refresh" not in progress
    assert 'value="0"' in progress.content.decode()
    analysis = services.analysis_run(analysis_id=started[-1])
    assert analysis.status == AnalysisStatus.DONE
    progress = client.get(_url("progress", activity, started[-1]), HTTP_HX_REQUEST="true")
    assert progress["HX-Refresh"] == "true"
    page = client.get(_url("workspace", activity)).content.decode()
    assert page.count('class="ds-card theme-card"') == 4
    assert "Draft for review" in page and "1 input was set apart" in page


def test_bad_number_of_themes_shows_a_translated_error(client, setting) -> None:
    activity, _made, _officer = setting
    response = client.post(
        _url("workspace", activity), {"n_themes": "1"}, HTTP_ACCEPT_LANGUAGE="nb"
    )
    assert response.status_code == 400
    assert "større enn eller lik 2" in response.content.decode()


def test_review_actions_through_the_pages(
    client, setting, started, django_capture_on_commit_callbacks
) -> None:
    activity, made, _officer = setting
    summary = _run(client, activity, django_capture_on_commit_callbacks, started).summary
    bus = Theme.objects.get(members__input=made["buss"][0])
    library = Theme.objects.get(members__input=made["bibliotek"][0])

    response = client.post(_url("rename", activity, bus.pk), {"label": "Bussen"}, follow=True)
    assert "The theme has been renamed" in response.content.decode()
    bus.refresh_from_db()
    assert bus.label == "Bussen"

    page = client.get(_url("theme", activity, bus.pk))
    assert page.status_code == 200 and made["buss"][0].text in page.content.decode()
    response = client.post(
        _url("theme", activity, bus.pk),
        {"inputs": [made["buss"][0].pk], "target": str(library.pk), "new_label": ""},
    )
    assert response.status_code == 302
    assert ThemeInput.objects.get(input=made["buss"][0]).theme_id == library.pk
    response = client.post(
        _url("theme", activity, bus.pk), {"inputs": [made["buss"][1].pk], "target": "ny"}
    )
    assert response.status_code == 400  # a new theme needs a name; nothing moved
    assert ThemeInput.objects.get(input=made["buss"][1]).theme_id == bus.pk
    bus.refresh_from_db()
    quoted = made["buss"][1].pk in bus.quote_ids
    client.post(_url("theme", activity, bus.pk), {"quote": str(made["buss"][1].pk)})
    bus.refresh_from_db()
    assert (made["buss"][1].pk in bus.quote_ids) is not quoted

    response = client.post(
        _url("merge", activity), {"themes": [bus.pk, library.pk], "label": "Buss og bibliotek"}
    )
    assert response.status_code == 302
    assert not Theme.objects.filter(pk=library.pk).exists()
    response = client.post(_url("merge", activity), {"themes": [bus.pk]}, follow=True)
    assert "Choose at least two themes" in response.content.decode()

    response = client.post(_url("split", activity, bus.pk), follow=True)
    assert "The theme has been split in 2" in response.content.decode()
    assert Theme.objects.filter(summary=summary).count() == 4

    response = client.post(_url("publish", activity), {}, follow=True)
    assert "Confirm that you have read the summary" in response.content.decode()
    summary.refresh_from_db()
    assert summary.status == SummaryStatus.DRAFT
    client.post(_url("publish", activity), {"confirm": "on"})
    summary.refresh_from_db()
    assert summary.status == SummaryStatus.PUBLISHED


def test_public_pages_and_api_show_only_the_published_summary(
    client, setting, started, django_capture_on_commit_callbacks
) -> None:
    activity, made, officer = setting
    Report.objects.create(
        activity=activity,
        what_we_heard="Vi hørte mye.",
        what_we_did="Vi gjorde noe.",
        published_at="2026-11-01T12:00:00Z",
    )
    summary = _run(client, activity, django_capture_on_commit_callbacks, started).summary
    theme = Theme.objects.get(members__input=made["lekeplass"][0])
    services.theme_rename(actor=officer, theme=theme, label="Lekeplassene i bydelen")
    report_url = reverse("followup:report", args=[activity.municipality.slug, activity.slug])
    activity_url = reverse(
        "participation:activity", args=[activity.municipality.slug, activity.slug]
    )
    api_url = (
        f"/api/v1/municipalities/{activity.municipality.number}/activities/{activity.slug}/summary/"
    )
    client.logout()
    assert "Lekeplassene i bydelen" not in client.get(report_url).content.decode()
    assert "Lekeplassene i bydelen" not in client.get(activity_url).content.decode()
    assert client.get(_url("public_theme", activity, theme.pk)).status_code == 404
    assert client.get(api_url).status_code == 404

    services.summary_publish(actor=officer, summary=summary)
    for url in (report_url, activity_url):
        page = client.get(url).content.decode()
        assert "Lekeplassene i bydelen" in page
        assert _url("public_theme", activity, theme.pk) in page
        assert "Analyse and summarise" not in page and "Change the summary" not in page
    page = client.get(_url("public_theme", activity, theme.pk)).content.decode()
    for item in made["lekeplass"]:
        assert item.text in page
    assert made["buss"][0].text not in page

    workbook = load_workbook(io.BytesIO(client.get(report_url.rstrip("/") + ".xlsx").content))
    sheet = workbook["Themes"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Theme", "Inputs", "Share (%)")
    row = next(r for r in rows if r[0] == "Lekeplassene i bydelen")
    assert row[1] == 8 and row[4] == ", ".join(str(i.pk) for i in made["lekeplass"])
    pdf = client.get(report_url.rstrip("/") + ".pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

    data = client.get(api_url).json()
    assert data["analysed"] == 29 and len(data["themes"]) == 4
    lekeplass = next(t for t in data["themes"] if t["label"] == "Lekeplassene i bydelen")
    assert lekeplass["inputs"] == sorted(i.pk for i in made["lekeplass"])
    assert all(q["input"] in lekeplass["inputs"] for q in lekeplass["quotes"])
    campaign = next(t for t in data["themes"] if made["campaign"][0].pk in t["inputs"])
    assert campaign["near_identical_copies"] == 4
    assert data["set_apart"] == [{"label": "not in Norwegian", "count": 1, "percent": 100}]


def test_report_page_runs_a_fixed_number_of_queries(
    client, setting, started, django_capture_on_commit_callbacks, django_assert_num_queries
) -> None:
    """The report with a summary of two themes and with one of four costs the same
    number of queries."""
    activity, _made, officer = setting
    Report.objects.create(
        activity=activity,
        what_we_heard="Vi hørte mye.",
        what_we_did="Vi gjorde noe.",
        published_at="2026-11-01T12:00:00Z",
    )
    url = reverse("followup:report", args=[activity.municipality.slug, activity.slug])
    counts = []
    for n_themes in ("2", "4"):
        analysis = _run(
            client, activity, django_capture_on_commit_callbacks, started, {"n_themes": n_themes}
        )
        services.summary_publish(actor=officer, summary=analysis.summary)
        client.get(url)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            page = client.get(url).content.decode()
        assert page.count('class="ds-card theme-card"') == int(n_themes)
        counts.append(len(captured))
    assert counts[0] == counts[1]
