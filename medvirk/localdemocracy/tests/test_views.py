"""Pages, feeds and API of local democracy and budgets over HTTP: who gets in, what bad
input shows, and how many queries list pages run."""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from medvirk.accounts.models import Role
from medvirk.accounts.tests.factories import user_with_role
from medvirk.budgets import services as budget_services
from medvirk.localdemocracy import services
from medvirk.localdemocracy.models import Coordinator, LocalCommittee, Meeting, MinutesStatus
from medvirk.localdemocracy.tests.factories import (
    LocalCommitteeFactory,
    MeetingFactory,
    MembershipFactory,
    district_of,
    in_days,
    person,
)
from medvirk.testing.tasks import run_queued_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee() -> LocalCommittee:
    committee = LocalCommitteeFactory()
    Coordinator.objects.create(
        district=committee.district, name="Kari Koordinator", email="kari@kommune.no"
    )
    for _ in range(3):
        MembershipFactory(committee=committee)
    MembershipFactory(committee=committee, person_name="Skjult Person", is_public=False)
    return committee


def _url(name: str, committee: LocalCommittee, *args: Any) -> str:
    district = committee.district
    return reverse(
        f"localdemocracy:{name}", args=[district.municipality.slug, district.slug, *args]
    )


def test_district_page_shows_public_members_and_coordinator_only(
    client: Client,
    committee: LocalCommittee,
    django_assert_num_queries: Any,
) -> None:
    """The district page's panel lists public members and the coordinator; members who
    asked not to be shown are left out. The same number of queries for one meeting as
    for many, with minutes and referrals."""
    MeetingFactory(committee=committee)
    district = committee.district
    url = reverse("places:district", args=[district.municipality.slug, district.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    actor = person()
    for _ in range(5):
        meeting = MeetingFactory(
            committee=committee, starts_at=in_days(-3), ends_at=in_days(-3, 20)
        )
        minutes = services.minutes_save(meeting=meeting, text="Referat", by=actor)
        minutes = services.minutes_send_for_approval(minutes=minutes, by=actor)
        minutes = services.minutes_approve(minutes=minutes, by=actor)
        services.minutes_publish(minutes=minutes, by=actor)
        MeetingFactory(committee=committee)
    with django_assert_num_queries(len(one)):
        response = client.get(url)
    text = response.content.decode()
    assert "Kari Koordinator" in text
    assert "Skjult Person" not in text
    assert "Møte" in text


def test_meeting_list_runs_a_fixed_number_of_queries(
    client: Client,
    committee: LocalCommittee,
    django_assert_num_queries: Any,
) -> None:
    """Ten meetings or one, the list costs the same queries."""
    MeetingFactory(committee=committee)
    client.get(_url("meetings", committee))
    with CaptureQueriesContext(connection) as one:
        client.get(_url("meetings", committee))
    for _ in range(9):
        MeetingFactory(committee=committee)
    with django_assert_num_queries(len(one)):
        client.get(_url("meetings", committee))


def test_coordinator_pages_refuse_others(client: Client, committee: LocalCommittee) -> None:
    """Residents and the neighbour's coordinator get 403 on the coordinator pages."""
    meeting = MeetingFactory(committee=committee)
    neighbour = district_of(municipality=committee.district.municipality)
    for user in (person(), user_with_role(Role.COORDINATOR, district=neighbour)):
        client.force_login(user)
        assert client.get(_url("meeting_create", committee)).status_code == 403
        assert client.get(_url("meeting_manage", committee, meeting.pk)).status_code == 403
        assert client.get(_url("members", committee)).status_code == 403
        assert client.post(_url("minutes", committee, meeting.pk), {"text": "x"}).status_code == 403


def test_meeting_form_keeps_input_and_explains_a_meeting_outside_the_term(
    client: Client,
    committee: LocalCommittee,
) -> None:
    """A date after the term comes back on the same form, translated, with the input."""
    client.force_login(user_with_role(Role.COORDINATOR, district=committee.district))
    late = committee.term.ends_on.replace(year=committee.term.ends_on.year + 1)
    response = client.post(
        _url("meeting_create", committee),
        {
            "kind": "committee",
            "title": "For sent",
            "day": late.isoformat(),
            "starts": "18:00",
            "ends": "20:00",
            "address": "Torget 1",
            "is_public": "on",
        },
    )
    assert response.status_code == 200
    assert "For sent" in response.content.decode()
    assert response.context["form"].errors["day"]
    assert not Meeting.objects.exists()


def test_registration_over_capacity_goes_to_waiting_list_and_cancel_link_works(
    client: Client,
    committee: LocalCommittee,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """The third registration for two places waits; the cancel page cancels on POST only,
    and the waiting person moves up."""
    meeting = MeetingFactory(committee=committee, capacity=1)
    url = _url("meeting", committee, meeting.pk)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"name": "En", "email": "en@x.no"})
        client.post(url, {"name": "To", "email": "to@x.no"})
    first, second = meeting.registrations.order_by("pk")
    assert (first.status, second.status) == ("confirmed", "waiting")
    cancel = _url("registration_cancel", committee, first.token)
    assert client.get(cancel).status_code == 200
    first.refresh_from_db()
    assert first.status == "confirmed"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(cancel)
    second.refresh_from_db()
    assert second.status == "confirmed"
    assert client.get(_url("registration_cancel", committee, "feil")).status_code == 404


def test_registration_stands_when_the_mail_server_refuses(
    client: Client,
    committee: LocalCommittee,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """A mail server that refuses every attempt never fails the resident's page nor
    undoes the registration; the confirmation ends failed in the outbox, with the
    error, for the staff to see and send again."""
    from django.core import mail
    from django_tasks_db.models import DBTaskResult

    from medvirk.core.mail import MAX_ATTEMPTS
    from medvirk.core.models import MailStatus, OutgoingMail

    settings.MAILERS = {"default": {"BACKEND": "medvirk.core.tests.test_mail.RefusingBackend"}}
    meeting = MeetingFactory(committee=committee)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url("meeting", committee, meeting.pk), {"name": "En", "email": "en@x.no"}
        )
    assert response.status_code in {200, 302}
    assert meeting.registrations.get().status == "confirmed"
    for _attempt in range(MAX_ATTEMPTS):
        run_queued_tasks()
        DBTaskResult.objects.update(run_after=timezone.now())  # skip the pause
    outgoing = OutgoingMail.objects.get(to="en@x.no")
    assert outgoing.municipality == committee.district.municipality
    assert (outgoing.status, outgoing.attempts) == (MailStatus.FAILED, MAX_ATTEMPTS)
    assert "SMTPException" in outgoing.last_error
    assert meeting.registrations.get().status == "confirmed"
    assert mail.outbox == []


def test_agenda_document_of_wrong_type_shows_message_on_the_form(
    client: Client,
    committee: LocalCommittee,
) -> None:
    """An .exe upload is refused on the coordinator's page with the agenda title kept."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    meeting = MeetingFactory(committee=committee)
    client.force_login(user_with_role(Role.COORDINATOR, district=committee.district))
    response = client.post(
        _url("agenda_item_add", committee, meeting.pk),
        {"title": "Sak med vedlegg", "document": SimpleUploadedFile("x.exe", b"MZ")},
    )
    assert response.status_code == 400
    assert "Sak med vedlegg" in response.content.decode()
    assert not meeting.agenda_items.exists()


def test_calendar_feeds_hold_public_meetings_only(
    client: Client, committee: LocalCommittee
) -> None:
    """The district and committee feeds are iCalendar with the public meetings."""
    MeetingFactory(committee=committee, title="Åpent møte, med komma")
    MeetingFactory(committee=committee, title="Lukket møte", is_public=False)
    for url in (_url("calendar", committee), _url("calendar_committee", committee, committee.pk)):
        response = client.get(url)
        body = response.content.decode()
        assert response["Content-Type"].startswith("text/calendar")
        assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
        assert "SUMMARY:Åpent møte\\, med komma" in body
        assert "Lukket møte" not in body


def test_minutes_are_public_only_when_published(client: Client, committee: LocalCommittee) -> None:
    """Draft minutes stay off the public page; published minutes show."""
    meeting = MeetingFactory(committee=committee)
    actor = person()
    minutes = services.minutes_save(meeting=meeting, text="Hemmelig utkast", by=actor)
    url = _url("meeting", committee, meeting.pk)
    assert "Hemmelig utkast" not in client.get(url).content.decode()
    for step in (
        services.minutes_send_for_approval,
        services.minutes_approve,
        services.minutes_publish,
    ):
        minutes = step(minutes=minutes, by=actor)
    assert minutes.status == MinutesStatus.PUBLISHED
    assert "Hemmelig utkast" in client.get(url).content.decode()


def test_referral_answered_by_coordinator_not_by_resident(
    client: Client,
    committee: LocalCommittee,
) -> None:
    """A case officer asks, a resident cannot answer, the coordinator answers."""
    officer = user_with_role(Role.CASE_OFFICER, municipality=committee.district.municipality)
    client.force_login(officer)
    deadline = timezone.localdate().replace(year=timezone.localdate().year + 1)
    client.post(
        _url("referral_create", committee),
        {
            "case_reference": "26/1",
            "title": "Ny park",
            "question": "Hva mener dere?",
            "deadline": deadline.isoformat(),
        },
    )
    referral = committee.referrals.get()
    url = _url("referral", committee, referral.pk)
    client.force_login(person())
    assert client.post(url, {"statement": "Ja"}).status_code == 403
    client.force_login(user_with_role(Role.COORDINATOR, district=committee.district))
    client.post(url, {"statement": "Vi støtter parken."})
    referral.refresh_from_db()
    assert referral.statement == "Vi støtter parken."


def test_central_overview_for_the_central_team_only(
    client: Client,
    committee: LocalCommittee,
    django_assert_max_num_queries: Any,
) -> None:
    """Administrators see every district in a fixed number of queries; a coordinator and
    another municipality's administrator are refused."""
    municipality = committee.district.municipality
    for _ in range(4):
        LocalCommitteeFactory(district=district_of(municipality=municipality), term=committee.term)
    url = reverse("localdemocracy:overview", args=[municipality.slug])
    client.force_login(user_with_role(Role.COORDINATOR, district=committee.district))
    assert client.get(url).status_code == 403
    client.force_login(
        user_with_role(Role.MUNICIPALITY_ADMIN, municipality=district_of().municipality)
    )
    assert client.get(url).status_code == 403
    client.force_login(user_with_role(Role.MUNICIPALITY_ADMIN, municipality=municipality))
    with django_assert_max_num_queries(16):
        response = client.get(url)
    assert len(response.context["rows"]) == 5


def test_budget_page_export_and_overspend_message(
    client: Client,
    committee: LocalCommittee,
) -> None:
    """The coordinator records an expense, an overspend is refused on the form with the
    input kept, and the ledger exports as CSV and XLSX; residents get no export."""
    district = committee.district
    year = timezone.localdate().year
    coordinator = user_with_role(Role.COORDINATOR, district=district)
    budget = budget_services.budget_open(district=district, year=year, by=coordinator)
    url = reverse("budgets:budget_year", args=[district.municipality.slug, district.slug, year])
    client.force_login(coordinator)
    today = timezone.localdate().isoformat()
    client.post(url, {"date": today, "amount": "1500", "purpose": "Kaffe og kaker"})
    response = client.post(url, {"date": today, "amount": "60000", "purpose": "Alt for mye"})
    assert response.status_code == 400
    assert "Alt for mye" in response.content.decode()
    budget.refresh_from_db()
    assert budget.spent == Decimal("1500.00")
    export = reverse(
        "budgets:export", args=[district.municipality.slug, district.slug, year, "csv"]
    )
    assert "Kaffe og kaker" in client.get(export).content.decode()
    xlsx = client.get(export.replace(".csv", ".xlsx"))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None and sheet["C2"].value == "Kaffe og kaker"
    client.force_login(person())
    assert client.get(export).status_code == 403
    assert "Kaffe og kaker" in client.get(url).content.decode()


def test_api_lists_committees_meetings_and_budgets_and_schema_describes_them(
    client: Client,
    committee: LocalCommittee,
) -> None:
    """Public members only, public meetings only, budgets with expenses; all in the
    OpenAPI schema."""
    MeetingFactory(committee=committee, title="Åpent")
    MeetingFactory(committee=committee, title="Lukket", is_public=False)
    budget_services.budget_open(district=committee.district, year=2026, by=None)
    number = committee.district.municipality.number
    committees = client.get(f"/api/v1/municipalities/{number}/committees/").json()["results"]
    names = [m["person_name"] for m in committees[0]["members"]]
    assert "Skjult Person" not in names and len(names) == 3
    assert committees[0]["coordinator"]["name"] == "Kari Koordinator"
    meetings = client.get(f"/api/v1/municipalities/{number}/meetings/").json()["results"]
    assert [m["title"] for m in meetings] == ["Åpent"]
    budgets = client.get(f"/api/v1/municipalities/{number}/budgets/").json()["results"]
    assert budgets[0]["allocation"] == "50000.00"
    schema = client.get("/api/schema/").content.decode()
    for path in ("committees/", "meetings/", "budgets/"):
        assert f"/api/v1/municipalities/{{number}}/{path}" in schema


def test_municipality_page_links_the_overview_for_the_central_team_only(
    client: Client, committee: LocalCommittee
) -> None:
    """Residents do not see the link to the central overview; administrators do."""
    municipality = committee.district.municipality
    url = reverse("places:municipality", args=[municipality.slug])
    overview = reverse("localdemocracy:overview", args=[municipality.slug])
    assert overview not in client.get(url).content.decode()
    client.force_login(user_with_role(Role.MUNICIPALITY_ADMIN, municipality=municipality))
    assert overview in client.get(url).content.decode()


def test_join_interest_is_recorded_and_the_coordinator_told(
    client: Client, committee: LocalCommittee, django_capture_on_commit_callbacks: Any
) -> None:
    """A resident who wants to join is recorded, and the coordinator gets an e-mail; a
    missing choice is explained on the form with the input kept."""
    from django.core import mail

    url = _url("join", committee)
    response = client.post(url, {"name": "Ola", "email": "ola@x.no"})
    assert response.status_code == 200 and "ola@x.no" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"kind": "working_group", "name": "Ola", "email": "ola@x.no"})
    assert committee.district.join_interests.get().kind == "working_group"
    run_queued_tasks()
    assert mail.outbox[-1].to == ["kari@kommune.no"]


