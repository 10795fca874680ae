"""Services of local democracy, read as specifications."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from medvirk.bookings.models import Booking, BookingStatus
from medvirk.localdemocracy import services
from medvirk.localdemocracy.models import (
    AgendaItem,
    AttendanceStatus,
    LocalCommittee,
    Meeting,
    MeetingKind,
    Membership,
    MinutesStatus,
    Registration,
    RegistrationStatus,
    SeatKind,
)
from medvirk.localdemocracy.tests.factories import (
    LocalCommitteeFactory,
    MeetingFactory,
    MembershipFactory,
    StandingCommitteeFactory,
    district_of,
    full_committee,
    in_days,
    person,
    room_in,
)
from medvirk.testing.race import race
from medvirk.testing.tasks import run_queued_tasks

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


@pytest.fixture
def committee() -> LocalCommittee:
    return LocalCommitteeFactory()


def _standing(committee: LocalCommittee, count: int = 4) -> list:
    return [
        StandingCommitteeFactory(municipality=committee.district.municipality) for _ in range(count)
    ]


def test_full_drammen_committee_breaks_no_rule(committee: LocalCommittee) -> None:
    """12 members, 4 elected (one per standing committee), 5 associations: no warning."""
    full_committee(committee, _standing(committee))
    assert services.composition_check(committee=committee) == []


def test_composition_check_says_exactly_what_is_missing(committee: LocalCommittee) -> None:
    """A committee with 3 residents and one elected member gets one warning per broken
    rule: empty seats, elected count, the standing committees without a representative,
    and no association."""
    standing = _standing(committee)
    MembershipFactory(
        committee=committee, seat_kind=SeatKind.ELECTED, standing_committee=standing[0]
    )
    for _ in range(3):
        MembershipFactory(committee=committee)
    breaches = {b.rule: b.message for b in services.composition_check(committee=committee)}
    assert set(breaches) == {"total", "elected", "standing_committees", "associations"}
    assert "4" in breaches["total"] and "12" in breaches["total"] and "8" in breaches["total"]
    assert standing[1].name in breaches["standing_committees"]
    assert standing[0].name not in breaches["standing_committees"]


def test_member_added_twice_is_refused(committee: LocalCommittee) -> None:
    """The same person cannot hold two active seats; after the seat ends they can return,
    and the old seat stays as history."""
    first = services.membership_add(
        committee=committee,
        person_name="Kari Nordmann",
        seat_kind=SeatKind.RESIDENT,
        starts_on=committee.term.starts_on,
    )
    with pytest.raises(ValidationError) as error:
        services.membership_add(
            committee=committee,
            person_name="kari nordmann ",
            seat_kind=SeatKind.RESIDENT,
            starts_on=committee.term.starts_on,
        )
    assert "person_name" in error.value.message_dict
    services.membership_end(membership=first, ends_on=timezone.localdate())
    services.membership_add(
        committee=committee,
        person_name="Kari Nordmann",
        seat_kind=SeatKind.RESIDENT,
        starts_on=timezone.localdate(),
    )
    assert Membership.objects.filter(committee=committee).count() == 2


def test_database_refuses_a_second_active_seat(committee: LocalCommittee) -> None:
    """Even past the service, the database holds one active seat per person."""
    MembershipFactory(committee=committee, person_name="Ola")
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(committee=committee, person_name="OLA")


def test_elected_member_needs_standing_committee_and_association_seat_an_organisation(
    committee: LocalCommittee,
) -> None:
    """The seat's kind decides what else must be given; the start must be in the term."""
    with pytest.raises(ValidationError) as error:
        services.membership_add(
            committee=committee,
            person_name="A",
            seat_kind=SeatKind.ELECTED,
            starts_on=committee.term.starts_on - timedelta(days=1),
        )
    assert set(error.value.message_dict) == {"standing_committee", "starts_on"}
    with pytest.raises(ValidationError) as error:
        services.membership_add(
            committee=committee,
            person_name="B",
            seat_kind=SeatKind.ASSOCIATION,
            starts_on=committee.term.starts_on,
        )
    assert set(error.value.message_dict) == {"organisation"}


