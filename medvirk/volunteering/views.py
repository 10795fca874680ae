"""Pages of volunteering: offers near me, volunteer sign-up and "my data", associations,
working groups (public and for coordinators)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from medvirk.bookings.ical import CalendarEvent, calendar_text, utc_stamp
from medvirk.bookings.selectors import room_list_for_host
from medvirk.core.forms import form_add_service_errors
from medvirk.core.http import safe_next
from medvirk.places import selectors as places
from medvirk.places.crumbs import place_crumbs
from medvirk.places.models import Municipality, Room
from medvirk.volunteering import selectors
from medvirk.volunteering.access import (
    user_can_coordinate_volunteering,
    user_can_create_offer,
    user_can_join_group,
    user_can_manage_group,
    user_can_manage_organisation,
    user_can_see_volunteer_contact,
)
from medvirk.volunteering.forms import (
    GroupMeetingForm,
    OfferFilterForm,
    OfferForm,
    OrganisationForm,
    VolunteerForm,
    WorkingGroupForm,
)
from medvirk.volunteering.models import GroupMeeting, Visibility, Volunteer
from medvirk.volunteering.reasons import reason_labels
from medvirk.volunteering.services import (
    ORGANISATION_FIELDS,
    group_meeting_add,
    group_meeting_write_notes,
    offer_create,
    offer_sign_up,
    offer_sign_up_cancel,
    organisation_register,
    organisation_update,
    volunteer_delete,
    volunteer_export,
    volunteer_sign_up,
    working_group_add_member,
    working_group_create,
    working_group_join,
    working_group_remove_member,
)


def _crumbs(municipality: Municipality, *extra: tuple[str, str]) -> list[dict[str, str]]:
    return place_crumbs(municipality, *extra)


# Offers -------------------------------------------------------------------------------


def offer_list(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    """Offers near me, filtered by district, hub, theme, day, language, age group and
    step-free access. A plain GET form; with HTMX only the results are swapped."""
    municipality = places.municipality_get(slug=municipality_slug)
    form = OfferFilterForm(
        request.GET or None,
        districts=places.district_list(municipality=municipality),
        hubs=selectors.offer_hubs(municipality=municipality),
    )
    filters = selectors.OfferFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.OfferFilters(
            district=data.get("kommunedel"),
            hub=data.get("knutepunkt"),
            theme=data.get("tema") or "",
            weekday=data.get("dag"),
            language=data.get("sprak") or "",
            step_free=bool(data.get("trinnfritt")),
            age_group=data.get("alder") or "",
        )
    offers = list(selectors.offer_list(municipality=municipality, filters=filters))
    context: dict[str, Any] = {"municipality": municipality, "form": form, "offers": offers}
    if getattr(request, "htmx", False):
        return render(request, "volunteering/_offer_results.html", context)
    context["breadcrumbs"] = _crumbs(municipality, (_("Offers"), request.path))
    context["can_create"] = user_can_create_offer(request.user, municipality=municipality)
    return render(request, "volunteering/offer_list.html", context)


def offer_detail(request: HttpRequest, municipality_slug: str, slug: str) -> HttpResponse:
    municipality = places.municipality_get(slug=municipality_slug)
    offer = selectors.offer_get(municipality=municipality, slug=slug)
    signed_up = (
        request.user.is_authenticated and offer.signups.filter(user_id=request.user.pk).exists()
    )
    context = {
        "municipality": municipality,
        "offer": offer,
        "next_dates": selectors.offer_next_dates(offer),
        "signed_up": signed_up,
        "is_full": offer.capacity is not None and offer.signup_count >= offer.capacity,  # type: ignore[attr-defined]
        "breadcrumbs": _crumbs(
            municipality,
            (_("Offers"), reverse("volunteering:offers", args=[municipality.slug])),
            (offer.title, request.path),
        ),
    }
    return render(request, "volunteering/offer_detail.html", context)


def offer_ics(request: HttpRequest, municipality_slug: str, slug: str) -> HttpResponse:
    """The offer as a weekly recurring iCalendar event."""
    municipality = places.municipality_get(slug=municipality_slug)
    offer = selectors.offer_get(municipality=municipality, slug=slug)
    starts_at = timezone.make_aware(datetime.combine(offer.first_date, offer.starts))
    ends_at = timezone.make_aware(datetime.combine(offer.first_date, offer.ends))
    rrule = f"FREQ=WEEKLY;INTERVAL={offer.interval_weeks}"
    if offer.last_date:
        until = timezone.make_aware(datetime.combine(offer.last_date, offer.ends))
        rrule += f";UNTIL={utc_stamp(until)}"
    place = (
        f"{offer.room.hub.name}, {offer.room.name}, {offer.room.hub.address}"
        if offer.room
        else (offer.hub.name if offer.hub else offer.place)
    )
    event = CalendarEvent(
        uid=f"offer-{offer.pk}@medvirk",
        starts_at=starts_at,
        ends_at=ends_at,
        summary=offer.title,
        location=place,
        description=offer.description,
        url=request.build_absolute_uri(
            reverse("volunteering:offer", args=[municipality.slug, offer.slug])
        ),
        rrule=rrule,
    )
    response = HttpResponse(
        calendar_text([event], name=offer.title), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{offer.slug}.ics"'
    return response


@login_required
@require_POST
def offer_signup(request: HttpRequest, municipality_slug: str, slug: str) -> HttpResponse:
    municipality = places.municipality_get(slug=municipality_slug)
    offer = selectors.offer_get(municipality=municipality, slug=slug)
    try:
        offer_sign_up(offer=offer, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("You have a place. Welcome!"))
    return redirect("volunteering:offer", municipality.slug, offer.slug)


@login_required
def offer_new(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality = places.municipality_get(slug=municipality_slug)
    if not user_can_create_offer(request.user, municipality=municipality):
        raise PermissionDenied
    # Hosts (a district's coordinator) choose among the rooms of the hubs they host;
    # associations, who host none, ask for any bookable room and a host confirms.
    rooms = room_list_for_host(user=request.user, municipality=municipality)
    if not rooms.exists():
        rooms = (
            Room.objects.filter(hub__district__municipality=municipality, is_bookable=True)
            .select_related("hub")
            .order_by("hub__name", "name")
        )
    form = OfferForm(
        request.POST or None,
        districts=places.district_list(municipality=municipality),
        rooms=rooms,
        organisations=selectors.organisation_list_managed_by(
            user=request.user, municipality=municipality
        ),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            offer = offer_create(
                municipality=municipality,
                by=request.user,
                district=data["district"],
                title=data["title"],
                description=data["description"],
                theme=data["theme"],
                weekday=data["weekday"],
                starts=data["starts"],
                ends=data["ends"],
                first_date=data["first_date"],
                last_date=data.get("last_date"),
                room=data.get("room"),
                place=data.get("place") or "",
                organisation=data.get("organisation"),
                age_group=data["age_group"],
                languages=data["languages"],
                step_free=data["step_free"],
                attendance=data["attendance"],
                capacity=data.get("capacity"),
                contact_email=data.get("contact_email") or "",
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("The offer is published."))
            return redirect("volunteering:offer", municipality.slug, offer.slug)
    context = {
        "municipality": municipality,
        "form": form,
        "breadcrumbs": _crumbs(
            municipality,
            (_("Offers"), reverse("volunteering:offers", args=[municipality.slug])),
            (_("New offer"), request.path),
        ),
    }
    return render(request, "volunteering/offer_form.html", context)


@login_required
@require_POST
def offer_signup_cancel(request: HttpRequest, municipality_slug: str, slug: str) -> HttpResponse:
    """Give up one's place on an offer (from the offer page or the volunteer page)."""
    municipality = places.municipality_get(slug=municipality_slug)
    offer = selectors.offer_get(municipality=municipality, slug=slug)
    if offer_sign_up_cancel(offer=offer, user=request.user):
        messages.success(
            request,
            _("Your place on %(offer)s has been cancelled. Thank you for letting us know.")
            % {"offer": offer.title},
        )
    else:
        messages.info(request, _("You had no place on %(offer)s.") % {"offer": offer.title})
    back = reverse("volunteering:offer", args=[municipality.slug, offer.slug])
    return redirect(safe_next(request, request.POST.get("next"), back))