def test_committee_member_approves_minutes_from_the_meeting_page(
    client: Client, committee: LocalCommittee
) -> None:
    """Minutes sent for approval are shown to the district's committee members with an
    approve button; a resident neither sees them nor can approve."""
    meeting = MeetingFactory(committee=committee)
    actor = person()
    minutes = services.minutes_save(meeting=meeting, text="Utkast til godkjenning", by=actor)
    services.minutes_send_for_approval(minutes=minutes, by=actor)
    url = _url("meeting", committee, meeting.pk)
    approve = _url("minutes_action", committee, meeting.pk, "approve")
    client.force_login(person())
    assert "Utkast til godkjenning" not in client.get(url).content.decode()
    assert client.post(approve).status_code == 403
    member = user_with_role(Role.COMMITTEE_MEMBER, district=committee.district)
    client.force_login(member)
    assert "Utkast til godkjenning" in client.get(url).content.decode()
    client.post(approve)
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.APPROVED and minutes.approved_by == member


@pytest.mark.parametrize(
    ("language", "heading", "budget"),
    [
        ("nb", "Nærutvalg", "Medvirkningsmidler"),
        ("nn", "Nærutval", "Medverknadsmidlar"),
        ("en", "Local committee", "Participation money"),
    ],
)
def test_district_panels_speak_the_chosen_language(
    client: Client, committee: LocalCommittee, language: str, heading: str, budget: str
) -> None:
    """The committee and budget panels are in bokmål, nynorsk or English."""
    budget_services.budget_open(district=committee.district, year=2026, by=None)
    district = committee.district
    url = reverse("places:district", args=[district.municipality.slug, district.slug])
    text = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f">{heading}</h2>" in text
    assert budget in text


