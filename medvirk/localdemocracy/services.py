"""Writes about local democracy. Every function validates its input, raises
``ValidationError`` with a translated message when it is wrong, writes inside one
transaction, and writes its e-mail to the outbox in that transaction; the task worker
sends it once the transaction has committed (see medvirk.core.mail)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from medvirk.core import uploads
from medvirk.core.mail import mail_queue, mail_queue_each
from medvirk.localdemocracy.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    CommitteeTerm,
    CompositionRules,
    Coordinator,
    InterestKind,
    JoinInterest,
    LocalCommittee,
    Meeting,
    MeetingStatus,
    Membership,
    Minutes,
    MinutesStatus,
    Referral,
    ReferralStatus,
    Registration,
    RegistrationStatus,
    SeatKind,
    StandingCommittee,
)
from medvirk.places.models import District, Municipality, Room

ALLOWED_DOCUMENT_TYPES = frozenset(
    {".pdf", ".docx", ".odt", ".xlsx", ".ods", ".txt", ".png", ".jpg", ".jpeg"}
)
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


# --- Composition -------------------------------------------------------------------------


def composition_rules_for(*, municipality: Municipality) -> CompositionRules:
    """The municipality's rules, or Drammen's defaults (unsaved) when none are set."""
    try:
        return municipality.composition_rules
    except CompositionRules.DoesNotExist:
        return CompositionRules(municipality=municipality)


@dataclass(frozen=True)
class RuleBreach:
    """One broken composition rule and what is missing."""

    rule: str
    message: str


def composition_check(
    *,
    committee: LocalCommittee,
    memberships: Iterable[Membership] | None = None,
    standing_committees: Iterable[StandingCommittee] | None = None,
    rules: CompositionRules | None = None,
) -> list[RuleBreach]:
    """The committee's broken composition rules, each saying exactly what is missing.
    A warning, never a block. Pass prefetched rows to avoid queries."""
    municipality = committee.district.municipality
    rules = rules or composition_rules_for(municipality=municipality)
    members = [
        m
        for m in (memberships if memberships is not None else committee.memberships.all())
        if m.ends_on is None
    ]
    standing = list(
        standing_committees
        if standing_committees is not None
        else StandingCommittee.objects.filter(municipality=municipality)
    )
    breaches: list[RuleBreach] = []
    count = len(members)
    if count < rules.total_members:
        breaches.append(
            RuleBreach(
                "total",
                ngettext(
                    "%(count)s of %(total)s members: %(missing)s seat is empty.",
                    "%(count)s of %(total)s members: %(missing)s seats are empty.",
                    rules.total_members - count,
                )
                % {
                    "count": count,
                    "total": rules.total_members,
                    "missing": rules.total_members - count,
                },
            )
        )
    elif count > rules.total_members:
        breaches.append(
            RuleBreach(
                "total",
                _("%(count)s members, but the rules allow %(total)s.")
                % {"count": count, "total": rules.total_members},
            )
        )
    elected = [m for m in members if m.seat_kind == SeatKind.ELECTED]
    if len(elected) != rules.elected_members:
        breaches.append(
            RuleBreach(
                "elected",
                _("%(count)s elected representatives; the rules ask for %(expected)s.")
                % {"count": len(elected), "expected": rules.elected_members},
            )
        )
    if rules.one_from_each_standing_committee and standing:
        present = {m.standing_committee_id for m in elected}
        missing = [s.name for s in standing if s.pk not in present]
        if missing:
            breaches.append(
                RuleBreach(
                    "standing_committees",
                    _("No elected representative from: %(names)s.") % {"names": ", ".join(missing)},
                )
            )
    associations = sum(1 for m in members if m.seat_kind == SeatKind.ASSOCIATION)
    if associations < rules.min_association_members:
        breaches.append(
            RuleBreach(
                "associations",
                _("%(count)s members from local associations; at least %(minimum)s needed.")
                % {"count": associations, "minimum": rules.min_association_members},
            )
        )
    return breaches


# --- Terms, committees and members ----------------------------------------------------


def term_create(
    *, municipality: Municipality, name: str, starts_on: date, ends_on: date
) -> CommitteeTerm:
    if ends_on <= starts_on:
        raise ValidationError({"ends_on": _("A term must end after it starts.")})
    with transaction.atomic():
        return CommitteeTerm.objects.create(
            municipality=municipality, name=name, starts_on=starts_on, ends_on=ends_on
        )


def committee_create(
    *, district: District, term: CommitteeTerm, name: str, description: str = "", email: str = ""
) -> LocalCommittee:
    if term.municipality_id != district.municipality_id:
        raise ValidationError(_("The term belongs to another municipality."))
    if LocalCommittee.objects.filter(district=district, term=term).exists():
        raise ValidationError(_("This district already has a committee for this term."))
    with transaction.atomic():
        return LocalCommittee.objects.create(
            district=district, term=term, name=name, description=description, email=email
        )


def membership_add(
    *,
    committee: LocalCommittee,
    person_name: str,
    seat_kind: str,
    starts_on: date,
    role: str = "member",
    standing_committee: StandingCommittee | None = None,
    organisation: str = "",
    user: Any = None,
    is_public: bool = True,
) -> Membership:
    """Give a person a seat. An elected representative names the standing committee they
    come from; an association seat names the association. A person holds one active seat
    per committee (a database constraint settles a race)."""
    person_name = person_name.strip()
    errors: dict[str, str] = {}
    if not person_name:
        errors["person_name"] = _("Enter the member's name.")
    if seat_kind == SeatKind.ELECTED:
        if standing_committee is None:
            errors["standing_committee"] = _(
                "An elected representative comes from a standing committee: choose which."
            )
        elif standing_committee.municipality_id != committee.district.municipality_id:
            errors["standing_committee"] = _("That standing committee is in another municipality.")
    if seat_kind == SeatKind.ASSOCIATION and not organisation.strip():
        errors["organisation"] = _("Name the association this member represents.")
    term = committee.term
    if not term.starts_on <= starts_on <= term.ends_on:
        errors["starts_on"] = _("The start date must be within the term %(term)s.") % {
            "term": term.name
        }
    if errors:
        raise ValidationError(errors)
    duplicate = _("%(name)s already has a seat on this committee.") % {"name": person_name}
    if Membership.objects.filter(
        committee=committee, person_name__iexact=person_name, ends_on__isnull=True
    ).exists():
        raise ValidationError({"person_name": duplicate})
    try:
        with transaction.atomic():
            return Membership.objects.create(
                committee=committee,
                person_name=person_name,
                seat_kind=seat_kind,
                role=role,
                standing_committee=standing_committee if seat_kind == SeatKind.ELECTED else None,
                organisation=organisation.strip(),
                user=user,
                is_public=is_public,
                starts_on=starts_on,
            )
    except IntegrityError as exc:
        raise ValidationError({"person_name": duplicate}) from exc


def membership_end(*, membership: Membership, ends_on: date) -> Membership:
    """End a seat; the row stays as history."""
    if membership.ends_on is not None:
        raise ValidationError(_("This membership has already ended."))
    if ends_on < membership.starts_on:
        raise ValidationError({"ends_on": _("The end date cannot be before the start date.")})
    with transaction.atomic():
        membership.ends_on = ends_on
        membership.save(update_fields=["ends_on"])
    return membership


def coordinator_upsert(*, district: District, name: str, **fields: Any) -> Coordinator:
    with transaction.atomic():
        coordinator, _created = Coordinator.objects.update_or_create(
            district=district, defaults={"name": name, **fields}
        )
    return coordinator


# --- Meetings ----------------------------------------------------------------------------


def _book_room(*, meeting: Meeting, by: Any) -> None:
    """Book the meeting's room through the bookings app (no overlap check here)."""
    from medvirk.bookings.services import booking_request

    assert meeting.room is not None
    try:
        meeting.booking = booking_request(
            room=meeting.room,
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            booked_by=by,
            purpose=meeting.title,
            confirm=True,
            is_public=meeting.is_public,
            attendees=None,
        )
    except ValidationError as error:
        # The booking's own message, shown on the room field of the meeting form.
        raise ValidationError({"room": error.messages}) from error