# Volunteers ---------------------------------------------------------------------------


def volunteer_signup(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    """Sign up as a volunteer (or change the sign-up). Reading needs no account; sending
    does, so that the person can see, export and delete their data later."""
    municipality = places.municipality_get(slug=municipality_slug)
    volunteer = selectors.volunteer_for_user(user=request.user, municipality=municipality)
    initial: dict[str, Any] = {}
    if volunteer is not None:
        initial = {
            "display_name": volunteer.display_name,
            "district": volunteer.district,
            "interests": volunteer.interests,
            "skills": volunteer.skills,
            "languages": volunteer.languages,
            "available_days": volunteer.available_days,
            "available_times": volunteer.available_times,
            "frequency": volunteer.frequency,
            "visibility": volunteer.visibility,
            "phone": volunteer.phone,
            "about": volunteer.about,
        }
    elif request.user.is_authenticated:
        initial = {"display_name": request.user.get_full_name()}
    districts = places.district_list(municipality=municipality)
    form = VolunteerForm(request.POST or None, districts=districts, initial=initial)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        if form.is_valid():
            data = form.cleaned_data
            try:
                volunteer_sign_up(
                    user=request.user,
                    municipality=municipality,
                    consent=data["consent"],
                    display_name=data["display_name"],
                    district=data.get("district"),
                    interests=data["interests"],
                    skills=data["skills"],
                    languages=data["languages"],
                    available_days=data["available_days"],
                    available_times=data["available_times"],
                    frequency=data["frequency"],
                    visibility=data["visibility"],
                    phone=data["phone"],
                    about=data["about"],
                )
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you! You are registered as a volunteer. A "
                        "coordinator will contact you when a group needs "
                        "you."
                    ),
                )
                return redirect("volunteering:me", municipality.slug)
    context = {
        "municipality": municipality,
        "form": form,
        "volunteer": volunteer,
        "breadcrumbs": _crumbs(municipality, (_("Volunteer"), request.path)),
    }
    return render(request, "volunteering/volunteer_form.html", context)