def test_coordinator_removes_an_agenda_item_others_cannot(
    client: Client, committee: LocalCommittee
) -> None:
    """The coordinator removes an item from the agenda; a resident gets 403."""
    meeting = MeetingFactory(committee=committee)
    item = services.agenda_item_add(meeting=meeting, title="Feil sak")
    url = _url("agenda_item_remove", committee, meeting.pk, item.pk)
    client.force_login(person())
    assert client.post(url).status_code == 403
    client.force_login(user_with_role(Role.COORDINATOR, district=committee.district))
    client.post(url)
    assert not meeting.agenda_items.exists()


def test_coordinator_chooses_among_the_rooms_of_their_own_district(
    client: Client, committee: LocalCommittee
) -> None:
    """The meeting form offers a district coordinator the rooms of the hubs they host
    (their district's), not every room in the municipality; the municipality's case
    officers, who host every hub, would get them all."""
    from medvirk.bookings.selectors import room_list_for_host
    from medvirk.localdemocracy.tests.factories import room_in

    municipality = committee.district.municipality
    mine = room_in(committee.district)
    theirs = room_in(district_of(municipality=municipality))
    client.force_login(user_with_role(Role.COORDINATOR, district=committee.district))
    form = client.get(_url("meeting_create", committee)).context["form"]
    assert list(form.fields["room"].queryset) == [mine]
    officer = user_with_role(Role.CASE_OFFICER, municipality=municipality)
    assert set(room_list_for_host(user=officer, municipality=municipality)) == {mine, theirs}