def _checked_capacity(
    *,
    committee: LocalCommittee,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    room: Room | None,
    address: str,
    online_url: str,
    capacity: int | None,
    is_public: bool,
) -> int | None:
    """Refuse a meeting's details with every problem by field; return the number of
    places (a public meeting in a room without a number gets the room's capacity)."""
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Give the meeting a title.")
    if ends_at <= starts_at:
        errors["ends_at"] = _("The meeting must end after it starts.")
    places = sum(bool(p) for p in (room, address.strip(), online_url.strip()))
    if places != 1:
        errors["room"] = _("Choose exactly one place: a hub room, an address or an online link.")
    if room is not None and room.hub.district.municipality_id != committee.district.municipality_id:
        errors["room"] = _("That room belongs to another municipality.")
    term = committee.term
    local_start = timezone.localdate(starts_at)
    if not term.starts_on <= local_start <= term.ends_on:
        errors["starts_at"] = _(
            "The meeting is outside the committee's term %(term)s (%(start)s to %(end)s)."
        ) % {
            "term": term.name,
            "start": date_format(term.starts_on),
            "end": date_format(term.ends_on),
        }
    if capacity is not None and capacity < 1:
        errors["capacity"] = _("The number of places must be at least 1.")
    if errors:
        raise ValidationError(errors)
    if room is not None and capacity is None and is_public:
        return room.capacity
    return capacity