def test_meeting_outside_the_term_is_refused(committee: LocalCommittee) -> None:
    """A meeting after the term ends is refused with the term's dates, and not saved."""
    later = timezone.make_aware(
        datetime.combine(committee.term.ends_on + timedelta(days=5), time(0))
    )
    with pytest.raises(ValidationError) as error:
        services.meeting_schedule(
            committee=committee,
            kind=MeetingKind.COMMITTEE,
            title="For sent",
            starts_at=later,
            ends_at=later + timedelta(hours=2),
            address="Torget 1",
            by=person(),
        )
    assert "starts_at" in error.value.message_dict
    assert not Meeting.objects.exists()


def test_meeting_needs_exactly_one_place(committee: LocalCommittee) -> None:
    """An address and an online link at once is refused; so is no place."""
    places: list[dict[str, Any]] = [
        {"address": "Torget 1", "online_url": "https://m.example/1"},
        {},
    ]
    for kwargs in places:
        with pytest.raises(ValidationError) as error:
            services.meeting_schedule(
                committee=committee,
                kind=MeetingKind.DIALOGUE,
                title="Møte",
                starts_at=in_days(3),
                ends_at=in_days(3, 20),
                by=person(),
                **kwargs,
            )
        assert "room" in error.value.message_dict


def test_meeting_in_a_room_books_it_and_a_clash_saves_nothing(
    committee: LocalCommittee,
) -> None:
    """Planning in a hub room confirms a booking; a second meeting at an overlapping time
    is refused with the booking's message and leaves no meeting and no booking."""
    room = room_in(committee.district)
    coordinator = person()
    meeting = services.meeting_schedule(
        committee=committee,
        kind=MeetingKind.COMMITTEE,
        title="Nærutvalgsmøte",
        starts_at=in_days(5),
        ends_at=in_days(5, 20),
        room=room,
        by=coordinator,
    )
    assert meeting.booking is not None
    assert meeting.booking.status == BookingStatus.CONFIRMED
    assert meeting.capacity == room.capacity
    with pytest.raises(ValidationError) as error:
        services.meeting_schedule(
            committee=committee,
            kind=MeetingKind.WORKSHOP,
            title="Verksted",
            starts_at=in_days(5, 19),
            ends_at=in_days(5, 21),
            room=room,
            by=coordinator,
        )
    assert error.value.message_dict["room"]
    assert Meeting.objects.count() == 1 and Booking.objects.count() == 1


def test_cancelling_a_meeting_releases_its_room_and_tells_the_registered(
    committee: LocalCommittee, django_capture_on_commit_callbacks: Any
) -> None:
    """A cancelled meeting's booking is cancelled, so the room is free again, and the
    people registered are e-mailed."""
    room = room_in(committee.district)
    coordinator = person()
    meeting = services.meeting_schedule(
        committee=committee,
        kind=MeetingKind.COMMITTEE,
        title="Møte",
        starts_at=in_days(5),
        ends_at=in_days(5, 20),
        room=room,
        by=coordinator,
    )
    services.registration_create(meeting=meeting, name="En", email="en@x.no", base_url=BASE)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(meeting=meeting, by=None)
    assert Booking.objects.get().status == BookingStatus.CANCELLED
    run_queued_tasks()
    assert mail.outbox[0].to == ["en@x.no"]
    services.meeting_schedule(
        committee=committee,
        kind=MeetingKind.COMMITTEE,
        title="Nytt møte",
        starts_at=in_days(5),
        ends_at=in_days(5, 20),
        room=room,
        by=coordinator,
    )


@pytest.mark.django_db(transaction=True)
def test_two_racing_meetings_cannot_double_book_a_room() -> None:
    """Two coordinators plan meetings in the same room at the same time, at the same
    moment: exactly one meeting is saved, with the one booking."""
    committee = LocalCommitteeFactory()
    room = room_in(committee.district)
    coordinator = person()

    def plan() -> None:
        services.meeting_schedule(
            committee=committee,
            kind=MeetingKind.COMMITTEE,
            title="Samtidig",
            starts_at=in_days(4),
            ends_at=in_days(4, 20),
            room=room,
            by=coordinator,
        )

    assert sorted(race(plan, plan)) == ["ok", "refused"]
    assert Meeting.objects.count() == 1
    assert Booking.objects.filter(status=BookingStatus.CONFIRMED).count() == 1


