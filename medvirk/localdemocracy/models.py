"""Local democracy in every district: the local committee (nærutvalg) with its members,
the coordinator, meetings with agendas, minutes, attendance and registrations, and
referrals from the administration for the committee's statement.

Writes go through ``services.py``; reads through ``selectors.py``; access decisions
through ``access.py``.
"""

from __future__ import annotations

import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from medvirk.core.models import TimeStampedModel
from medvirk.places.models import District, Hub, Municipality, Room


def new_token() -> str:
    """An unguessable token for links sent by e-mail."""
    return secrets.token_urlsafe(32)


class StandingCommittee(models.Model):
    """A hovedutvalg: one of the council's standing committees."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="standing_committees",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=150)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("standing committee")
        verbose_name_plural = _("standing committees")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="standing_committee_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CommitteeTerm(models.Model):
    """A term of the local committees, for example 2023–2027."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="committee_terms",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=50, help_text=_("For example 2023–2027."))
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("committee term")
        verbose_name_plural = _("committee terms")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="term_unique_name"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")), name="term_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CompositionRules(models.Model):
    """How a municipality's local committees are composed. The defaults follow Drammen:
    12 members, 4 of them elected representatives, one from each standing committee, the
    rest from local associations and residents; not an elected body; 4 meetings a year."""

    municipality = models.OneToOneField(
        Municipality,
        on_delete=models.CASCADE,
        related_name="composition_rules",
        verbose_name=_("municipality"),
    )
    total_members = models.PositiveSmallIntegerField(
        _("members"), default=12, validators=[MinValueValidator(1)]
    )
    elected_members = models.PositiveSmallIntegerField(_("elected representatives"), default=4)
    one_from_each_standing_committee = models.BooleanField(
        _("one elected representative from each standing committee"), default=True
    )
    min_association_members = models.PositiveSmallIntegerField(
        _("at least this many from local associations"), default=1
    )
    meetings_per_year = models.PositiveSmallIntegerField(_("committee meetings a year"), default=4)
    is_elected_body = models.BooleanField(_("is an elected body"), default=False)

    class Meta:
        verbose_name = _("composition rules")
        verbose_name_plural = _("composition rules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(elected_members__lte=models.F("total_members")),
                name="rules_elected_within_total",
            ),
        ]

    def __str__(self) -> str:
        return str(self.municipality)


class LocalCommittee(TimeStampedModel):
    """A nærutvalg: a district's local committee for one term."""

    district = models.ForeignKey(
        District,
        on_delete=models.CASCADE,
        related_name="local_committees",
        verbose_name=_("district"),
    )
    term = models.ForeignKey(
        CommitteeTerm, on_delete=models.PROTECT, related_name="committees", verbose_name=_("term")
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        ordering = ["district__sort_order", "-term__starts_on"]
        verbose_name = _("local committee")
        verbose_name_plural = _("local committees")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "term"], name="committee_unique_per_district_term"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SeatKind(models.TextChoices):
    ELECTED = "elected", _("Elected representative")
    ASSOCIATION = "association", _("Local association")
    RESIDENT = "resident", _("Resident")


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    DEPUTY_CHAIR = "deputy_chair", _("Deputy chair")
    MEMBER = "member", _("Member")