@login_required
def volunteer_me(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    """The volunteer's own page: what is stored, groups joined, export and delete."""
    municipality = places.municipality_get(slug=municipality_slug)
    volunteer = selectors.volunteer_for_user(user=request.user, municipality=municipality)
    if volunteer is None:
        return redirect("volunteering:signup", municipality.slug)
    context = {
        "municipality": municipality,
        "volunteer": volunteer,
        "groups": volunteer.working_groups.select_related("district").order_by("name"),
        "signups": selectors.offer_signups_of_user(user=request.user, municipality=municipality),
        "breadcrumbs": _crumbs(
            municipality,
            (_("Volunteer"), reverse("volunteering:signup", args=[municipality.slug])),
            (_("My volunteer page"), request.path),
        ),
    }
    return render(request, "volunteering/volunteer_me.html", context)


@login_required
def volunteer_export_view(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality = places.municipality_get(slug=municipality_slug)
    volunteer = selectors.volunteer_for_user(user=request.user, municipality=municipality)
    if volunteer is None:
        return redirect("volunteering:signup", municipality.slug)
    data = json.dumps(volunteer_export(volunteer=volunteer), ensure_ascii=False, indent=2)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="frivillig.json"'
    return response


@login_required
def volunteer_delete_view(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    """GET asks to confirm; POST deletes."""
    municipality = places.municipality_get(slug=municipality_slug)
    volunteer = selectors.volunteer_for_user(user=request.user, municipality=municipality)
    if volunteer is None:
        return redirect("volunteering:signup", municipality.slug)
    if request.method == "POST":
        volunteer_delete(volunteer=volunteer)
        messages.success(request, _("Your volunteer data is deleted."))
        return redirect("volunteering:signup", municipality.slug)
    context = {
        "municipality": municipality,
        "volunteer": volunteer,
        "breadcrumbs": _crumbs(municipality, (_("Delete my volunteer data"), request.path)),
    }
    return render(request, "volunteering/volunteer_delete.html", context)


# Associations -------------------------------------------------------------------------


def organisation_list(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality = places.municipality_get(slug=municipality_slug)
    context = {
        "municipality": municipality,
        "organisations": selectors.organisation_list(municipality=municipality),
        "breadcrumbs": _crumbs(municipality, (_("Associations"), request.path)),
    }
    return render(request, "volunteering/organisation_list.html", context)


def organisation_detail(request: HttpRequest, municipality_slug: str, slug: str) -> HttpResponse:
    municipality = places.municipality_get(slug=municipality_slug)
    organisation = selectors.organisation_get(municipality=municipality, slug=slug)
    context = {
        "municipality": municipality,
        "organisation": organisation,
        "offers": organisation.offers.filter(is_published=True).select_related("district"),
        "can_edit": user_can_manage_organisation(request.user, organisation=organisation),
        "hubs": selectors.offer_hubs(municipality=municipality),
        "breadcrumbs": _crumbs(
            municipality,
            (_("Associations"), reverse("volunteering:organisations", args=[municipality.slug])),
            (organisation.name, request.path),
        ),
    }
    return render(request, "volunteering/organisation_detail.html", context)


@login_required
def organisation_form(
    request: HttpRequest, municipality_slug: str, slug: str | None = None
) -> HttpResponse:
    """Register a new association, or edit one's page."""
    municipality = places.municipality_get(slug=municipality_slug)
    organisation = None
    initial: dict[str, Any] = {}
    if slug is not None:
        organisation = selectors.organisation_get(municipality=municipality, slug=slug)
        if not user_can_manage_organisation(request.user, organisation=organisation):
            raise PermissionDenied
        initial = {field: getattr(organisation, field) for field in ORGANISATION_FIELDS}
    form = OrganisationForm(
        request.POST or None,
        initial=initial,
        districts=places.district_list(municipality=municipality),
    )
    if request.method == "POST" and form.is_valid():
        try:
            if organisation is None:
                organisation = organisation_register(
                    municipality=municipality, by=request.user, **form.cleaned_data
                )
            else:
                organisation = organisation_update(
                    organisation=organisation, by=request.user, **form.cleaned_data
                )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("The association's page is saved."))
            return redirect("volunteering:organisation", municipality.slug, organisation.slug)
    label = _("Edit the association") if organisation else _("Register an association")
    context = {
        "municipality": municipality,
        "form": form,
        "organisation": organisation,
        "title": label,
        "breadcrumbs": _crumbs(
            municipality,
            (_("Associations"), reverse("volunteering:organisations", args=[municipality.slug])),
            (label, request.path),
        ),
    }
    return render(request, "volunteering/organisation_form.html", context)


# Working groups -----------------------------------------------------------------------


def working_group_list(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality = places.municipality_get(slug=municipality_slug)
    context = {
        "municipality": municipality,
        "groups": selectors.working_group_list(municipality=municipality),
        "can_create": user_can_coordinate_volunteering(request.user, municipality=municipality),
        "breadcrumbs": _crumbs(municipality, (_("Working groups"), request.path)),
    }
    return render(request, "volunteering/working_group_list.html", context)


@login_required
def working_group_new(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality = places.municipality_get(slug=municipality_slug)
    if not user_can_coordinate_volunteering(request.user, municipality=municipality):
        raise PermissionDenied
    form = WorkingGroupForm(
        request.POST or None, districts=places.district_list(municipality=municipality)
    )
    if request.method == "POST" and form.is_valid():
        try:
            group = working_group_create(
                municipality=municipality, by=request.user, **form.cleaned_data
            )
        except PermissionDenied:
            form.add_error("district", _("You do not coordinate this district."))
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("The working group is created."))
            return redirect("volunteering:group", municipality.slug, group.slug)
    context = {
        "municipality": municipality,
        "form": form,
        "breadcrumbs": _crumbs(
            municipality,
            (_("Working groups"), reverse("volunteering:groups", args=[municipality.slug])),
            (_("New working group"), request.path),
        ),
    }
    return render(request, "volunteering/working_group_form.html", context)


def working_group_detail(request: HttpRequest, municipality_slug: str, slug: str) -> HttpResponse:
    """Everyone sees what the group does and how many it lacks. Its coordinator also
    sees the members with contact details, suggested volunteers, and meetings with
    notes; members see the names of members who allow it."""
    municipality = places.municipality_get(slug=municipality_slug)
    group = selectors.working_group_get(municipality=municipality, slug=slug)
    can_manage = user_can_manage_group(request.user, group=group)
    members = selectors.working_group_members(group=group)
    is_member = any(member.user_id == request.user.pk for member in members)
    volunteer = selectors.volunteer_for_user(user=request.user, municipality=municipality)
    visible_members = [
        {
            "volunteer": member,
            "contact": can_manage
            and user_can_see_volunteer_contact(request.user, volunteer=member),
        }
        for member in members
        if can_manage
        or (
            is_member
            and (member.visibility == Visibility.MEMBERS or member.user_id == request.user.pk)
        )
    ]
    context: dict[str, Any] = {
        "municipality": municipality,
        "group": group,
        "can_manage": can_manage,
        "is_member": is_member,
        "volunteer": volunteer,
        "can_join": not is_member
        and user_can_join_group(request.user, group=group, volunteer=volunteer),
        "members": visible_members,
        "lacking": max(group.volunteers_needed - group.member_count, 0),  # type: ignore[attr-defined]
        "breadcrumbs": _crumbs(
            municipality,
            (_("Working groups"), reverse("volunteering:groups", args=[municipality.slug])),
            (group.name, request.path),
        ),
    }
    if can_manage:
        context["suggestions"] = [
            {
                "volunteer": item.volunteer,
                "score": item.suggestion.score,
                "reasons": reason_labels(item.suggestion.reasons),
            }
            for item in selectors.working_group_suggestions(group=group)
        ]
        context["meetings"] = group.meetings.all()
        context["meeting_form"] = GroupMeetingForm()
    return render(request, "volunteering/working_group_detail.html", context)


@login_required
@require_POST
def working_group_join_view(
    request: HttpRequest, municipality_slug: str, slug: str
) -> HttpResponse:
    """A volunteer joins a recruiting group on their own."""
    municipality = places.municipality_get(slug=municipality_slug)
    group = selectors.working_group_get(municipality=municipality, slug=slug)
    try:
        working_group_join(group=group, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        if any(e.code == "not_volunteer" for e in exc.error_list):
            return redirect("volunteering:signup", municipality.slug)
    else:
        messages.success(
            request, _("You are now a member of %(group)s. Welcome!") % {"group": group.name}
        )
    return redirect("volunteering:group", municipality.slug, group.slug)


@login_required
@require_POST
def working_group_member(request: HttpRequest, municipality_slug: str, slug: str) -> HttpResponse:
    """A coordinator adds (or removes) a volunteer."""
    municipality = places.municipality_get(slug=municipality_slug)
    group = selectors.working_group_get(municipality=municipality, slug=slug)
    volunteer = get_object_or_404(
        Volunteer, pk=request.POST.get("volunteer"), municipality=municipality
    )
    try:
        if request.POST.get("action") == "remove":
            working_group_remove_member(group=group, volunteer=volunteer, by=request.user)
            messages.success(
                request, _("%(name)s has left the group.") % {"name": volunteer.display_name}
            )
        else:
            working_group_add_member(group=group, volunteer=volunteer, by=request.user)
            messages.success(
                request,
                _("%(name)s is now a member of the group.") % {"name": volunteer.display_name},
            )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("volunteering:group", municipality.slug, group.slug)


@login_required
@require_POST
def working_group_meeting(
    request: HttpRequest, municipality_slug: str, slug: str, pk: int | None = None
) -> HttpResponse:
    """Add a meeting, or write the notes of one."""
    municipality = places.municipality_get(slug=municipality_slug)
    group = selectors.working_group_get(municipality=municipality, slug=slug)
    if pk is not None:
        meeting = get_object_or_404(GroupMeeting, pk=pk, group=group)
        group_meeting_write_notes(
            meeting=meeting, by=request.user, notes=request.POST.get("notes", "")[:10000]
        )
        messages.success(request, _("The notes are saved."))
    else:
        form = GroupMeetingForm(request.POST)
        if form.is_valid():
            group_meeting_add(group=group, by=request.user, **form.cleaned_data)
            messages.success(request, _("The meeting is added."))
        else:
            messages.error(request, _("Give the meeting's date and time."))
    return redirect("volunteering:group", municipality.slug, group.slug)


def measures(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    """The simple measures per district and hub, this month."""
    municipality = places.municipality_get(slug=municipality_slug)
    districts = list(places.district_list(municipality=municipality))
    start, end = selectors.measures_period()
    context = {
        "municipality": municipality,
        "rows": selectors.district_measures(districts=districts, start=start, end=end),
        "breadcrumbs": _crumbs(municipality, (_("Volunteering: simple measures"), request.path)),
    }
    return render(request, "volunteering/measures.html", context)