def meeting_schedule(
    *,
    committee: LocalCommittee,
    kind: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    by: Any,
    room: Room | None = None,
    address: str = "",
    online_url: str = "",
    is_public: bool = True,
    capacity: int | None = None,
    description: str = "",
    already_held: bool = False,
) -> Meeting:
    """Plan a meeting. In a hub room of the municipality, the room is booked in the same
    transaction: if the room is taken, the booking's message refuses the meeting and
    nothing is saved.

    A meeting planned now starts in the future: one that starts in the past is refused,
    with a word on what to do. To record a meeting that has been held (so that its
    attendance and minutes can be written), say ``already_held``: then it must have
    started already."""
    now = timezone.now()
    if already_held and starts_at > now:
        raise ValidationError(
            {
                "starts_at": _(
                    "A meeting that has been held cannot start in the future. Check the date, "
                    "or untick “The meeting has already been held” to plan it."
                )
            }
        )
    if not already_held and starts_at < now:
        raise ValidationError(
            {
                "starts_at": _(
                    "The meeting would start in the past (%(start)s). Choose a later date and "
                    "time. To record a meeting that has been held, to write its minutes, tick "
                    "“The meeting has already been held”."
                )
                % {"start": date_format(timezone.localtime(starts_at), "DATETIME_FORMAT")}
            }
        )
    capacity = _checked_capacity(
        committee=committee,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        room=room,
        address=address,
        online_url=online_url,
        capacity=capacity,
        is_public=is_public,
    )
    with transaction.atomic():
        meeting = Meeting(
            committee=committee,
            kind=kind,
            title=title.strip(),
            description=description,
            starts_at=starts_at,
            ends_at=ends_at,
            room=room,
            address=address.strip(),
            online_url=online_url.strip(),
            is_public=is_public,
            capacity=capacity,
        )
        if room is not None:
            _book_room(meeting=meeting, by=by)
        meeting.save()
    return meeting


