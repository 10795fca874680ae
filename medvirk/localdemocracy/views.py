"""Pages of the local committee: public pages for residents, coordinator pages, the
central overview, and iCalendar feeds. Views stay thin: services write, selectors read,
``access.py`` decides."""

from __future__ import annotations

import contextlib
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from medvirk.bookings.selectors import room_list_for_host
from medvirk.core.forms import form_add_service_errors
from medvirk.localdemocracy import selectors, services
from medvirk.localdemocracy.access import (
    user_can_answer_referral,
    user_can_approve_minutes,
    user_can_ask_referral,
    user_can_manage_committee,
    user_can_manage_meeting,
    user_can_see_central_overview,
)
from medvirk.localdemocracy.forms import (
    AgendaItemForm,
    AttendanceForm,
    JoinInterestForm,
    MeetingForm,
    MembershipForm,
    MinutesForm,
    ReferralForm,
    RegistrationForm,
    StatementForm,
)
from medvirk.localdemocracy.ical import meetings_calendar
from medvirk.localdemocracy.models import (
    LocalCommittee,
    Meeting,
    MinutesStatus,
    RegistrationStatus,
)
from medvirk.places import selectors as places
from medvirk.places.crumbs import place_crumbs
from medvirk.places.models import District, Municipality, Room


def _place(municipality_slug: str, district_slug: str) -> tuple[Municipality, District]:
    municipality = places.municipality_get(slug=municipality_slug)
    return municipality, places.district_get(municipality=municipality, slug=district_slug)


def _crumbs(district: District, *extra: tuple[str, str]) -> list[dict[str, str]]:
    return place_crumbs(district.municipality, *extra, district=district)


def _committee_or_404(district: District) -> LocalCommittee:
    committee = selectors.committee_current(district=district)
    if committee is None:
        raise Http404("committee")
    return committee


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _meeting_url(meeting: Meeting, district: District) -> str:
    return reverse(
        "localdemocracy:meeting", args=[district.municipality.slug, district.slug, meeting.pk]
    )


# --- Committee -----------------------------------------------------------------------------


def committee_detail(
    request: HttpRequest, municipality_slug: str, district_slug: str
) -> HttpResponse:
    municipality, district = _place(municipality_slug, district_slug)
    committee = _committee_or_404(district)
    can_manage = user_can_manage_committee(request.user, committee=committee)
    today = timezone.localdate()
    context: dict[str, Any] = {
        "municipality": municipality,
        "district": district,
        "committee": committee,
        "members": selectors.membership_list(committee=committee, public_only=not can_manage),
        "coordinator": selectors.coordinator_for(district=district),
        "can_manage": can_manage,
        "breadcrumbs": _crumbs(district, (_("Local committee"), request.path)),
    }
    if can_manage:
        context["breaches"] = services.composition_check(committee=committee)
        context["plan"] = selectors.year_plan(committee=committee, year=today.year)
        context["referrals_open"] = selectors.referral_list(district=district, open_only=True)
    return render(request, "localdemocracy/committee_detail.html", context)


