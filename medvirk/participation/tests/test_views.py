"""The participation pages: fixed query counts, pagination, forms that keep what the person
wrote, HTML shown as text, exports and API without personal data."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

import pytest
from django.urls import reverse

from medvirk.accounts.models import Role
from medvirk.accounts.tests.factories import user_with_role
from medvirk.participation.models import Contact, Input, Visibility
from medvirk.participation.tests.factories import make_activity, make_input

pytestmark = pytest.mark.django_db


def _bulk_inputs(activity: Any, count: int) -> None:
    rows = []
    for n in range(count):
        key = hashlib.sha256(f"{activity.pk}-{n}".encode()).hexdigest()
        rows.append(
            Input(
                activity=activity,
                kind=activity.input_kind,
                title=f"Idé {n}",
                text=f"Tekst {n}",
                submission_key=key,
                private_token=key[:40],
                fingerprint=key,
            )
        )
    Input.objects.bulk_create(rows, batch_size=2000)


def _url(activity: Any) -> str:
    return reverse("participation:activity", args=[activity.municipality.slug, activity.slug])


def test_activity_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries) -> None:
    """The activity page runs the same number of queries with 30 inputs as with 10,000,
    and shows one page of 25 of them."""
    activity = make_activity()
    _bulk_inputs(activity, 30)
    client.get(_url(activity))  # warm the session and caches
    with django_assert_num_queries(8) as small:
        response = client.get(_url(activity))
    assert response.status_code == 200
    big = make_activity(municipality=activity.municipality, district=activity.district)
    _bulk_inputs(big, 10_000)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(_url(big) + "?side=3")
    assert response.status_code == 200
    assert b"Side 3 av 400" in response.content
    assert response.content.count(b'class="ds-card input-item"') == 25


def test_lists_run_fixed_queries(client, django_assert_max_num_queries) -> None:
    """The activity list and the toolbox run a fixed number of queries."""
    activity = make_activity()
    for _n in range(5):
        make_activity(municipality=activity.municipality, district=activity.district)
    with django_assert_max_num_queries(8):
        assert (
            client.get(
                reverse("participation:activity_list", args=[activity.municipality.slug])
            ).status_code
            == 200
        )
    with django_assert_max_num_queries(6):
        assert (
            client.get(
                reverse("participation:method_list", args=[activity.municipality.slug])
            ).status_code
            == 200
        )


def test_bad_input_keeps_the_text_and_shows_a_message(client) -> None:
    """A refused idea comes back on the same form with the text kept and a translated
    message; nothing is stored."""
    activity = make_activity()
    response = client.post(
        _url(activity),
        {
            "submission_key": uuid.uuid4().hex,
            "title": "",
            "text": "Min lange tekst om parken",
        },
    )
    assert response.status_code == 400
    assert "Min lange tekst om parken" in response.content.decode()
    assert "Gi idéen din en tittel." in response.content.decode()
    assert not Input.objects.exists()


def test_good_input_redirects_to_its_private_link_and_html_is_text(client) -> None:
    """An idea is received and the contributor lands on its private link; HTML in the
    input is shown as text, never run."""
    activity = make_activity()
    response = client.post(
        _url(activity),
        {
            "submission_key": uuid.uuid4().hex,
            "title": "<script>alert(1)</script>",
            "text": "<b>fet</b> idé",
            "email": "kari@example.no",
        },
    )
    assert response.status_code == 302
    item = Input.objects.get()
    assert response["Location"] == reverse("followup:private_input", args=[item.private_token])
    page = client.get(_url(activity)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "kari@example.no" not in page


def test_closed_activity_shows_no_form(client) -> None:
    """A closed activity says so and has no input form; a post to it stores nothing."""
    activity = make_activity(phase="closed")
    response = client.get(_url(activity))
    assert "stengt for innspill" in response.content.decode()
    response = client.post(_url(activity), {"submission_key": "k", "title": "t", "text": "x"})
    assert response.status_code == 400
    assert not Input.objects.exists()


def test_exports_and_api_hold_no_personal_data(client) -> None:
    """CSV, XLSX and the API carry the inputs but never names, e-mail or phone."""
    activity = make_activity()
    item = make_input(activity)
    Contact.objects.create(
        input=item, name="Kari Hemmelig", email="kari@example.no", phone="99999999"
    )
    slug = activity.municipality.slug
    csv = client.get(reverse("participation:export_csv", args=[slug, activity.slug]))
    assert "Leksehjelp" in csv.content.decode()
    xlsx = client.get(reverse("participation:export_xlsx", args=[slug, activity.slug]))
    assert xlsx.content[:2] == b"PK"
    api = client.get(
        f"/api/v1/municipalities/{activity.municipality.number}/activities/{activity.slug}/inputs/"
    )
    assert api.status_code == 200
    assert api.json()["results"][0]["title"] == "Leksehjelp"
    for body in (csv.content, api.content):
        assert b"Hemmelig" not in body and b"kari@example.no" not in body and b"9999" not in body
    assert "/activities/{slug}/inputs/" in client.get("/api/schema/").content.decode()


def test_contact_details_are_shown_only_to_staff_who_need_them(client) -> None:
    """The input page shows the contact details to the municipality's case officer, not
    to the public."""
    activity = make_activity()
    item = make_input(activity)
    Contact.objects.create(input=item, email="kari@example.no")
    url = reverse("participation:input", args=[activity.municipality.slug, activity.slug, item.pk])
    assert "kari@example.no" not in client.get(url).content.decode()
    client.force_login(user_with_role(Role.CASE_OFFICER, municipality=activity.municipality))
    assert "kari@example.no" in client.get(url).content.decode()


def test_moderation_queue_flow(client) -> None:
    """A moderator sees the flagged input in the queue and hides it with a public reason,
    which the activity page then shows instead of the text."""
    activity = make_activity()
    item = make_input(activity)
    slug = activity.municipality.slug
    client.post(
        reverse("participation:flag", args=[slug, activity.slug, item.pk]), {"reason": "Reklame"}
    )
    assert client.get(reverse("participation:moderation", args=[slug])).status_code == 403
    client.force_login(user_with_role(Role.MODERATOR, municipality=activity.municipality))
    queue = client.get(reverse("participation:moderation", args=[slug])).content.decode()
    assert "Reklame" in queue
    client.post(
        reverse("participation:moderate", args=[slug, item.pk]),
        {"action": "hide", "reason": "Reklame for et firma"},
    )
    item.refresh_from_db()
    assert item.visibility == Visibility.HIDDEN
    page = client.get(_url(activity)).content.decode()
    assert "Reklame for et firma" in page
    assert "Leksehjelp for ungdom" not in page


def test_staff_register_input_with_channel(client) -> None:
    """Staff register input from the phone with the channel recorded."""
    activity = make_activity()
    url = reverse("participation:register", args=[activity.municipality.slug, activity.slug])
    assert client.get(url).status_code == 403
    client.force_login(user_with_role(Role.CASE_OFFICER, municipality=activity.municipality))
    response = client.post(
        url,
        {
            "submission_key": uuid.uuid4().hex,
            "channel": "phone",
            "title": "Benker",
            "text": "Ringte inn om benker.",
        },
    )
    assert response.status_code == 302
    assert Input.objects.get().channel == "phone"


def test_start_activity_from_the_toolbox(client) -> None:
    """A case officer starts an activity from a method of the toolbox."""
    activity = make_activity()
    slug = activity.municipality.slug
    url = reverse("participation:activity_start", args=[slug, "ideinnsamling"])
    assert client.get(url).status_code == 403
    client.force_login(user_with_role(Role.CASE_OFFICER, municipality=activity.municipality))
    response = client.post(
        url,
        {
            "title": "Ny park",
            "slug": "ny-park",
            "summary": "Idéer til parken",
            "input_kind": "idea",
            "owner_kind": "administration",
            "owner_name": "Park",
            "participation_rule": "anyone",
            "moderation": "post",
            "opens_on": "2026-01-01",
            "closes_on": "2030-01-01",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert client.get(reverse("participation:activity", args=[slug, "ny-park"])).status_code == 200


def test_back_office_shows_own_municipality_only(client) -> None:
    """A municipality administrator sees their municipality's inputs in the back office,
    not another municipality's."""
    mine = make_input(make_activity(), text="Vår idé")
    theirs = make_input(make_activity(), text="Deres idé")
    admin_user = user_with_role(Role.MUNICIPALITY_ADMIN, municipality=mine.activity.municipality)
    admin_user.is_staff = True
    admin_user.save()
    client.force_login(admin_user)
    page = client.get("/admin/participation/input/")
    assert page.status_code == 200
    assert f">{mine.pk}<" in page.content.decode()
    assert client.get(f"/admin/participation/input/{theirs.pk}/change/").status_code in (
        302,
        403,
        404,
    )