def meeting_change(
    *,
    meeting: Meeting,
    by: Any,
    kind: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    room: Room | None = None,
    address: str = "",
    online_url: str = "",
    is_public: bool = True,
    capacity: int | None = None,
    description: str = "",
    base_url: str = "",
) -> Meeting:
    """Change a planned meeting: its details, or move it to another time or place.

    A move releases the old room booking and books the new time or room in the same
    transaction; if the new room is taken, the booking's message refuses the change and
    the meeting keeps its old time, place and booking. Everyone registered is told of a
    new time or place by e-mail (after commit). Fewer places than people already
    registered is refused; more places move people up from the waiting list, and they
    are told."""
    capacity = _checked_capacity(
        committee=meeting.committee,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        room=room,
        address=address,
        online_url=online_url,
        capacity=capacity,
        is_public=is_public,
    )
    with transaction.atomic():
        current = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if current.status == MeetingStatus.CANCELLED:
            raise ValidationError(_("A cancelled meeting cannot be changed; plan a new one."))
        if starts_at != current.starts_at and starts_at < timezone.now():
            # Correcting a held meeting's details keeps its time; moving to the past is not.
            raise ValidationError(
                {"starts_at": _("A meeting cannot be moved to the past. Choose a later time.")}
            )
        registered = current.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        if capacity is not None and capacity < registered:
            raise ValidationError(
                {
                    "capacity": _(
                        "%(count)s people are already registered; give at least as many places."
                    )
                    % {"count": registered}
                }
            )
        moved = (
            current.starts_at != starts_at
            or current.ends_at != ends_at
            or current.room_id != (room.pk if room else None)
            or current.address != address.strip()
            or current.online_url != online_url.strip()
        )
        booking_moves = moved and (current.room_id is not None or room is not None)
        if booking_moves and current.booking is not None:
            from medvirk.bookings.services import booking_cancel

            booking_cancel(booking=current.booking, by=None)
            current.booking = None
        current.kind = kind
        current.title = title.strip()
        current.description = description
        current.starts_at = starts_at
        current.ends_at = ends_at
        current.room = room
        current.address = address.strip()
        current.online_url = online_url.strip()
        current.is_public = is_public
        current.capacity = capacity
        if booking_moves and room is not None:
            _book_room(meeting=current, by=by)
        current.save()
        waiting = current.registrations.filter(status=RegistrationStatus.WAITING).order_by(
            "created_at", "pk"
        )
        promoted = list(waiting if capacity is None else waiting[: max(0, capacity - registered)])
        for registration in promoted:
            registration.status = RegistrationStatus.CONFIRMED
            registration.save(update_fields=["status", "updated_at"])
            _registration_mail(registration, base_url)
        if moved:
            told = {registration.email for registration in promoted}  # their mail says it all
            emails = [
                email
                for email in current.registrations.exclude(
                    status=RegistrationStatus.CANCELLED
                ).values_list("email", flat=True)
                if email not in told
            ]
            if emails:
                when = date_format(timezone.localtime(current.starts_at), "DATETIME_FORMAT")
                subject = _("Changed: %(title)s") % {"title": current.title}
                body = _(
                    "The meeting %(title)s has a new time or place: %(when)s, %(place)s. "
                    "Your registration still holds; use the cancel link from your "
                    "confirmation if you can no longer come."
                ) % {"title": current.title, "when": when, "place": current.place_label}
                mail_queue_each(
                    municipality=current.committee.district.municipality,
                    to=emails,
                    subject=subject,
                    body=body,
                )
    return current


