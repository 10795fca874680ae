"""Writes about associations, volunteers, working groups and offers. Each function
validates, writes inside a transaction and raises ValidationError with translated
messages (nothing is half saved)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from medvirk.bookings.access import user_can_host_hub
from medvirk.bookings.services import booking_series_create
from medvirk.places.models import District, Hub, Municipality, Room
from medvirk.places.reference_data import norwegian_slug
from medvirk.volunteering.access import (
    user_can_coordinate_volunteering,
    user_can_create_offer,
    user_can_join_group,
    user_can_manage_group,
    user_can_manage_organisation,
)
from medvirk.volunteering.models import (
    AgeGroup,
    Attendance,
    Frequency,
    GroupMeeting,
    Membership,
    Offer,
    OfferSignup,
    Organisation,
    PartOfDay,
    Skill,
    SpokenLanguage,
    Theme,
    Visibility,
    Volunteer,
    WorkingGroup,
)
from medvirk.volunteering.validators import (
    normalise_organisation_number,
    validate_organisation_number,
)

RESERVED_CHILD_SLUGS = frozenset({"ny", "min-side", "eksport", "slett"})
OFFER_BOOKING_WEEKS = 12


def _unique_slug(model: type[Model], *, municipality: Municipality, text: str) -> str:
    base = norwegian_slug(text)[:140] or "x"
    candidate = base
    number = 2
    while (
        candidate in RESERVED_CHILD_SLUGS
        or model._default_manager.filter(municipality=municipality, slug=candidate).exists()
    ):
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def _choices(values: Iterable[Any], allowed: Iterable[Any], label: str) -> list[Any]:
    allowed_set = set(allowed)
    result = list(dict.fromkeys(values))
    if any(value not in allowed_set for value in result):
        raise ValidationError(
            _("Unknown choice in %(field)s.") % {"field": label}, code="invalid_choice"
        )
    return result


def _district_of(municipality: Municipality, district: District | None) -> District | None:
    if district is not None and district.municipality_id != municipality.pk:
        raise ValidationError(
            _("The district belongs to another municipality."), code="wrong_municipality"
        )
    return district


# Associations -------------------------------------------------------------------------


def organisation_register(
    *,
    municipality: Municipality,
    by: Any,
    name: str,
    purpose: str,
    district: District | None = None,
    organisation_number: str = "",
    activities: str = "",
    contact_name: str = "",
    email: str = "",
    phone: str = "",
    website: str = "",
) -> Organisation:
    """Register an association; the person who registers it manages its page. An
    organisation number, when given, must pass the MOD11 check and be unused here."""
    number = _valid_number(organisation_number)
    _district_of(municipality, district)
    if not name.strip() or not purpose.strip():
        raise ValidationError(_("Give the association's name and purpose."), code="required")
    if (
        number
        and Organisation.objects.filter(
            municipality=municipality, organisation_number=number
        ).exists()
    ):
        raise ValidationError(
            {
                "organisation_number": _(
                    "An association with this organisation number is already registered."
                )
            }
        )
    try:
        with transaction.atomic():
            organisation = Organisation.objects.create(
                municipality=municipality,
                district=district,
                name=name.strip(),
                slug=_unique_slug(Organisation, municipality=municipality, text=name),
                purpose=purpose.strip(),
                activities=activities.strip(),
                organisation_number=number,
                contact_name=contact_name.strip(),
                email=email.strip(),
                phone=phone.strip(),
                website=website.strip(),
            )
            if by is not None:
                organisation.managers.add(by)
    except IntegrityError as exc:
        raise ValidationError(
            _("The association could not be saved: it is already registered.")
        ) from exc
    return organisation


def _valid_number(value: str) -> str:
    number = normalise_organisation_number(value)
    if number:
        try:
            validate_organisation_number(number)
        except ValidationError as exc:
            raise ValidationError({"organisation_number": exc.messages}) from exc
    return number


# What an association's page shows and its managers may change.
ORGANISATION_FIELDS = (
    "name",
    "purpose",
    "activities",
    "district",
    "organisation_number",
    "contact_name",
    "email",
    "phone",
    "website",
)


def organisation_update(*, organisation: Organisation, by: Any, **fields: Any) -> Organisation:
    """Change the association's page (its managers and the municipality's admins)."""
    if not user_can_manage_organisation(by, organisation=organisation):
        raise PermissionDenied
    if "organisation_number" in fields:
        fields["organisation_number"] = _valid_number(fields["organisation_number"])
        if (
            fields["organisation_number"]
            and Organisation.objects.filter(
                municipality=organisation.municipality,
                organisation_number=fields["organisation_number"],
            )
            .exclude(pk=organisation.pk)
            .exists()
        ):
            raise ValidationError(
                {
                    "organisation_number": _(
                        "An association with this organisation number is already registered."
                    )
                }
            )
    if "district" in fields:
        _district_of(organisation.municipality, fields["district"])
    with transaction.atomic():
        for key, value in fields.items():
            if key in ORGANISATION_FIELDS:
                setattr(organisation, key, value.strip() if isinstance(value, str) else value)
        organisation.save()
    return organisation


# Volunteers ---------------------------------------------------------------------------


def volunteer_sign_up(
    *,
    user: Any,
    municipality: Municipality,
    consent: bool,
    display_name: str,
    district: District | None = None,
    interests: Iterable[str] = (),
    skills: Iterable[str] = (),
    languages: Iterable[str] = (),
    available_days: Iterable[int] = (),
    available_times: Iterable[str] = (),
    frequency: str = Frequency.MONTHLY,
    visibility: str = Visibility.COORDINATORS,
    phone: str = "",
    about: str = "",
) -> Volunteer:
    """Sign up as a volunteer, or update the sign-up. Needs the person's consent to
    store what they tell; without it nothing is stored."""
    if user is None or not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    if not consent:
        raise ValidationError(
            {"consent": _("We can only store your answers if you agree to how we use them.")}
        )
    if not display_name.strip():
        raise ValidationError({"display_name": _("Give a name the coordinators can use.")})
    _district_of(municipality, district)
    values = {
        "district": district,
        "display_name": display_name.strip(),
        "interests": _choices(interests, Theme.values, _("interests")),
        "skills": _choices(skills, Skill.values, _("skills")),
        "languages": _choices(languages, SpokenLanguage.values, _("languages")),
        "available_days": sorted(_choices((int(d) for d in available_days), range(7), _("days"))),
        "available_times": _choices(available_times, PartOfDay.values, _("times")),
        "frequency": _choices([frequency], Frequency.values, _("how often"))[0],
        "visibility": _choices([visibility], Visibility.values, _("who sees me"))[0],
        "phone": phone.strip(),
        "about": about.strip(),
        "consent_at": timezone.now(),
    }
    with transaction.atomic():
        volunteer, _created = Volunteer.objects.select_for_update().update_or_create(
            user=user, municipality=municipality, defaults=values
        )
    return volunteer


def volunteer_export(*, volunteer: Volunteer) -> dict[str, Any]:
    """Everything stored about the volunteer, as plain JSON-ready data."""
    memberships = volunteer.memberships.select_related("group")
    return {
        "municipality": volunteer.municipality.name,
        "district": volunteer.district.name if volunteer.district else None,
        "name": volunteer.display_name,
        "email": volunteer.user.email,
        "phone": volunteer.phone,
        "about": volunteer.about,
        "interests": volunteer.interests,
        "skills": volunteer.skills,
        "languages": volunteer.languages,
        "available_days": volunteer.available_days,
        "available_times": volunteer.available_times,
        "frequency": volunteer.frequency,
        "visibility": volunteer.visibility,
        "available_for_new_groups": volunteer.is_available,
        "consent_given": volunteer.consent_at.isoformat(),
        "signed_up": volunteer.created_at.isoformat(),
        "working_groups": [
            {"name": m.group.name, "joined": m.joined_at.isoformat()} for m in memberships
        ],
        "offer_signups": [
            {"offer": s.offer.title, "signed_up": s.created_at.isoformat()}
            for s in OfferSignup.objects.filter(
                user=volunteer.user, offer__municipality=volunteer.municipality
            ).select_related("offer")
        ],
    }


def volunteer_delete(*, volunteer: Volunteer) -> None:
    """Delete the volunteer's profile, group memberships and offer sign-ups in this
    municipality. The account itself stays."""
    with transaction.atomic():
        OfferSignup.objects.filter(
            user=volunteer.user, offer__municipality=volunteer.municipality
        ).delete()
        volunteer.delete()


# Working groups -----------------------------------------------------------------------


def working_group_create(
    *,
    municipality: Municipality,
    by: Any,
    name: str,
    theme: str,
    description: str,
    volunteers_needed: int,
    district: District | None = None,
    hub: Hub | None = None,
    wanted_skills: Iterable[str] = (),
    meeting_days: Iterable[int] = (),
    meeting_times: Iterable[str] = (),
) -> WorkingGroup:
    """A coordinator creates a themed working group and becomes its coordinator."""
    _district_of(municipality, district)
    if not user_can_coordinate_volunteering(by, municipality=municipality, district=district):
        raise PermissionDenied
    if hub is not None and (district is None or hub.district_id != district.pk):
        raise ValidationError({"hub": _("Choose a hub in the group's district.")})
    if volunteers_needed < 1:
        raise ValidationError({"volunteers_needed": _("A group needs at least one volunteer.")})
    with transaction.atomic():
        return WorkingGroup.objects.create(
            municipality=municipality,
            district=district,
            hub=hub,
            name=name.strip(),
            slug=_unique_slug(WorkingGroup, municipality=municipality, text=name),
            theme=_choices([theme], Theme.values, _("theme"))[0],
            description=description.strip(),
            volunteers_needed=volunteers_needed,
            wanted_skills=_choices(wanted_skills, Skill.values, _("skills")),
            meeting_days=sorted(_choices((int(d) for d in meeting_days), range(7), _("days"))),
            meeting_times=_choices(meeting_times, PartOfDay.values, _("times")),
            coordinator=by,
        )


def working_group_add_member(*, group: WorkingGroup, volunteer: Volunteer, by: Any) -> Membership:
    """A coordinator places a volunteer in the group. Placing twice changes nothing."""
    if not user_can_manage_group(by, group=group):
        raise PermissionDenied
    if volunteer.municipality_id != group.municipality_id:
        raise ValidationError(_("The volunteer belongs to another municipality."))
    with transaction.atomic():
        membership, _created = Membership.objects.get_or_create(
            group=group, volunteer=volunteer, defaults={"added_by": by}
        )
    return membership


def working_group_join(*, group: WorkingGroup, user: Any) -> Membership:
    """A volunteer joins a recruiting group on their own. Joining twice changes
    nothing."""
    if not _is_signed_in(user):
        raise PermissionDenied
    volunteer = Volunteer.objects.filter(user=user, municipality=group.municipality).first()
    if volunteer is None:
        raise ValidationError(
            _("Become a volunteer in the municipality first; then you can join the group."),
            code="not_volunteer",
        )
    existing = Membership.objects.filter(group=group, volunteer=volunteer).first()
    if existing is not None:
        return existing
    if not user_can_join_group(user, group=group, volunteer=volunteer):
        raise ValidationError(
            _("The group is not taking new members right now."), code="not_recruiting"
        )
    with transaction.atomic():
        membership, _created = Membership.objects.get_or_create(
            group=group, volunteer=volunteer, defaults={"added_by": user}
        )
    return membership


def working_group_remove_member(*, group: WorkingGroup, volunteer: Volunteer, by: Any) -> None:
    """The coordinator, or the volunteer themself, ends a membership."""
    if not (user_can_manage_group(by, group=group) or volunteer.user_id == getattr(by, "pk", None)):
        raise PermissionDenied
    Membership.objects.filter(group=group, volunteer=volunteer).delete()


def group_meeting_add(
    *,
    group: WorkingGroup,
    by: Any,
    starts_at: Any,
    place: str = "",
    agenda: str = "",
    notes: str = "",
) -> GroupMeeting:
    if not user_can_manage_group(by, group=group):
        raise PermissionDenied
    with transaction.atomic():
        return GroupMeeting.objects.create(
            group=group,
            starts_at=starts_at,
            place=place.strip(),
            agenda=agenda.strip(),
            notes=notes.strip(),
        )


def group_meeting_write_notes(*, meeting: GroupMeeting, by: Any, notes: str) -> GroupMeeting:
    if not user_can_manage_group(by, group=meeting.group):
        raise PermissionDenied
    meeting.notes = notes.strip()
    meeting.save(update_fields=["notes", "updated_at"])
    return meeting


# Offers -------------------------------------------------------------------------------


def offer_create(
    *,
    municipality: Municipality,
    by: Any,
    district: District,
    title: str,
    description: str,
    theme: str,
    weekday: int,
    starts: time,
    ends: time,
    first_date: date,
    last_date: date | None = None,
    interval_weeks: int = 1,
    hub: Hub | None = None,
    room: Room | None = None,
    place: str = "",
    organisation: Organisation | None = None,
    working_group: WorkingGroup | None = None,
    age_group: str = AgeGroup.ALL,
    languages: Iterable[str] = (),
    step_free: bool = False,
    accessibility: str = "",
    attendance: str = Attendance.DROP_IN,
    capacity: int | None = None,
    contact_email: str = "",
) -> Offer:
    """Create a weekly offer. With a room, the room is booked for the offer's dates (at
    most twelve weeks ahead): confirmed at once when the person hosts the hub, otherwise
    as requests for the hub host. If a date is taken, nothing is stored."""
    _district_of(municipality, district)
    if not user_can_create_offer(by, municipality=municipality):
        raise PermissionDenied
    if organisation is not None and not user_can_manage_organisation(by, organisation=organisation):
        raise PermissionDenied
    errors: dict[str, str] = {}
    if ends <= starts:
        errors["ends"] = _("The offer must end after it starts.")
    if last_date is not None and last_date < first_date:
        errors["last_date"] = _("The last time must not be before the first.")
    if first_date.weekday() != weekday:
        errors["first_date"] = _("The first time must fall on the offer's weekday.")
    if room is not None:
        hub = room.hub
    if hub is not None and hub.district_id != district.pk:
        errors["hub"] = _("Choose a hub in the offer's district.")
    if room is None and hub is None and not place.strip():
        errors["place"] = _("Say where the offer meets: a hub room or another place.")
    if attendance == Attendance.SIGN_UP and not capacity:
        errors["capacity"] = _("Give the number of places when people must sign up.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        series = None
        if room is not None:
            until = first_date + timedelta(weeks=OFFER_BOOKING_WEEKS - 1)
            if last_date is not None:
                until = min(until, last_date)
            series = booking_series_create(
                room=room,
                booked_by=by,
                purpose=title,
                first_date=first_date,
                last_date=until,
                starts=starts,
                ends=ends,
                interval_weeks=interval_weeks,
                confirm=user_can_host_hub(by, hub=room.hub),
                organisation=organisation,
                attendees=capacity,
            )
        return Offer.objects.create(
            municipality=municipality,
            district=district,
            hub=hub,
            room=room,
            place=place.strip(),
            organisation=organisation,
            working_group=working_group,
            title=title.strip(),
            slug=_unique_slug(Offer, municipality=municipality, text=title),
            description=description.strip(),
            theme=_choices([theme], Theme.values, _("theme"))[0],
            age_group=_choices([age_group], AgeGroup.values, _("for whom"))[0],
            languages=_choices(languages, SpokenLanguage.values, _("languages")),
            step_free=step_free,
            accessibility=accessibility.strip(),
            weekday=weekday,
            starts=starts,
            ends=ends,
            interval_weeks=interval_weeks,
            first_date=first_date,
            last_date=last_date,
            attendance=attendance,
            capacity=capacity,
            contact_email=contact_email.strip(),
            created_by=by,
            booking_series=series,
        )


def offer_sign_up(*, offer: Offer, user: Any) -> OfferSignup:
    """Take a place on an offer that needs sign-up. The offer row is locked, so two
    people racing for the last place never overfill it. Signing up twice changes
    nothing."""
    if user is None or not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    if offer.attendance != Attendance.SIGN_UP:
        raise ValidationError(_("This offer needs no sign-up: just come."), code="drop_in")
    with transaction.atomic():
        locked = Offer.objects.select_for_update().get(pk=offer.pk)
        existing = OfferSignup.objects.filter(offer=locked, user=user).first()
        if existing is not None:
            return existing
        if locked.capacity is not None and locked.signups.count() >= locked.capacity:
            raise ValidationError(_("The offer is full."), code="full")
        return OfferSignup.objects.create(offer=locked, user=user)


def offer_sign_up_cancel(*, offer: Offer, user: Any) -> bool:
    """Give up one's own place on an offer, freeing it for someone else. Cancelling a
    place one does not have changes nothing; returns whether a place was given up."""
    if not _is_signed_in(user):
        raise PermissionDenied
    deleted, _rows = OfferSignup.objects.filter(offer=offer, user=user).delete()
    return deleted > 0


def _is_signed_in(user: Any) -> bool:
    return user is not None and bool(getattr(user, "is_authenticated", False))


# --- Privacy -----------------------------------------------------------------------------


def volunteering_anonymise(*, user: Any) -> None:
    """Before the person's account is deleted: their volunteer profiles (with group
    memberships and offer sign-ups) are deleted as the volunteer's own page deletes them,
    the remaining sign-ups cancelled, and they stop managing associations. Groups they
    coordinated and offers they created stay, without their name."""
    with transaction.atomic():
        for volunteer in Volunteer.objects.filter(user=user):
            volunteer_delete(volunteer=volunteer)
        for signup in OfferSignup.objects.filter(user=user).select_related("offer"):
            offer_sign_up_cancel(offer=signup.offer, user=user)
        for organisation in Organisation.objects.filter(managers=user):
            organisation.managers.remove(user)
        WorkingGroup.objects.filter(coordinator=user).update(coordinator=None)
        Membership.objects.filter(added_by=user).update(added_by=None)
        Offer.objects.filter(created_by=user).update(created_by=None)