def test_panels_and_api_show_open_activities(client) -> None:
    """The district page and the municipality page list the open activities; planned
    ones are left out; the API lists activities with their phases."""
    activity = make_activity(title="Åpen høring om parken")
    make_activity(district=activity.district, phase="planned", title="Planlagt ting")
    municipality = activity.municipality
    district_page = client.get(
        reverse("places:district", args=[municipality.slug, activity.district.slug])
    ).content.decode()
    assert "Åpen høring om parken" in district_page and "Planlagt ting" not in district_page
    assert (
        "Åpen høring om parken"
        in client.get(reverse("places:municipality", args=[municipality.slug])).content.decode()
    )
    api = client.get(f"/api/v1/municipalities/{municipality.number}/activities/").json()
    titles = {row["title"]: row for row in api["results"]}
    assert titles["Åpen høring om parken"]["current_phase"] == "open"
    assert len(titles["Planlagt ting"]["phases"]) == 5


def test_closed_survey_sums_up_answers_instead_of_empty_cards(
    client, django_assert_max_num_queries
) -> None:
    """Survey answers have no title or text: the activity page counts them and sums up
    each question (choices, scale average) in a fixed number of queries, and lists no
    card per answer ("Innspill 626" with nothing in it)."""
    from medvirk.participation import services
    from medvirk.participation.models import InputKind, QuestionKind

    activity = make_activity(kind=InputKind.SURVEY)
    often = services.question_add(
        activity=activity, kind=QuestionKind.SINGLE, text="Hvor ofte?", choices=["Ofte", "Sjelden"]
    )
    scale = services.question_add(activity=activity, kind=QuestionKind.SCALE, text="Fornøyd?")
    services.question_add(activity=activity, kind=QuestionKind.TEXT, text="Annet?")
    for n, (choice, score) in enumerate([("Ofte", 4), ("Ofte", 5), ("Sjelden", 3)]):
        make_input(activity, answers={often.pk: choice, scale.pk: score}, submission_key=f"s{n}")
    client.get(_url(activity))
    with django_assert_max_num_queries(12):
        response = client.get(_url(activity))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="ds-card input-item"' not in page
    assert "survey-summary" in page and "Hvor ofte?" in page and "Fornøyd?" in page
    assert "<td>2</td><td>67 %</td>" in page  # "Ofte": 2 of 3
    assert "4,0" in page or "4.0" in page  # the scale's average