def meeting_cancel(*, meeting: Meeting, by: Any) -> Meeting:
    """Cancel a meeting, release its room, and tell everyone registered (on commit)."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("The meeting is already cancelled."))
    with transaction.atomic():
        if meeting.booking is not None:
            from medvirk.bookings.services import booking_cancel

            booking_cancel(booking=meeting.booking, by=by)
        meeting.status = MeetingStatus.CANCELLED
        meeting.save(update_fields=["status", "updated_at"])
        emails = list(
            meeting.registrations.exclude(status=RegistrationStatus.CANCELLED).values_list(
                "email", flat=True
            )
        )
        if emails:
            when = date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")
            subject = _("Cancelled: %(title)s") % {"title": meeting.title}
            body = _("The meeting %(title)s, %(when)s, is cancelled. Sorry for the trouble.") % {
                "title": meeting.title,
                "when": when,
            }
            mail_queue_each(
                municipality=meeting.committee.district.municipality,
                to=emails,
                subject=subject,
                body=body,
            )
    return meeting


def document_clean(document: File) -> File:
    """The document under a random name when its content proves it is one of the allowed
    types, the type its name claims, and not too large (see medvirk.core.uploads)."""
    try:
        return uploads.document_clean(
            document, allowed=ALLOWED_DOCUMENT_TYPES, max_bytes=MAX_DOCUMENT_BYTES
        )
    except ValidationError as exc:
        raise ValidationError({"document": exc.messages}) from None


def agenda_item_add(
    *, meeting: Meeting, title: str, description: str = "", document: File | None = None
) -> AgendaItem:
    """Add the next item to the agenda, with an optional document of an allowed type and
    size, checked by its content and stored under a random name."""
    if not title.strip():
        raise ValidationError({"title": _("Give the agenda item a title.")})
    if document is not None:
        document = document_clean(document)
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        last = locked.agenda_items.aggregate(last=Max("number"))["last"] or 0
        item = AgendaItem(
            meeting=locked, number=last + 1, title=title.strip(), description=description
        )
        if document is not None:
            item.document.save(str(document.name), document, save=False)
        item.save()
    return item


def agenda_item_remove(*, item: AgendaItem) -> None:
    with transaction.atomic():
        if item.document:
            item.document.delete(save=False)
        item.delete()


def attendance_record(*, meeting: Meeting, statuses: Mapping[int, str]) -> list[Attendance]:
    """Record attendance for members of the meeting's committee (membership id →
    status); recording again replaces the earlier answer."""
    valid = set(AttendanceStatus.values)
    members = {m.pk: m for m in meeting.committee.memberships.all()}
    for membership_id, status in statuses.items():
        if membership_id not in members:
            raise ValidationError(_("That person is not a member of this committee."))
        if status not in valid:
            raise ValidationError(_("Choose present, excused or absent."))
    with transaction.atomic():
        rows = []
        for membership_id, status in statuses.items():
            row, _created = Attendance.objects.update_or_create(
                meeting=meeting, membership_id=membership_id, defaults={"status": status}
            )
            rows.append(row)
    return rows


# --- Minutes -----------------------------------------------------------------------------


def minutes_save(*, meeting: Meeting, text: str, by: Any) -> Minutes:
    """Write or rewrite the draft minutes. Approved or published minutes are final."""
    if not text.strip():
        raise ValidationError({"text": _("The minutes are empty.")})
    with transaction.atomic():
        minutes = Minutes.objects.select_for_update().filter(meeting=meeting).first()
        if minutes is None:
            return Minutes.objects.create(meeting=meeting, text=text, written_by=by)
        if minutes.status in {MinutesStatus.APPROVED, MinutesStatus.PUBLISHED}:
            raise ValidationError(_("Approved minutes cannot be changed."))
        minutes.text = text
        minutes.status = MinutesStatus.DRAFT
        minutes.written_by = by
        minutes.save()
    return minutes


def _minutes_move(
    *, minutes: Minutes, allowed_from: set[str], to: str, message: str, **fields: Any
) -> Minutes:
    with transaction.atomic():
        locked = Minutes.objects.select_for_update().get(pk=minutes.pk)
        if locked.status not in allowed_from:
            raise ValidationError(message)
        locked.status = to
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save()
    return locked


def minutes_send_for_approval(*, minutes: Minutes, by: Any) -> Minutes:
    return _minutes_move(
        minutes=minutes,
        allowed_from={MinutesStatus.DRAFT},
        to=MinutesStatus.SENT_FOR_APPROVAL,
        message=_("Only draft minutes can be sent for approval."),
    )


def minutes_approve(*, minutes: Minutes, by: Any) -> Minutes:
    return _minutes_move(
        minutes=minutes,
        allowed_from={MinutesStatus.SENT_FOR_APPROVAL},
        to=MinutesStatus.APPROVED,
        message=_("Only minutes sent for approval can be approved."),
        approved_by=by,
        approved_at=timezone.now(),
    )


def minutes_publish(*, minutes: Minutes, by: Any) -> Minutes:
    return _minutes_move(
        minutes=minutes,
        allowed_from={MinutesStatus.APPROVED},
        to=MinutesStatus.PUBLISHED,
        message=_("Only approved minutes can be published."),
        published_at=timezone.now(),
    )


# --- Registrations -----------------------------------------------------------------------


def _registration_mail(registration: Registration, base_url: str) -> None:
    meeting = registration.meeting
    district = meeting.committee.district
    cancel = base_url + reverse(
        "localdemocracy:registration_cancel",
        args=[district.municipality.slug, district.slug, registration.token],
    )
    when = date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")
    if registration.status == RegistrationStatus.CONFIRMED:
        subject = _("You are registered: %(title)s") % {"title": meeting.title}
        intro = _("You have a place at %(title)s, %(when)s, %(place)s.") % {
            "title": meeting.title,
            "when": when,
            "place": meeting.place_label,
        }
    else:
        subject = _("You are on the waiting list: %(title)s") % {"title": meeting.title}
        intro = _(
            "The meeting %(title)s, %(when)s, is full. You are on the waiting list, "
            "and we will e-mail you if a place becomes free."
        ) % {"title": meeting.title, "when": when}
    body = "\n\n".join(
        [
            _("Hello %(name)s,") % {"name": registration.name},
            intro,
            _("Cannot come after all? Cancel here, so someone else gets your place: %(url)s")
            % {"url": cancel},
        ]
    )
    mail_queue(
        municipality=district.municipality, to=registration.email, subject=subject, body=body
    )


def registration_create(
    *, meeting: Meeting, name: str, email: str, base_url: str, user: Any = None
) -> Registration:
    """Register for a public meeting. Beyond its capacity the person goes on the waiting
    list. Registering twice with one e-mail address is refused (a database constraint
    settles a double submit). A confirmation with a cancel link is e-mailed on commit."""
    name = name.strip()
    email = email.strip().lower()
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Enter your name.")
    if not email:
        errors["email"] = _("Enter your e-mail address.")
    if errors:
        raise ValidationError(errors)
    if not meeting.is_public:
        raise ValidationError(_("This meeting is not open to the public."))
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("This meeting is cancelled."))
    if meeting.ends_at <= timezone.now():
        raise ValidationError(_("This meeting has already taken place."))
    already = {"email": _("%(email)s is already registered for this meeting.") % {"email": email}}
    try:
        with transaction.atomic():
            locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
            active = locked.registrations.exclude(status=RegistrationStatus.CANCELLED)
            if active.filter(email=email).exists():
                raise ValidationError(already)
            confirmed = active.filter(status=RegistrationStatus.CONFIRMED).count()
            full = locked.capacity is not None and confirmed >= locked.capacity
            registration = Registration.objects.create(
                meeting=locked,
                user=user if getattr(user, "is_authenticated", False) else None,
                name=name,
                email=email,
                status=RegistrationStatus.WAITING if full else RegistrationStatus.CONFIRMED,
            )
            _registration_mail(registration, base_url)
    except IntegrityError as exc:
        raise ValidationError(already) from exc
    return registration


def registration_cancel(*, token: str, base_url: str) -> Registration:
    """Cancel from the e-mailed link. When a confirmed place frees up, the first on the
    waiting list moves up and is told."""
    with transaction.atomic():
        registration = Registration.objects.select_related("meeting").filter(token=token).first()
        if registration is None:
            raise ValidationError(_("This cancel link is not valid."))
        meeting = Meeting.objects.select_for_update().get(pk=registration.meeting_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            raise ValidationError(_("This registration is already cancelled."))
        was_confirmed = registration.status == RegistrationStatus.CONFIRMED
        registration.status = RegistrationStatus.CANCELLED
        registration.save(update_fields=["status", "updated_at"])
        if was_confirmed:
            waiting = (
                meeting.registrations.filter(status=RegistrationStatus.WAITING)
                .order_by("created_at", "pk")
                .first()
            )
            if waiting is not None:
                waiting.status = RegistrationStatus.CONFIRMED
                waiting.save(update_fields=["status", "updated_at"])
                _registration_mail(waiting, base_url)
    return registration


# --- Referrals ---------------------------------------------------------------------------


def referral_create(
    *,
    committee: LocalCommittee,
    case_reference: str,
    title: str,
    question: str,
    deadline: date,
    by: Any,
) -> Referral:
    """A case officer asks the committee for a statement by a deadline."""
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Name the case.")
    if not question.strip():
        errors["question"] = _("Write what the committee is asked about.")
    if deadline < timezone.localdate():
        errors["deadline"] = _("The deadline cannot be in the past.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return Referral.objects.create(
            committee=committee,
            case_reference=case_reference.strip(),
            title=title.strip(),
            question=question.strip(),
            deadline=deadline,
            asked_by=by,
        )


def referral_answer(*, referral: Referral, statement: str, by: Any) -> Referral:
    """Record the committee's statement and return it to the case (the case officer who
    asked is e-mailed on commit)."""
    if not statement.strip():
        raise ValidationError({"statement": _("Write the committee's statement.")})
    with transaction.atomic():
        locked = Referral.objects.select_for_update().get(pk=referral.pk)
        if locked.status != ReferralStatus.OPEN:
            raise ValidationError(_("This referral has already been answered or withdrawn."))
        locked.statement = statement.strip()
        locked.status = ReferralStatus.ANSWERED
        locked.answered_by = by
        locked.answered_at = timezone.now()
        locked.save()
        asker = locked.asked_by
        if asker is not None and asker.email:
            subject = _("Statement from %(committee)s on %(case)s") % {
                "committee": locked.committee.name,
                "case": locked.case_reference,
            }
            mail_queue(
                municipality=locked.committee.district.municipality,
                to=asker.email,
                subject=subject,
                body=locked.statement,
            )
    return locked


# --- Joining -----------------------------------------------------------------------------


def join_interest_submit(
    *, district: District, kind: str, name: str, email: str, message: str = ""
) -> JoinInterest:
    """Record that a resident would like to join; the coordinator is e-mailed on commit."""
    errors: dict[str, str] = {}
    if kind not in InterestKind.values:
        errors["kind"] = _("Choose what you would like to join.")
    if not name.strip():
        errors["name"] = _("Enter your name.")
    if not email.strip():
        errors["email"] = _("Enter your e-mail address.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        interest = JoinInterest.objects.create(
            district=district,
            kind=kind,
            name=name.strip(),
            email=email.strip().lower(),
            message=message.strip(),
        )
        coordinator = Coordinator.objects.filter(district=district).first()
        if coordinator is not None and coordinator.email:
            subject = _("%(name)s wants to join in %(district)s") % {
                "name": interest.name,
                "district": district.name,
            }
            body = (
                f"{interest.get_kind_display()}\n{interest.name} <{interest.email}>\n\n"
                f"{interest.message}"
            )
            mail_queue(
                municipality=district.municipality, to=coordinator.email, subject=subject, body=body
            )
    return interest


# --- Privacy -----------------------------------------------------------------------------


def _registration_blank(registration: Registration) -> None:
    """Remove the name and address from a registration. A registration that still
    counts (confirmed or waiting) needs an address unique within its meeting, so it gets
    a placeholder that says nothing about the person."""
    registration.name = ""
    registration.email = (
        ""
        if registration.status == RegistrationStatus.CANCELLED
        else f"anonymised-{registration.pk}@invalid.invalid"
    )
    registration.save(update_fields=["name", "email", "updated_at"])


def localdemocracy_anonymise(*, user: Any, email: str | None = None, base_url: str = "") -> None:
    """Before the person's account is deleted: their registrations for meetings still to
    come are cancelled (the first on the waiting list moves up and is told), and every
    registration of theirs, or under their verified ``email``, loses name and address;
    their wishes to join are removed. Committee seats and coordinator profiles stay on the
    municipality's public record without the link to the account; minutes and referrals
    they handled keep no name."""
    now = timezone.now()
    with transaction.atomic():
        registrations = Registration.objects.filter(user=user)
        if email:
            registrations = registrations | Registration.objects.filter(email__iexact=email)
        for registration in registrations.select_related("meeting").distinct():
            if (
                registration.status != RegistrationStatus.CANCELLED
                and registration.meeting.starts_at >= now
            ):
                registration = registration_cancel(token=registration.token, base_url=base_url)
            registration.user = None
            registration.save(update_fields=["user", "updated_at"])
            _registration_blank(registration)
        if email:
            JoinInterest.objects.filter(email__iexact=email).delete()
        Membership.objects.filter(user=user).update(user=None)
        Coordinator.objects.filter(user=user).update(user=None)
        Minutes.objects.filter(written_by=user).update(written_by=None)
        Minutes.objects.filter(approved_by=user).update(approved_by=None)
        Referral.objects.filter(asked_by=user).update(asked_by=None)
        Referral.objects.filter(answered_by=user).update(answered_by=None)


def contacts_remove_past(*, ended_before: datetime) -> int:
    """Retention: remove names and addresses from registrations for meetings that ended
    before ``ended_before``, and wishes to join sent before it. Returns how many rows
    changed."""
    changed = 0
    with transaction.atomic():
        for registration in (
            Registration.objects.filter(meeting__ends_at__lt=ended_before)
            .exclude(name="", email__endswith="@invalid.invalid")
            .exclude(name="", email="")
        ):
            _registration_blank(registration)
            changed += 1
        deleted, _detail = JoinInterest.objects.filter(created_at__lt=ended_before).delete()
    return changed + deleted