def test_agenda_document_of_wrong_type_or_size_is_refused(settings: Any, tmp_path: Any) -> None:
    """An .exe and a too-large PDF are refused with a message; nothing is saved. A small
    PDF is attached, and items are numbered in order."""
    settings.MEDIA_ROOT = tmp_path
    meeting = MeetingFactory()
    with pytest.raises(ValidationError) as error:
        services.agenda_item_add(
            meeting=meeting, title="Sak", document=SimpleUploadedFile("virus.exe", b"MZ")
        )
    assert ".exe" in error.value.message_dict["document"][0]
    big = SimpleUploadedFile("stor.pdf", b"0" * (services.MAX_DOCUMENT_BYTES + 1))
    with pytest.raises(ValidationError):
        services.agenda_item_add(meeting=meeting, title="Sak", document=big)
    assert not AgendaItem.objects.exists()
    services.agenda_item_add(meeting=meeting, title="Første")
    item = services.agenda_item_add(
        meeting=meeting, title="Andre", document=SimpleUploadedFile("plan.pdf", b"%PDF-1.4")
    )
    assert item.number == 2 and item.document_name.endswith(".pdf")


def test_registration_fills_capacity_then_waiting_list_and_moves_up_on_cancel(
    django_capture_on_commit_callbacks,
) -> None:
    """With 2 places, the third person waits. Each gets an e-mail with a cancel link.
    When a confirmed person cancels, the first on the waiting list gets the place and
    is told."""
    meeting = MeetingFactory(capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.registration_create(
            meeting=meeting, name="En", email="en@x.no", base_url=BASE
        )
        services.registration_create(meeting=meeting, name="To", email="to@x.no", base_url=BASE)
        third = services.registration_create(
            meeting=meeting, name="Tre", email="tre@x.no", base_url=BASE
        )
    assert third.status == RegistrationStatus.WAITING
    run_queued_tasks()
    assert len(mail.outbox) == 3
    assert first.token in mail.outbox[0].body
    assert mail.outbox[0].body.count(BASE) == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(token=first.token, base_url=BASE)
    third.refresh_from_db()
    assert third.status == RegistrationStatus.CONFIRMED
    run_queued_tasks()
    assert mail.outbox[-1].to == ["tre@x.no"]
    with pytest.raises(ValidationError):
        services.registration_cancel(token=first.token, base_url=BASE)


def test_registering_twice_is_refused_and_the_database_backs_it_up() -> None:
    """The same e-mail address registers once; a direct second row is refused by the
    database's unique constraint."""
    meeting = MeetingFactory(capacity=None)
    services.registration_create(meeting=meeting, name="En", email="En@X.no", base_url=BASE)
    with pytest.raises(ValidationError) as error:
        services.registration_create(meeting=meeting, name="En", email="en@x.no", base_url=BASE)
    assert "email" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            meeting=meeting, name="En", email="en@x.no", status=RegistrationStatus.CONFIRMED
        )


@pytest.mark.django_db(transaction=True)
def test_double_submit_registers_once() -> None:
    """Two submits of the same registration at the same moment leave one registration."""
    meeting = MeetingFactory(capacity=None)

    def submit() -> None:
        services.registration_create(meeting=meeting, name="En", email="en@x.no", base_url=BASE)

    assert sorted(race(submit, submit)) == ["ok", "refused"]
    assert Registration.objects.count() == 1


def test_closed_or_past_meetings_take_no_registrations() -> None:
    """Closed, cancelled and finished meetings refuse registration with a message."""
    for meeting in (
        MeetingFactory(is_public=False),
        MeetingFactory(status="cancelled"),
        MeetingFactory(starts_at=in_days(-3), ends_at=in_days(-3, 20)),
    ):
        with pytest.raises(ValidationError):
            services.registration_create(meeting=meeting, name="En", email="en@x.no", base_url=BASE)