def test_a_new_meeting_in_the_past_is_refused_but_a_held_one_can_be_recorded(
    client: Client, committee: LocalCommittee
) -> None:
    """Planning a meeting that would start in the past is refused on the form, with a
    translated word on what to do and the input kept; ticking "already held" records it,
    and its minutes can be written. A held meeting cannot start in the future."""
    client.force_login(user_with_role(Role.COORDINATOR, district=committee.district))
    yesterday = timezone.localdate() - timedelta(days=1)
    assert committee.term.starts_on <= yesterday <= committee.term.ends_on
    details = {
        "kind": "committee",
        "title": "Glemt møte",
        "day": yesterday.isoformat(),
        "starts": "18:00",
        "ends": "20:00",
        "address": "Torget 1",
        "is_public": "on",
    }
    response = client.post(_url("meeting_create", committee), details, HTTP_ACCEPT_LANGUAGE="nb")
    assert response.status_code == 200
    errors = response.context["form"].errors["day"]
    assert errors and "fortiden" in errors[0]
    assert "Glemt møte" in response.content.decode()
    assert not Meeting.objects.exists()

    response = client.post(_url("meeting_create", committee), {**details, "already_held": "on"})
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    response = client.post(_url("minutes", committee, meeting.pk), {"text": "Referat."})
    assert response.status_code == 302
    assert meeting.minutes.text == "Referat."

    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(
        _url("meeting_create", committee),
        {**details, "title": "Ikke holdt", "day": tomorrow.isoformat(), "already_held": "on"},
    )
    assert response.status_code == 200 and response.context["form"].errors["day"]
    assert Meeting.objects.count() == 1