def members_manage(
    request: HttpRequest, municipality_slug: str, district_slug: str
) -> HttpResponse:
    municipality, district = _place(municipality_slug, district_slug)
    committee = _committee_or_404(district)
    if not user_can_manage_committee(request.user, committee=committee):
        raise PermissionDenied
    form = MembershipForm(
        request.POST or None, municipality=municipality, initial={"starts_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.membership_add(
                committee=committee,
                person_name=data["person_name"],
                seat_kind=data["seat_kind"],
                role=data["role"],
                standing_committee=data["standing_committee"],
                organisation=data["organisation"],
                starts_on=data["starts_on"],
                is_public=data["is_public"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s was added to the committee.") % {"name": data["person_name"]}
            )
            return redirect(request.path)
    context = {
        "municipality": municipality,
        "district": district,
        "committee": committee,
        "form": form,
        "members": selectors.membership_list(
            committee=committee, public_only=False, include_ended=True
        ),
        "breaches": services.composition_check(committee=committee),
        "breadcrumbs": _crumbs(
            district,
            (
                _("Local committee"),
                reverse("localdemocracy:committee", args=[municipality.slug, district.slug]),
            ),
            (_("Members"), request.path),
        ),
    }
    return render(request, "localdemocracy/members_manage.html", context)


@require_POST
def membership_end(
    request: HttpRequest, municipality_slug: str, district_slug: str, pk: int
) -> HttpResponse:
    municipality, district = _place(municipality_slug, district_slug)
    committee = _committee_or_404(district)
    if not user_can_manage_committee(request.user, committee=committee):
        raise PermissionDenied
    membership = committee.memberships.filter(pk=pk).first()
    if membership is None:
        raise PermissionDenied
    try:
        services.membership_end(membership=membership, ends_on=timezone.localdate())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The membership of %(name)s has ended; it is kept in the history.")
            % {"name": membership.person_name},
        )
    return redirect("localdemocracy:members", municipality.slug, district.slug)


def join(request: HttpRequest, municipality_slug: str, district_slug: str) -> HttpResponse:
    municipality, district = _place(municipality_slug, district_slug)
    form = JoinInterestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.join_interest_submit(district=district, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you! The coordinator will contact you."))
            return redirect("places:district", municipality.slug, district.slug)
    return render(
        request,
        "localdemocracy/join.html",
        {
            "municipality": municipality,
            "district": district,
            "form": form,
            "breadcrumbs": _crumbs(district, (_("Join in"), request.path)),
        },
    )


# --- Meetings ------------------------------------------------------------------------------


def meeting_list(request: HttpRequest, municipality_slug: str, district_slug: str) -> HttpResponse:
    municipality, district = _place(municipality_slug, district_slug)
    committee = selectors.committee_current(district=district)
    can_manage = committee is not None and user_can_manage_committee(
        request.user, committee=committee
    )
    return render(
        request,
        "localdemocracy/meeting_list.html",
        {
            "municipality": municipality,
            "district": district,
            "committee": committee,
            "can_manage": can_manage,
            "upcoming": selectors.meeting_list_upcoming(
                district=district, public_only=not can_manage
            ),
            "past": selectors.meeting_list_past(district=district),
            "breadcrumbs": _crumbs(district, (_("Meetings"), request.path)),
        },
    )


def meeting_create(
    request: HttpRequest, municipality_slug: str, district_slug: str
) -> HttpResponse:
    municipality, district = _place(municipality_slug, district_slug)
    committee = _committee_or_404(district)
    if not user_can_manage_committee(request.user, committee=committee):
        raise PermissionDenied
    form = MeetingForm(
        request.POST or None,
        rooms=room_list_for_host(user=request.user, municipality=municipality),
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_schedule(
                committee=committee,
                by=request.user,
                already_held=form.cleaned_data["already_held"],
                **_meeting_details(form),
            )
        except ValidationError as error:
            form_add_service_errors(form, _dated_errors(error))
        else:
            if form.cleaned_data["already_held"]:
                messages.success(
                    request, _("The meeting is recorded. You can now write its minutes.")
                )
            else:
                messages.success(request, _("The meeting is planned."))
            return redirect(
                "localdemocracy:meeting_manage", municipality.slug, district.slug, meeting.pk
            )
    plan = selectors.year_plan(committee=committee, year=timezone.localdate().year)
    return render(
        request,
        "localdemocracy/meeting_form.html",
        {
            "municipality": municipality,
            "district": district,
            "committee": committee,
            "form": form,
            "plan": plan,
            "breadcrumbs": _crumbs(
                district,
                (
                    _("Meetings"),
                    reverse("localdemocracy:meetings", args=[municipality.slug, district.slug]),
                ),
                (_("Plan a meeting"), request.path),
            ),
        },
    )


def _meeting_details(form: MeetingForm) -> dict[str, Any]:
    """The meeting form's answers as the meeting services take them."""
    data = form.cleaned_data
    starts_at, ends_at = form.datetimes()
    fields = (
        "kind",
        "title",
        "description",
        "room",
        "address",
        "online_url",
        "is_public",
        "capacity",
    )
    return {**{name: data[name] for name in fields}, "starts_at": starts_at, "ends_at": ends_at}


def meeting_edit(
    request: HttpRequest, municipality_slug: str, district_slug: str, pk: int
) -> HttpResponse:
    """Change a planned meeting, or move it to another time or place."""
    municipality, district, meeting = _managed_meeting(
        request, municipality_slug, district_slug, pk
    )
    local_start = timezone.localtime(meeting.starts_at)
    initial = {
        "kind": meeting.kind,
        "title": meeting.title,
        "description": meeting.description,
        "day": local_start.date(),
        "starts": local_start.time(),
        "ends": timezone.localtime(meeting.ends_at).time(),
        "room": meeting.room,
        "address": meeting.address,
        "online_url": meeting.online_url,
        "is_public": meeting.is_public,
        "capacity": meeting.capacity,
    }
    rooms = room_list_for_host(user=request.user, municipality=municipality)
    if meeting.room_id is not None:  # keep the meeting's own room choosable
        rooms = rooms | Room.objects.filter(pk=meeting.room_id)
    form = MeetingForm(request.POST or None, initial=initial, rooms=rooms, new=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_change(
                meeting=meeting,
                by=request.user,
                base_url=_base_url(request),
                **_meeting_details(form),
            )
        except ValidationError as error:
            form_add_service_errors(form, _dated_errors(error))
        else:
            messages.success(request, _("The meeting is changed."))
            return _back_to_manage(district, meeting, "main")
    return render(
        request,
        "localdemocracy/meeting_form.html",
        {
            "municipality": municipality,
            "district": district,
            "committee": meeting.committee,
            "meeting": meeting,
            "form": form,
            "breadcrumbs": _crumbs(
                district,
                (
                    _("Meetings"),
                    reverse("localdemocracy:meetings", args=[municipality.slug, district.slug]),
                ),
                (
                    meeting.title,
                    reverse(
                        "localdemocracy:meeting_manage",
                        args=[municipality.slug, district.slug, meeting.pk],
                    ),
                ),
                (_("Change the meeting"), request.path),
            ),
        },
        status=400 if form.errors else 200,
    )


def _dated_errors(error: ValidationError) -> ValidationError:
    """Map the service's datetime fields onto the form's date and time fields."""
    if not hasattr(error, "error_dict"):
        return error
    mapping = {"starts_at": "day", "ends_at": "ends"}
    return ValidationError(
        {mapping.get(key, key): value for key, value in error.error_dict.items()}
    )


def meeting_detail(
    request: HttpRequest, municipality_slug: str, district_slug: str, pk: int
) -> HttpResponse:
    municipality, district = _place(municipality_slug, district_slug)
    meeting = selectors.meeting_get(district=district, pk=pk)
    can_manage = user_can_manage_meeting(request.user, meeting=meeting)
    if not meeting.is_public and not can_manage:
        raise PermissionDenied
    initial = {}
    if request.user.is_authenticated:
        initial = {"name": request.user.get_full_name(), "email": request.user.email}
    form = RegistrationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(
                meeting=meeting,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                base_url=_base_url(request),
                user=request.user,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            if registration.status == RegistrationStatus.CONFIRMED:
                messages.success(
                    request,
                    _("You are registered. We have sent a confirmation to %(email)s.")
                    % {"email": registration.email},
                )
            else:
                messages.warning(
                    request,
                    _(
                        "The meeting is full, so you are on the waiting "
                        "list. We have sent an e-mail to %(email)s."
                    )
                    % {"email": registration.email},
                )
            return redirect(request.path)
    minutes = selectors.minutes_of(meeting)
    return render(
        request,
        "localdemocracy/meeting_detail.html",
        {
            "municipality": municipality,
            "district": district,
            "meeting": meeting,
            "form": form,
            "can_manage": can_manage,
            "seats": selectors.meeting_seats(meeting=meeting),
            "is_open": meeting.status == "planned" and meeting.ends_at > timezone.now(),
            "minutes": minutes if minutes and minutes.status == MinutesStatus.PUBLISHED else None,
            "minutes_to_approve": minutes
            if minutes
            and minutes.status == MinutesStatus.SENT_FOR_APPROVAL
            and user_can_approve_minutes(request.user, meeting=meeting)
            else None,
            "breadcrumbs": _crumbs(
                district,
                (
                    _("Meetings"),
                    reverse("localdemocracy:meetings", args=[municipality.slug, district.slug]),
                ),
                (meeting.title, request.path),
            ),
        },
    )


def _managed_meeting(
    request: HttpRequest, municipality_slug: str, district_slug: str, pk: int
) -> tuple[Municipality, District, Meeting]:
    municipality, district = _place(municipality_slug, district_slug)
    meeting = selectors.meeting_get(district=district, pk=pk)
    if not user_can_manage_meeting(request.user, meeting=meeting):
        raise PermissionDenied
    return municipality, district, meeting


def meeting_manage(
    request: HttpRequest, municipality_slug: str, district_slug: str, pk: int
) -> HttpResponse:
    """The coordinator's page for one meeting: agenda, registrations, attendance and
    minutes, each with its own form posting to its own address."""
    municipality, district, meeting = _managed_meeting(
        request, municipality_slug, district_slug, pk
    )
    return _render_manage(request, municipality, district, meeting)


def _render_manage(
    request: HttpRequest,
    municipality: Municipality,
    district: District,
    meeting: Meeting,
    **forms: Any,
) -> HttpResponse:
    members = list(selectors.membership_list(committee=meeting.committee, public_only=False))
    current = {a.membership_id: a.status for a in meeting.attendance.all()}
    minutes = selectors.minutes_of(meeting)
    context = {
        "municipality": municipality,
        "district": district,
        "meeting": meeting,
        "agenda_form": forms.get("agenda_form") or AgendaItemForm(),
        "attendance_form": forms.get("attendance_form")
        or AttendanceForm(members=members, current=current),
        "minutes_form": forms.get("minutes_form")
        or MinutesForm(initial={"text": minutes.text if minutes else ""}),
        "minutes": minutes,
        "can_approve": user_can_approve_minutes(request.user, meeting=meeting),
        "registrations": meeting.registrations.exclude(
            status=RegistrationStatus.CANCELLED
        ).order_by("status", "created_at"),
        "seats": selectors.meeting_seats(meeting=meeting),
        "breadcrumbs": _crumbs(
            district,
            (
                _("Meetings"),
                reverse("localdemocracy:meetings", args=[municipality.slug, district.slug]),
            ),
            (meeting.title, _meeting_url(meeting, district)),
            (_("Run the meeting"), request.path),
        ),
    }
    status = 400 if any(f.errors for f in forms.values()) else 200
    return render(request, "localdemocracy/meeting_manage.html", context, status=status)


def _back_to_manage(district: District, meeting: Meeting, anchor: str) -> HttpResponse:
    url = reverse(
        "localdemocracy:meeting_manage",
        args=[district.municipality.slug, district.slug, meeting.pk],
    )
    return redirect(f"{url}#{anchor}")


@require_POST
def agenda_item_remove(
    request: HttpRequest, municipality_slug: str, district_slug: str, pk: int, item_pk: int
) -> HttpResponse:
    _municipality, district, meeting = _managed_meeting(
        request, municipality_slug, district_slug, pk
    )
    item = meeting.agenda_items.filter(pk=item_pk).first()
    if item is None:
        raise Http404("agenda item")
    services.agenda_item_remove(item=item)
    messages.success(request, _("The agenda item was removed."))
    return _back_to_manage(district, meeting, "agenda-heading")


@require_POST
def agenda_item_add(
    request: HttpRequest, municipality_slug: str, district_slug: str, pk: int
) -> HttpResponse:
    municipality, district, meeting = _managed_meeting(
        request, municipality_slug, district_slug, pk
    )
    form = AgendaItemForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.agenda_item_add(
                meeting=meeting,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                document=form.cleaned_data["document"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The agenda item was added."))
            return _back_to_manage(district, meeting, "agenda-heading")
    return _render_manage(request, municipality, district, meeting, agenda_form=form)


@require_POST
def attendance_save(
    request: HttpRequest, municipality_slug: str, district_slug: str, pk: int
) -> HttpResponse:
    municipality, district, meeting = _managed_meeting(
        request, municipality_slug, district_slug, pk
    )
    members = list(selectors.membership_list(committee=meeting.committee, public_only=False))
    form = AttendanceForm(request.POST, members=members, current={})
    if form.is_valid():
        try:
            services.attendance_record(meeting=meeting, statuses=form.statuses())
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Attendance was saved."))
            return _back_to_manage(district, meeting, "attendance-heading")
    return _render_manage(request, municipality, district, meeting, attendance_form=form)


@require_POST
def minutes_save(
    request: HttpRequest, municipality_slug: str, district_slug: str, pk: int
) -> HttpResponse:
    municipality, district, meeting = _managed_meeting(
        request, municipality_slug, district_slug, pk
    )
    form = MinutesForm(request.POST)
    if form.is_valid():
        try:
            services.minutes_save(meeting=meeting, text=form.cleaned_data["text"], by=request.user)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The draft minutes were saved."))
            return _back_to_manage(district, meeting, "minutes-heading")
    return _render_manage(request, municipality, district, meeting, minutes_form=form)


MINUTES_ACTIONS = {
    "send": (
        services.minutes_send_for_approval,
        "manage",
        _("The minutes were sent for approval."),
    ),
    "approve": (services.minutes_approve, "approve", _("The minutes were approved.")),
    "publish": (services.minutes_publish, "manage", _("The minutes are published.")),
}


@require_POST
def minutes_action(
    request: HttpRequest, municipality_slug: str, district_slug: str, pk: int, action: str
) -> HttpResponse:
    _municipality, district = _place(municipality_slug, district_slug)
    meeting = selectors.meeting_get(district=district, pk=pk)
    if action not in MINUTES_ACTIONS:
        raise PermissionDenied
    service, permission, done = MINUTES_ACTIONS[action]
    allowed = (
        user_can_approve_minutes(request.user, meeting=meeting)
        if permission == "approve"
        else user_can_manage_meeting(request.user, meeting=meeting)
    )
    minutes = selectors.minutes_of(meeting)
    if not allowed or minutes is None:
        raise PermissionDenied
    try:
        service(minutes=minutes, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, str(done))
    if user_can_manage_meeting(request.user, meeting=meeting):
        return _back_to_manage(district, meeting, "minutes-heading")
    return redirect(_meeting_url(meeting, district))


@require_POST
def meeting_cancel(
    request: HttpRequest, municipality_slug: str, district_slug: str, pk: int
) -> HttpResponse:
    _municipality, district, meeting = _managed_meeting(
        request, municipality_slug, district_slug, pk
    )
    try:
        services.meeting_cancel(meeting=meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The meeting is cancelled and its room released."))
    return _back_to_manage(district, meeting, "main")


def registration_cancel(
    request: HttpRequest, municipality_slug: str, district_slug: str, token: str
) -> HttpResponse:
    """The cancel link from the confirmation e-mail: a page with one button (a GET never
    cancels, so link previews cannot cancel by accident)."""
    municipality, district = _place(municipality_slug, district_slug)
    registration = selectors.registration_by_token(district=district, token=token)
    if request.method == "POST" and registration is not None:
        try:
            services.registration_cancel(token=token, base_url=_base_url(request))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Your registration is cancelled. Thank you for letting us know.")
            )
        return redirect(_meeting_url(registration.meeting, district))
    return render(
        request,
        "localdemocracy/registration_cancel.html",
        {
            "municipality": municipality,
            "district": district,
            "registration": registration,
            "breadcrumbs": _crumbs(district, (_("Cancel registration"), request.path)),
        },
        status=200 if registration else 404,
    )


# --- Calendar feeds -------------------------------------------------------------------------


def _calendar_response(
    request: HttpRequest, district: District, meetings: Any, name: str
) -> HttpResponse:
    meetings = list(meetings)
    body = meetings_calendar(
        meetings=meetings,
        name=name,
        host=request.get_host().split(":")[0],
        url_for={m.pk: request.build_absolute_uri(_meeting_url(m, district)) for m in meetings},
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{district.slug}.ics"'
    return response


def calendar_district(
    request: HttpRequest, municipality_slug: str, district_slug: str
) -> HttpResponse:
    municipality, district = _place(municipality_slug, district_slug)
    return _calendar_response(
        request,
        district,
        selectors.calendar_meetings(district=district),
        f"{district.name} – {municipality.name}",
    )


def calendar_committee(
    request: HttpRequest, municipality_slug: str, district_slug: str, pk: int
) -> HttpResponse:
    _municipality, district = _place(municipality_slug, district_slug)
    committee = selectors.committee_get(district=district, pk=pk)
    return _calendar_response(
        request,
        district,
        selectors.calendar_meetings(district=district, committee=committee),
        committee.name,
    )


# --- Referrals -----------------------------------------------------------------------------


def referral_list(request: HttpRequest, municipality_slug: str, district_slug: str) -> HttpResponse:
    municipality, district = _place(municipality_slug, district_slug)
    return render(
        request,
        "localdemocracy/referral_list.html",
        {
            "municipality": municipality,
            "district": district,
            "referrals": selectors.referral_list(district=district),
            "can_ask": user_can_ask_referral(request.user, district=district),
            "breadcrumbs": _crumbs(district, (_("Referrals"), request.path)),
        },
    )


def referral_create(
    request: HttpRequest, municipality_slug: str, district_slug: str
) -> HttpResponse:
    municipality, district = _place(municipality_slug, district_slug)
    if not user_can_ask_referral(request.user, district=district):
        raise PermissionDenied
    committee = _committee_or_404(district)
    form = ReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.referral_create(
                committee=committee, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The committee has been asked for a statement."))
            return redirect(
                "localdemocracy:referral", municipality.slug, district.slug, referral.pk
            )
    return render(
        request,
        "localdemocracy/referral_form.html",
        {
            "municipality": municipality,
            "district": district,
            "form": form,
            "breadcrumbs": _crumbs(
                district,
                (
                    _("Referrals"),
                    reverse("localdemocracy:referrals", args=[municipality.slug, district.slug]),
                ),
                (_("Ask for a statement"), request.path),
            ),
        },
    )


def referral_detail(
    request: HttpRequest, municipality_slug: str, district_slug: str, pk: int
) -> HttpResponse:
    municipality, district = _place(municipality_slug, district_slug)
    referral = selectors.referral_get(district=district, pk=pk)
    can_answer = user_can_answer_referral(request.user, referral=referral)
    form = StatementForm(request.POST or None)
    if request.method == "POST":
        if not can_answer:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.referral_answer(
                    referral=referral, statement=form.cleaned_data["statement"], by=request.user
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, _("The statement was recorded and returned to the case."))
                return redirect(request.path)
    return render(
        request,
        "localdemocracy/referral_detail.html",
        {
            "municipality": municipality,
            "district": district,
            "referral": referral,
            "form": form,
            "can_answer": can_answer and referral.status == "open",
            "breadcrumbs": _crumbs(
                district,
                (
                    _("Referrals"),
                    reverse("localdemocracy:referrals", args=[municipality.slug, district.slug]),
                ),
                (referral.case_reference, request.path),
            ),
        },
    )


# --- Central overview ----------------------------------------------------------------------


def central_overview(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality = places.municipality_get(slug=municipality_slug)
    if not user_can_see_central_overview(request.user, municipality=municipality):
        raise PermissionDenied
    year = timezone.localdate().year
    with contextlib.suppress(ValueError):
        year = int(request.GET.get("ar", year))
    return render(
        request,
        "localdemocracy/central_overview.html",
        {
            "municipality": municipality,
            "year": year,
            "rows": selectors.central_overview(municipality=municipality, year=year),
            "breadcrumbs": place_crumbs(
                municipality, (_("Local democracy overview"), request.path)
            ),
        },
    )
