"""Pages that close the loop: answering inputs, decisions, the report (web, XLSX, PDF),
"my input and what happened to it", and the private link of an input."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from medvirk.core.forms import form_add_service_errors
from medvirk.core.panels import ACTIVITY_REPORT, export_tables, panels
from medvirk.followup import access, selectors, services
from medvirk.followup.exports import report_xlsx
from medvirk.followup.forms import AnswerForm, DecisionForm, ReportForm
from medvirk.followup.pdf import report_pdf
from medvirk.participation import selectors as participation
from medvirk.participation.exports import response_of
from medvirk.participation.models import Activity
from medvirk.participation.views import crumbs


def _activity(municipality_slug: str, activity_slug: str) -> Activity:
    return participation.activity_at(
        municipality_slug=municipality_slug, activity_slug=activity_slug
    )


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def answer_batch(request: HttpRequest, municipality_slug: str, activity_slug: str) -> HttpResponse:
    """Case officers give a status and a public answer to one input or many at once."""
    activity = _activity(municipality_slug, activity_slug)
    if not access.user_can_answer(request.user, activity=activity):
        raise PermissionDenied
    unanswered = request.GET.get("alle") != "1"
    page = selectors.answer_page(
        activity=activity, page=request.GET.get("side"), unanswered_only=unanswered
    )
    inputs = list(page.object_list)
    form = AnswerForm(request.POST or None, input_ids=[i.pk for i in inputs])
    if request.method == "POST":
        # The ticked inputs may come from another page; the service checks the activity.
        form.fields["inputs"].choices = [  # type: ignore[attr-defined]
            (v, v) for v in request.POST.getlist("inputs") if v.isdigit()
        ]
        if form.is_valid():
            try:
                responses = services.responses_give(
                    actor=request.user,
                    activity=activity,
                    input_ids=form.cleaned_data["inputs"],
                    status=form.cleaned_data["status"],
                    answer=form.cleaned_data["answer"],
                    base_url=_base_url(request),
                )
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("%(count)s inputs have been answered.") % {"count": len(responses)}
                )
                return redirect(request.get_full_path())
    context = {
        "municipality": activity.municipality,
        "activity": activity,
        "page": page,
        "inputs": inputs,
        "form": form,
        "unanswered": unanswered,
        "checked": {int(v) for v in request.POST.getlist("inputs") if v.isdigit()},
        "breadcrumbs": [
            *crumbs(activity.municipality, activity),
            {"label": _("Answer inputs"), "url": request.path},
        ],
    }
    return render(
        request, "followup/answer_batch.html", context, status=400 if form.errors else 200
    )


def report_detail(request: HttpRequest, municipality_slug: str, activity_slug: str) -> HttpResponse:
    """The public "what we heard / what we did" report. Those who answer inputs write and
    publish it here, and record decisions."""
    activity = _activity(municipality_slug, activity_slug)
    report = selectors.report_get(activity=activity)
    published = report is not None and report.is_published
    can_edit = access.user_can_publish_report(request.user, activity=activity)
    if not access.user_can_view_report(request.user, activity=activity, published=published):
        return render(
            request,
            "followup/report_missing.html",
            {
                "municipality": activity.municipality,
                "activity": activity,
                "breadcrumbs": [
                    *crumbs(activity.municipality, activity),
                    {"label": _("Report"), "url": request.path},
                ],
            },
            status=404,
        )
    report_form = decision_form = None
    if can_edit:
        initial = (
            {"what_we_heard": report.what_we_heard, "what_we_did": report.what_we_did}
            if report
            else {}
        )
        is_report_post = request.method == "POST" and "what_we_heard" in request.POST
        is_decision_post = request.method == "POST" and "decided_on" in request.POST
        report_form = ReportForm(request.POST if is_report_post else None, initial=initial)
        decision_form = DecisionForm(request.POST if is_decision_post else None)
        if is_report_post and report_form.is_valid():
            try:
                report = services.report_save(
                    actor=request.user,
                    activity=activity,
                    what_we_heard=report_form.cleaned_data["what_we_heard"],
                    what_we_did=report_form.cleaned_data["what_we_did"],
                    publish=report_form.cleaned_data["publish"],
                    base_url=_base_url(request),
                )
            except ValidationError as exc:
                form_add_service_errors(report_form, exc)
            else:
                messages.success(request, _("The report has been saved."))
                return redirect(request.path)
        if is_decision_post and decision_form.is_valid():
            data = decision_form.cleaned_data
            try:
                services.decision_record(
                    actor=request.user,
                    activity=activity,
                    title=data["title"],
                    text=data["text"],
                    decided_on=data["decided_on"],
                    decided_by=data["decided_by"],
                    reference=data["reference"],
                    input_ids=data["input_numbers"],
                )
            except ValidationError as exc:
                form_add_service_errors(decision_form, exc)
            else:
                messages.success(request, _("The decision has been recorded."))
                return redirect(request.path)
    page = selectors.report_page(activity=activity, page=request.GET.get("side"))
    context = {
        "municipality": activity.municipality,
        "activity": activity,
        "report": report,
        "data": selectors.report_data(activity=activity),
        "page": page,
        "inputs": list(page.object_list),
        "can_edit": can_edit,
        "panels": panels(ACTIVITY_REPORT, request, activity),
        "report_form": report_form,
        "decision_form": decision_form,
        "breadcrumbs": [
            *crumbs(activity.municipality, activity),
            {"label": _("What we heard and what we did"), "url": request.path},
        ],
    }
    has_errors = bool(
        (report_form and report_form.errors) or (decision_form and decision_form.errors)
    )
    return render(
        request, "followup/report_detail.html", context, status=400 if has_errors else 200
    )


def _report_file(
    request: HttpRequest, municipality_slug: str, activity_slug: str, fmt: str
) -> HttpResponse:
    activity = _activity(municipality_slug, activity_slug)
    report = selectors.report_get(activity=activity)
    published = report is not None and report.is_published
    if not access.user_can_view_report(request.user, activity=activity, published=published):
        raise PermissionDenied
    data = selectors.report_data(activity=activity)
    inputs = selectors.report_inputs(activity=activity).iterator()
    filename = f"merknadsbehandling-{activity.slug}"
    extra = export_tables(ACTIVITY_REPORT, activity)
    if fmt == "pdf":
        content = report_pdf(
            activity=activity, report=report, data=data, inputs=inputs, extra=extra
        )
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
        return response
    response = HttpResponse(
        report_xlsx(activity=activity, report=report, data=data, inputs=inputs, extra=extra),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def report_download(
    request: HttpRequest, municipality_slug: str, activity_slug: str, fmt: str
) -> HttpResponse:
    return _report_file(request, municipality_slug, activity_slug, fmt)


@login_required
def my_inputs(request: HttpRequest) -> HttpResponse:
    """A logged-in resident's inputs and what happened to each."""
    inputs = list(selectors.inputs_of_user(user=request.user)[:200])
    context = {
        "inputs": inputs,
        "breadcrumbs": [
            {"label": _("Front page"), "url": reverse("core:home")},
            {"label": _("My input"), "url": request.path},
        ],
    }
    return render(request, "followup/my_inputs.html", context)


def private_input(request: HttpRequest, token: str) -> HttpResponse:
    """The private link of one input: works without an account, for anonymous
    contributors, and shows the input even while it waits for moderation."""
    item = participation.input_get_by_token(token=token)
    activity = item.activity
    report_url = None
    if selectors.report_is_published(activity=activity):
        # Link only to a report that is out: an unpublished one is a dead end (404).
        report_url = (
            reverse("followup:report", args=[activity.municipality.slug, activity.slug])
            + f"?side={selectors.report_page_of(input=item)}#innspill-{item.pk}"
        )
    context = {
        "item": item,
        "activity": activity,
        "municipality": activity.municipality,
        "response": response_of(item),
        "report_url": report_url,
        "breadcrumbs": [
            *crumbs(activity.municipality, activity),
            {"label": _("Your input"), "url": request.path},
        ],
    }
    response = render(request, "followup/private_input.html", context)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response