class Membership(models.Model):
    """A seat held by a person for a period. Ended memberships are kept as history."""

    committee = models.ForeignKey(
        LocalCommittee,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("committee"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="committee_memberships",
        verbose_name=_("user account"),
    )
    person_name = models.CharField(_("name"), max_length=150)
    seat_kind = models.CharField(_("seat"), max_length=20, choices=SeatKind.choices)
    role = models.CharField(
        _("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    standing_committee = models.ForeignKey(
        StandingCommittee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("from standing committee"),
    )
    organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    is_public = models.BooleanField(
        _("show on the public page"),
        default=True,
        help_text=_("Name, role and seat are shown publicly; contact details never are."),
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ended"), null=True, blank=True)

    class Meta:
        ordering = ["seat_kind", "person_name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                "committee",
                Lower("person_name"),
                condition=models.Q(ends_on__isnull=True),
                name="membership_unique_active_person",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="membership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.person_name


class Coordinator(TimeStampedModel):
    """The public profile of a district's coordinator (the committee's secretariat). The
    right to act as coordinator comes from the coordinator role, not from this row."""

    district = models.OneToOneField(
        District, on_delete=models.CASCADE, related_name="coordinator", verbose_name=_("district")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinator_profiles",
        verbose_name=_("user account"),
    )
    name = models.CharField(_("name"), max_length=150)
    title = models.CharField(_("title"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    hub = models.ForeignKey(
        Hub,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinators",
        verbose_name=_("works from"),
    )
    presentation = models.TextField(_("short presentation"), blank=True)

    class Meta:
        ordering = ["district__sort_order"]
        verbose_name = _("coordinator")
        verbose_name_plural = _("coordinators")

    def __str__(self) -> str:
        return self.name


class CoordinatorContact(models.Model):
    """A person in the coordinator's network (associations, schools, services)."""

    coordinator = models.ForeignKey(
        Coordinator,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("coordinator"),
    )
    name = models.CharField(_("name"), max_length=150)
    organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        ordering = ["organisation", "name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name


class MeetingKind(models.TextChoices):
    COMMITTEE = "committee", _("Committee meeting")
    DIALOGUE = "dialogue", _("Dialogue meeting")
    WORKSHOP = "workshop", _("Workshop")
    OPEN_HOUSE = "open_house", _("Open house")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(TimeStampedModel):
    """A meeting of, or arranged by, a local committee. It takes place in a hub room
    (booked through the bookings app), at an address, or online."""

    committee = models.ForeignKey(
        LocalCommittee,
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("committee"),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.COMMITTEE
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("room"),
    )
    booking = models.OneToOneField(
        "bookings.Booking",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting",
        verbose_name=_("room booking"),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    is_public = models.BooleanField(_("open to the public"), default=True)
    capacity = models.PositiveIntegerField(
        _("places for the public"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["committee", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def place_label(self) -> str:
        if self.room_id:
            assert self.room is not None
            hub = self.room.hub
            return f"{hub.name}, {self.room.name}, {hub.address}"
        if self.address:
            return self.address
        return str(_("Online"))


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    document = models.FileField(_("document"), upload_to="localdemocracy/agenda/%Y/", blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def document_name(self) -> str:
        """The document's name for people: the item's title with the stored file's
        extension (the stored name itself is random)."""
        if not self.document:
            return ""
        extension = PurePosixPath(self.document.name or "").suffix.lower()
        return f"{slugify(self.title)[:60] or 'dokument'}{extension}"

    @property
    def document_url(self) -> str:
        """Where the document is served, after the access check (see medvirk.core.media)."""
        from medvirk.core.media import stored_file_url

        return stored_file_url(self, "document")


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT_FOR_APPROVAL = "sent", _("Sent for approval")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")


class Minutes(TimeStampedModel):
    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="minutes", verbose_name=_("meeting")
    )
    text = models.TextField(_("minutes"))
    status = models.CharField(
        _("status"), max_length=20, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return str(self.meeting)


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("meeting")
    )
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("member")
    )
    status = models.CharField(_("attendance"), max_length=20, choices=AttendanceStatus.choices)

    class Meta:
        ordering = ["membership__person_name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"], name="attendance_unique_member"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership}: {self.get_status_display()}"


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(TimeStampedModel):
    """A resident's registration for a public meeting."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("meeting")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_registrations",
        verbose_name=_("user account"),
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "email"],
                condition=~models.Q(status="cancelled"),
                name="registration_unique_active_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_status_display()})"


class ReferralStatus(models.TextChoices):
    OPEN = "open", _("Awaiting statement")
    ANSWERED = "answered", _("Statement given")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Referral(TimeStampedModel):
    """A case officer asks the committee for a statement on a case by a deadline; the
    committee's statement is recorded and returned to the case."""

    committee = models.ForeignKey(
        LocalCommittee,
        on_delete=models.CASCADE,
        related_name="referrals",
        verbose_name=_("committee"),
    )
    case_reference = models.CharField(_("case number"), max_length=50)
    title = models.CharField(_("case"), max_length=200)
    question = models.TextField(_("question to the committee"))
    deadline = models.DateField(_("deadline"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("asked by"),
    )
    statement = models.TextField(_("statement"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.OPEN
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="answered") | ~models.Q(statement=""),
                name="referral_answered_has_statement",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_reference} {self.title}"

    @property
    def answered_on_time(self) -> bool | None:
        if self.answered_at is None:
            return None
        return self.answered_at.date() <= self.deadline


class InterestKind(models.TextChoices):
    COMMITTEE = "committee", _("The local committee")
    WORKING_GROUP = "working_group", _("A working group")


class JoinInterest(TimeStampedModel):
    """A resident says they would like to join the committee or a working group."""

    district = models.ForeignKey(
        District,
        on_delete=models.CASCADE,
        related_name="join_interests",
        verbose_name=_("district"),
    )
    kind = models.CharField(_("I want to join"), max_length=20, choices=InterestKind.choices)
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    message = models.TextField(_("message"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("interest in joining")
        verbose_name_plural = _("interests in joining")

    def __str__(self) -> str:
        return self.name
