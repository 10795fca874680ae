"""Pages of the toolbox, activities, input and moderation. Thin: reads through
``selectors``, writes through ``services``, access through ``access``."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from medvirk.core.forms import form_add_service_errors
from medvirk.core.http import client_address, safe_next
from medvirk.core.panels import ACTIVITY_SUMMARY, panels
from medvirk.participation import access, exports, selectors, services
from medvirk.participation.drafts import sections_from_text, text_from_sections
from medvirk.participation.forms import (
    ActivityFilterForm,
    ActivityStartForm,
    DraftForm,
    FlagForm,
    InputForm,
    ModerationForm,
    QuestionForm,
    StaffInputForm,
)
from medvirk.participation.maps import input_map
from medvirk.participation.models import (
    Activity,
    Input,
    InputKind,
    ModerationActionKind,
    PhaseKind,
    Visibility,
)
from medvirk.places import selectors as places
from medvirk.places.crumbs import place_crumbs
from medvirk.places.models import Municipality


def crumbs(municipality: Municipality, activity: Activity | None = None) -> list[dict[str, str]]:
    activities = reverse("participation:activity_list", args=[municipality.slug])
    steps = [(_("Activities"), activities)]
    if activity is not None:
        steps.append((activity.title, activity_url(activity)))
    return place_crumbs(municipality, *steps)


def activity_url(activity: Activity) -> str:
    return reverse("participation:activity", args=[activity.municipality.slug, activity.slug])


def input_url(item: Input, activity: Activity) -> str:
    return reverse("participation:input", args=[activity.municipality.slug, activity.slug, item.pk])


def session_key(request: HttpRequest) -> str:
    """The browser session, created when missing (used to count supports and votes)."""
    if not request.session.session_key:
        request.session.save()
    return request.session.session_key or ""


# --- toolbox ----------------------------------------------------------------------


def method_list(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality = places.municipality_get(slug=municipality_slug)
    context = {
        "municipality": municipality,
        "methods": list(selectors.method_list(municipality=municipality)),
        "can_start": access.user_can_start_activity(request.user, municipality=municipality),
        "breadcrumbs": [*crumbs(municipality)[:2], {"label": _("Toolbox"), "url": request.path}],
    }
    return render(request, "participation/method_list.html", context)


def method_detail(request: HttpRequest, municipality_slug: str, method_slug: str) -> HttpResponse:
    municipality = places.municipality_get(slug=municipality_slug)
    method = selectors.method_get(municipality=municipality, slug=method_slug)
    context = {
        "municipality": municipality,
        "method": method,
        "can_start": access.user_can_start_activity(request.user, municipality=municipality),
        "breadcrumbs": [
            *crumbs(municipality)[:2],
            {
                "label": _("Toolbox"),
                "url": reverse("participation:method_list", args=[municipality.slug]),
            },
            {"label": method.name, "url": request.path},
        ],
    }
    return render(request, "participation/method_detail.html", context)


def activity_start(request: HttpRequest, municipality_slug: str, method_slug: str) -> HttpResponse:
    municipality = places.municipality_get(slug=municipality_slug)
    method = selectors.method_get(municipality=municipality, slug=method_slug)
    if not access.user_can_start_activity(request.user, municipality=municipality):
        raise PermissionDenied
    districts = places.district_list(municipality=municipality)
    form = ActivityStartForm(request.POST or None, districts=districts, method=method)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        phases: dict[str, tuple[datetime.date, datetime.date | None]] = {
            PhaseKind.OPEN: (data["opens_on"], data["closes_on"]),
            PhaseKind.SUMMARISING: (data["closes_on"] + datetime.timedelta(days=1), None),
        }
        today = timezone.localdate()
        if today < data["opens_on"]:
            phases[PhaseKind.PLANNED] = (today, data["opens_on"] - datetime.timedelta(days=1))
        if data.get("report_on"):
            phases[PhaseKind.REPORTING] = (data["report_on"], None)
        try:
            activity = services.activity_start(
                actor=request.user,
                municipality=municipality,
                method=method,
                slug=data["slug"],
                title=data["title"],
                summary=data["summary"],
                description=data["description"],
                theme=data["theme"],
                district=data["district"],
                input_kind=data["input_kind"],
                owner_kind=data["owner_kind"],
                owner_name=data["owner_name"],
                participation_rule=data["participation_rule"],
                residency=data["residency"],
                minimum_age=data["minimum_age"],
                moderation=data["moderation"],
                phases=phases,
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("The activity has been created."))
            return redirect(activity_url(activity))
    context = {
        "municipality": municipality,
        "method": method,
        "form": form,
        "breadcrumbs": [
            *crumbs(municipality)[:2],
            {
                "label": _("Toolbox"),
                "url": reverse("participation:method_list", args=[municipality.slug]),
            },
            {
                "label": method.name,
                "url": reverse("participation:method", args=[municipality.slug, method.slug]),
            },
            {"label": _("Start an activity"), "url": request.path},
        ],
    }
    return render(request, "participation/activity_start.html", context)


# --- activities -------------------------------------------------------------------


def activity_list(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality = places.municipality_get(slug=municipality_slug)
    districts = places.district_list(municipality=municipality)
    form = ActivityFilterForm(
        request.GET or None,
        districts=districts,
        themes=selectors.activity_themes(municipality=municipality),
    )
    district = theme = None
    only_open = False
    if form.is_bound and form.is_valid():
        district = form.cleaned_data["district"]
        theme = form.cleaned_data["theme"]
        only_open = form.cleaned_data["open"]
    activities = list(
        selectors.activity_list(
            municipality=municipality,
            district=district,
            theme=theme or "",
            open_on=timezone.localdate() if only_open else None,
        )
    )
    if only_open:
        activities.sort(key=lambda a: a.closes_on() or datetime.date.max)
    context = {
        "municipality": municipality,
        "activities": activities,
        "form": form,
        "can_start": access.user_can_start_activity(request.user, municipality=municipality),
        "breadcrumbs": crumbs(municipality),
    }
    return render(request, "participation/activity_list.html", context)


def _activity_context(
    request: HttpRequest, activity: Activity, form: InputForm | None
) -> dict[str, Any]:
    municipality = activity.municipality
    section_id = request.GET.get("avsnitt")
    page = selectors.input_page(
        activity=activity,
        page=request.GET.get("side"),
        section_id=int(section_id) if section_id and section_id.isdigit() else None,
    )
    document = (
        selectors.document_current(activity=activity)
        if activity.input_kind == InputKind.COMMENT
        else None
    )
    decision = access.access_activity_for_input(request.user, activity=activity)
    phase = activity.current_phase
    sections = list(document.sections.all()) if document else []
    questions = (
        selectors.questions(activity=activity) if activity.input_kind == InputKind.SURVEY else []
    )
    if form is None and decision:
        form = InputForm(activity=activity, sections=sections, questions=questions)
    inputs = list(page.object_list)
    map_ = None
    if activity.input_kind in (InputKind.MAP, InputKind.IDEA):
        public = [i for i in inputs if i.visibility == Visibility.PUBLISHED]
        map_ = input_map(
            list(places.district_list(municipality=municipality)),
            public,
            url_of={i.pk: input_url(i, activity) for i in public},
        )
    return {
        "municipality": municipality,
        "activity": activity,
        # Survey answers have no title or text of their own: they are summed up per
        # question rather than listed as (empty) cards.
        "survey": (
            selectors.survey_summary(activity=activity)
            if activity.input_kind == InputKind.SURVEY
            else None
        ),
        "phase": phase,
        "phases": list(activity.phases.all()),
        "decision": decision,
        "form": form,
        "page": page,
        "inputs": inputs,
        "document": document,
        "versions": selectors.document_versions(activity=activity) if document else [],
        "sections": sections,
        "map": map_ if activity.input_kind == InputKind.MAP else None,
        "can_register": access.user_can_register_input(request.user, activity=activity),
        "can_answer": access.user_can_see_contact(request.user, activity=activity),
        "can_manage": access.user_can_manage_activity(request.user, activity=activity),
        "breadcrumbs": crumbs(municipality, activity),
        "summary_panels": (
            panels(ACTIVITY_SUMMARY, request, activity) if phase == PhaseKind.SUMMARISING else []
        ),
    }


def activity_detail(
    request: HttpRequest, municipality_slug: str, activity_slug: str
) -> HttpResponse:
    """The activity, its phases, the public inputs page by page, and the input form the
    activity asks for. A POST gives input."""
    municipality = places.municipality_get(slug=municipality_slug)
    activity = selectors.activity_get(municipality=municipality, slug=activity_slug)
    form = None
    if request.method == "POST":
        document = selectors.document_current(activity=activity)
        form = InputForm(
            request.POST,
            request.FILES,
            activity=activity,
            sections=list(document.sections.all()) if document else [],
            questions=selectors.questions(activity=activity),
        )
        if form.is_valid():
            try:
                item = services.input_submit(
                    activity=activity,
                    submission=form.submission(),
                    user=request.user,
                    address=client_address(request),
                    session_key=session_key(request),
                )
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                if item.visibility == Visibility.PENDING:
                    messages.success(
                        request,
                        _(
                            "Thank you! Your input has been received and "
                            "will be published after moderation."
                        ),
                    )
                else:
                    messages.success(request, _("Thank you! Your input has been received."))
                return redirect("followup:private_input", token=item.private_token)
    context = _activity_context(request, activity, form)
    status = 400 if form is not None and form.errors else 200
    return render(request, "participation/activity_detail.html", context, status=status)


def input_register(
    request: HttpRequest, municipality_slug: str, activity_slug: str
) -> HttpResponse:
    """Staff register input that came on paper, by phone, at a meeting or by e-mail."""
    municipality = places.municipality_get(slug=municipality_slug)
    activity = selectors.activity_get(municipality=municipality, slug=activity_slug)
    if not access.user_can_register_input(request.user, activity=activity):
        raise PermissionDenied
    document = selectors.document_current(activity=activity)
    kwargs: dict[str, Any] = {
        "activity": activity,
        "sections": list(document.sections.all()) if document else [],
        "questions": selectors.questions(activity=activity),
    }
    form = StaffInputForm(request.POST or None, request.FILES or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.input_submit(
                activity=activity, submission=form.submission(), registered_by=request.user
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Input number %(number)s has been registered.") % {"number": item.pk}
            )
            return redirect(
                reverse("participation:register", args=[municipality.slug, activity.slug])
            )
    decision = access.access_activity_for_input(
        request.user, activity=activity, staff_registration=True
    )
    context = {
        "municipality": municipality,
        "activity": activity,
        "form": form,
        "decision": decision,
        "breadcrumbs": [
            *crumbs(municipality, activity),
            {"label": _("Register input"), "url": request.path},
        ],
    }
    return render(
        request, "participation/input_register.html", context, status=400 if form.errors else 200
    )


def input_detail(
    request: HttpRequest, municipality_slug: str, activity_slug: str, pk: int
) -> HttpResponse:
    municipality = places.municipality_get(slug=municipality_slug)
    activity = selectors.activity_get(municipality=municipality, slug=activity_slug)
    item = selectors.input_get(activity=activity, pk=pk)
    if item.visibility == Visibility.PENDING and not access.user_can_view_input(
        request.user, input=item
    ):
        raise PermissionDenied
    context = {
        "municipality": municipality,
        "activity": activity,
        "item": item,
        "response": exports.response_of(item),
        "flag_form": FlagForm(),
        "can_support": item.kind == InputKind.IDEA and item.is_public and activity.is_open,
        "can_moderate": access.user_can_moderate(request.user, municipality=municipality),
        "contact": _contact(request, item, activity),
        "breadcrumbs": [
            *crumbs(municipality, activity),
            {"label": item.display_title or _("Input"), "url": request.path},
        ],
    }
    return render(request, "participation/input_detail.html", context)


def _contact(request: HttpRequest, item: Input, activity: Activity) -> Any:
    if not access.user_can_see_contact(request.user, activity=activity):
        return None
    return getattr(item, "contact", None) if hasattr(item, "contact") else None


def _input_for_post(municipality_slug: str, activity_slug: str, pk: int) -> tuple[Activity, Input]:
    municipality = places.municipality_get(slug=municipality_slug)
    activity = selectors.activity_get(municipality=municipality, slug=activity_slug)
    return activity, selectors.input_get(activity=activity, pk=pk)


@require_POST
def input_support(
    request: HttpRequest, municipality_slug: str, activity_slug: str, pk: int
) -> HttpResponse:
    activity, item = _input_for_post(municipality_slug, activity_slug, pk)
    try:
        services.support_add(input=item, user=request.user, session_key=session_key(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Thank you for your support."))
    return redirect(input_url(item, activity))


@require_POST
def input_flag(
    request: HttpRequest, municipality_slug: str, activity_slug: str, pk: int
) -> HttpResponse:
    activity, item = _input_for_post(municipality_slug, activity_slug, pk)
    form = FlagForm(request.POST)
    if form.is_valid():
        try:
            services.flag_raise(
                input=item,
                reason=form.cleaned_data["reason"],
                user=request.user,
                session_key=session_key(request),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Thank you. A moderator will look at the input."))
            return redirect(input_url(item, activity))
    context = {
        "municipality": activity.municipality,
        "activity": activity,
        "item": item,
        "response": exports.response_of(item),
        "flag_form": form,
        "can_support": False,
        "can_moderate": False,
        "contact": None,
        "breadcrumbs": [
            *crumbs(activity.municipality, activity),
            {"label": item.display_title, "url": input_url(item, activity)},
        ],
    }
    return render(request, "participation/input_detail.html", context, status=400)


@require_POST
def statement_vote(
    request: HttpRequest, municipality_slug: str, activity_slug: str, pk: int
) -> HttpResponse:
    activity, item = _input_for_post(municipality_slug, activity_slug, pk)
    statement = getattr(item, "statement", None)
    if statement is None:
        raise PermissionDenied
    try:
        services.statement_vote(
            statement=statement,
            choice=request.POST.get("choice", ""),
            user=request.user,
            session_key=session_key(request),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your answer has been counted."))
    return redirect(activity_url(activity) + f"#innspill-{item.pk}")


def inputs_export(
    request: HttpRequest, municipality_slug: str, activity_slug: str, fmt: str
) -> HttpResponse:
    """Every public input of the activity as CSV or XLSX, without personal data."""
    municipality = places.municipality_get(slug=municipality_slug)
    activity = selectors.activity_get(municipality=municipality, slug=activity_slug)
    inputs = (
        selectors.input_queryset(activity=activity)
        .exclude(visibility=Visibility.PENDING)
        .order_by("created_at", "id")
    )
    filename = f"innspill-{activity.slug}"
    if fmt == "csv":
        response = HttpResponse(
            exports.inputs_csv(inputs.iterator()), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    response = HttpResponse(
        exports.inputs_xlsx(inputs.iterator(), title=activity.title),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


# --- moderation -------------------------------------------------------------------


def moderation_queue(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality = places.municipality_get(slug=municipality_slug)
    if not access.user_can_moderate(request.user, municipality=municipality):
        raise PermissionDenied
    context = {
        "municipality": municipality,
        "queue": list(selectors.moderation_queue(municipality=municipality)[:100]),
        "log": list(selectors.moderation_log(municipality=municipality)),
        "actions": ModerationActionKind,
        "breadcrumbs": [*crumbs(municipality)[:2], {"label": _("Moderation"), "url": request.path}],
    }
    return render(request, "participation/moderation_queue.html", context)


@require_POST
def moderation_act(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    municipality = places.municipality_get(slug=municipality_slug)
    if not access.user_can_moderate(request.user, municipality=municipality):
        raise PermissionDenied
    item = (
        Input.objects.select_related("activity__municipality")
        .filter(activity__municipality=municipality, pk=pk)
        .first()
    )
    if item is None:
        raise PermissionDenied
    form = ModerationForm(request.POST)
    back = safe_next(
        request,
        request.POST.get("next"),
        reverse("participation:moderation", args=[municipality.slug]),
    )
    if not form.is_valid():
        messages.error(request, _("Choose a moderation action."))
        return HttpResponseRedirect(back)
    try:
        services.input_moderate(
            input=item,
            actor=request.user,
            action=form.cleaned_data["action"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The moderation action has been saved."))
    return HttpResponseRedirect(back)


def _managed_activity(
    request: HttpRequest, municipality_slug: str, activity_slug: str
) -> tuple[Municipality, Activity]:
    municipality = places.municipality_get(slug=municipality_slug)
    activity = selectors.activity_get(municipality=municipality, slug=activity_slug)
    if not access.user_can_manage_activity(request.user, activity=activity):
        raise PermissionDenied
    return municipality, activity


def activity_draft(
    request: HttpRequest, municipality_slug: str, activity_slug: str
) -> HttpResponse:
    """Staff publish a new version of the draft; earlier versions and their comments stay."""
    municipality, activity = _managed_activity(request, municipality_slug, activity_slug)
    current = selectors.document_current(activity=activity)
    initial: dict[str, Any] = {}
    if current is not None:
        initial = {
            "title": current.title,
            "text": text_from_sections(
                [(section.heading, section.text) for section in current.sections.all()]
            ),
        }
    form = DraftForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_publish(
                activity=activity,
                title=form.cleaned_data["title"],
                sections=sections_from_text(form.cleaned_data["text"]),
                change_note=form.cleaned_data["change_note"],
            )
        except ValidationError as exc:
            form.add_error("text", exc)
        else:
            messages.success(
                request,
                _("Version %(version)s of the draft is published.") % {"version": document.version},
            )
            return redirect("participation:activity", municipality.slug, activity.slug)
    context = {
        "municipality": municipality,
        "activity": activity,
        "current": current,
        "form": form,
        "breadcrumbs": [
            *crumbs(municipality, activity),
            {"label": _("Draft"), "url": request.path},
        ],
    }
    return render(request, "participation/activity_draft.html", context)


def activity_questions(
    request: HttpRequest, municipality_slug: str, activity_slug: str
) -> HttpResponse:
    """Staff add the questions of a survey, one at a time."""
    municipality, activity = _managed_activity(request, municipality_slug, activity_slug)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_add(
                activity=activity,
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
                choices=form.choice_list(),
                required=form.cleaned_data["required"],
            )
        except ValidationError as exc:
            form.add_error("choices", exc)
        else:
            messages.success(request, _("The question is added."))
            return redirect("participation:questions", municipality.slug, activity.slug)
    context = {
        "municipality": municipality,
        "activity": activity,
        "questions": selectors.questions(activity=activity),
        "form": form,
        "breadcrumbs": [
            *crumbs(municipality, activity),
            {"label": _("Survey questions"), "url": request.path},
        ],
    }
    return render(request, "participation/activity_questions.html", context)