def test_minutes_go_from_draft_to_published_in_order() -> None:
    """Draft → sent for approval → approved → published; steps cannot be skipped, and
    approved minutes cannot be rewritten."""
    meeting = MeetingFactory()
    actor = person()
    minutes = services.minutes_save(meeting=meeting, text="Referat", by=actor)
    with pytest.raises(ValidationError):
        services.minutes_publish(minutes=minutes, by=actor)
    minutes = services.minutes_send_for_approval(minutes=minutes, by=actor)
    minutes = services.minutes_approve(minutes=minutes, by=actor)
    assert minutes.approved_by == actor and minutes.approved_at is not None
    with pytest.raises(ValidationError):
        services.minutes_save(meeting=meeting, text="Endret", by=actor)
    minutes = services.minutes_publish(minutes=minutes, by=actor)
    assert minutes.status == MinutesStatus.PUBLISHED and minutes.published_at is not None


def test_attendance_is_recorded_for_members_only() -> None:
    """Recording twice replaces the answer; a stranger cannot be recorded."""
    meeting = MeetingFactory()
    member = MembershipFactory(committee=meeting.committee)
    services.attendance_record(meeting=meeting, statuses={member.pk: AttendanceStatus.EXCUSED})
    services.attendance_record(meeting=meeting, statuses={member.pk: AttendanceStatus.PRESENT})
    assert meeting.attendance.get().status == AttendanceStatus.PRESENT
    stranger = MembershipFactory()
    with pytest.raises(ValidationError):
        services.attendance_record(meeting=meeting, statuses={stranger.pk: "present"})


def test_referral_is_answered_once_and_returned_to_the_case_officer(
    committee: LocalCommittee,
    django_capture_on_commit_callbacks,
) -> None:
    """The statement is recorded with who and when, the case officer is e-mailed, and a
    second answer is refused."""
    officer = person()
    referral = services.referral_create(
        committee=committee,
        case_reference="26/100",
        title="Ny skolevei",
        question="Hva mener nærutvalget?",
        deadline=timezone.localdate() + timedelta(days=10),
        by=officer,
    )
    coordinator = person()
    with django_capture_on_commit_callbacks(execute=True):
        answered = services.referral_answer(
            referral=referral, statement="Vi støtter.", by=coordinator
        )
    assert answered.answered_by == coordinator and answered.answered_on_time is True
    run_queued_tasks()
    assert mail.outbox[0].to == [officer.email]
    with pytest.raises(ValidationError):
        services.referral_answer(referral=referral, statement="Igjen", by=coordinator)


def test_referral_with_a_past_deadline_is_refused(committee: LocalCommittee) -> None:
    """A deadline in the past is refused with a field message."""
    with pytest.raises(ValidationError) as error:
        services.referral_create(
            committee=committee,
            case_reference="1",
            title="Sak",
            question="?",
            deadline=timezone.localdate() - timedelta(days=1),
            by=person(),
        )
    assert "deadline" in error.value.message_dict


def test_terms_and_committees_are_checked(committee: LocalCommittee) -> None:
    """A term must end after it starts; a district has one committee per term, and the
    term must be the district's municipality's."""
    municipality = committee.district.municipality
    with pytest.raises(ValidationError):
        services.term_create(
            municipality=municipality,
            name="Baklengs",
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate() - timedelta(days=1),
        )
    with pytest.raises(ValidationError):
        services.committee_create(
            district=committee.district, term=committee.term, name="Nummer to"
        )
    with pytest.raises(ValidationError):
        services.committee_create(district=district_of(), term=committee.term, name="Feil")
    term = services.term_create(
        municipality=municipality,
        name="2027–2031",
        starts_on=committee.term.ends_on + timedelta(days=1),
        ends_on=committee.term.ends_on + timedelta(days=4 * 365),
    )
    assert (
        services.committee_create(
            district=committee.district, term=term, name="Nytt nærutvalg"
        ).term
        == term
    )
