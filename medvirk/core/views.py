"""The national front page, error pages, a health check, the privacy and accessibility
statements and the accessibility feedback form."""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext as _

from medvirk.core import selectors
from medvirk.core.feedback import ANSWER_DAYS, FeedbackSubmission, accessibility_feedback_submit
from medvirk.core.forms import AccessibilityFeedbackForm, form_add_service_errors
from medvirk.core.http import client_address
from medvirk.places.selectors import municipality_list_all, municipality_list_participating


def home(request: HttpRequest) -> HttpResponse:
    all_municipalities = list(municipality_list_all())
    return render(
        request,
        "core/home.html",
        {
            "participating": municipality_list_participating(),
            "all_municipalities": all_municipalities,
            "all_count": len(all_municipalities),
        },
    )


def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: the app answers and its database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def privacy(request: HttpRequest) -> HttpResponse:
    """The privacy statement (personvernerklæring), with the retention periods this
    installation uses."""
    from medvirk.core.privacy import contact_retention_days, unverified_account_days

    return render(
        request,
        "core/privacy_statement.html",
        {
            "unverified_account_days": unverified_account_days(),
            "contact_retention_days": contact_retention_days(),
        },
    )


# --- error pages ---------------------------------------------------------------------
#
# Each says what happened and what to do next, in the reader's language, with the right
# status. Under /api/ the answer is JSON, as the API's own errors are.

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403: log in, or ask the municipality for access."""
    if _is_api(request):
        return JsonResponse(
            {"detail": _("You do not have permission to perform this action.")}, status=403
        )
    user = getattr(request, "user", None)
    return render(
        request,
        "core/403.html",
        {"logged_in": bool(getattr(user, "is_authenticated", False)), "csrf_failure": False},
        status=403,
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """403 for a form sent without a valid security token (CSRF_FAILURE_VIEW): it expired,
    or the browser blocks cookies. Reload and send again."""
    if _is_api(request):
        return JsonResponse(
            {"detail": _("CSRF check failed. Reload the page and try again.")}, status=403
        )
    user = getattr(request, "user", None)
    return render(
        request,
        "core/403.html",
        {"logged_in": bool(getattr(user, "is_authenticated", False)), "csrf_failure": True},
        status=403,
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404: check the address, or start again from the front page."""
    if _is_api(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return render(request, "core/404.html", {}, status=404)


# When even the template fails: plain HTML in all three languages, nothing else used.
_BARE_500 = (
    '<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>Noe gikk galt – medvirk</title></head><body><main>"
    "<h1>Noe gikk galt</h1><p>Feilen er hos oss. Prøv igjen om litt.</p>"
    '<p lang="nn">Noko gjekk gale. Feilen er hos oss. Prøv igjen om litt.</p>'
    '<p lang="en">Something went wrong on our side. Please try again in a little while.</p>'
    '<p><a href="/">medvirk</a></p></main></body></html>'
)


def server_error(request: HttpRequest) -> HttpResponse:
    """500: the fault is ours; try again later. Rendered without the request's context
    (no database, no session, no context processors), and as bare HTML if even that
    fails."""
    if _is_api(request):
        return JsonResponse(
            {"detail": _("A server error occurred. Please try again later.")}, status=500
        )
    try:
        content = loader.get_template("core/500.html").render({})
    except Exception:
        logger.exception("the 500 page could not be rendered")
        content = _BARE_500
    return HttpResponseServerError(content)


# --- accessibility statement and feedback ----------------------------------------------

# The statement was made, and last reviewed, on these dates; review it at least once a
# year and whenever a known deviation is fixed.
ACCESSIBILITY_STATEMENT_MADE = datetime.date(2026, 12, 7)
ACCESSIBILITY_STATEMENT_REVIEWED = datetime.date(2026, 12, 7)
FEEDBACK_RECEIPT_SESSION_KEY = "accessibility_feedback_receipt"


def _kommune(request: HttpRequest) -> str:
    return str(request.GET.get("kommune", ""))[:100]


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (tilgjengelighetserklæring): what meets WCAG 2.1, what
    does not yet and why, how to give feedback and how to complain."""

    municipality = selectors.municipality_find_for_feedback(slug=_kommune(request))
    return render(
        request,
        "core/accessibility_statement.html",
        {
            "made": ACCESSIBILITY_STATEMENT_MADE,
            "reviewed": ACCESSIBILITY_STATEMENT_REVIEWED,
            "answer_days": ANSWER_DAYS,
            "feedback_municipality": municipality,
        },
    )


def _session_key(request: HttpRequest) -> str:
    if not request.session.session_key:
        request.session.save()
    return request.session.session_key or ""


def accessibility_feedback(request: HttpRequest) -> HttpResponse:
    """A resident reports an accessibility problem to a municipality's staff."""

    known = selectors.municipality_find_for_feedback(slug=_kommune(request))
    form = AccessibilityFeedbackForm(
        request.POST or None,
        municipalities=selectors.municipality_list_for_feedback(),
        initial={"municipality": known} if known else {},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            feedback = accessibility_feedback_submit(
                municipality=data["municipality"],
                submission=FeedbackSubmission(
                    page=data["page"],
                    description=data["description"],
                    email=data["email"],
                    submission_key=data["submission_key"],
                    honeypot=data["website"],
                ),
                address=client_address(request),
                session_key=_session_key(request),
                base_url=request.build_absolute_uri("/").rstrip("/"),
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            request.session[FEEDBACK_RECEIPT_SESSION_KEY] = feedback.pk
            return redirect("core:accessibility-feedback-receipt")
    return render(
        request,
        "core/accessibility_feedback.html",
        {
            "form": form,
            "answer_days": ANSWER_DAYS,
            "breadcrumbs": [
                {"label": _("Front page"), "url": reverse("core:home")},
                {"label": _("Accessibility statement"), "url": reverse("core:accessibility")},
                {"label": _("Report an accessibility problem"), "url": request.path},
            ],
        },
    )


def accessibility_feedback_receipt(request: HttpRequest) -> HttpResponse:
    """The receipt after sending: where the message went and when to expect an answer.
    Shown to the browser that sent it only."""

    pk = request.session.get(FEEDBACK_RECEIPT_SESSION_KEY)
    feedback = selectors.accessibility_feedback_get(pk=int(pk)) if pk else None
    if feedback is None:
        return redirect("core:accessibility-feedback")
    return render(
        request,
        "core/accessibility_feedback_receipt.html",
        {"feedback": feedback, "answer_days": ANSWER_DAYS},
    )
