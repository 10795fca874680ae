"""Writes for the accessibility statement's feedback: a resident reports a problem, the
municipality's staff are told through the outbox.

A form sent twice (a double click, a reload after sending) is stored once: the form's
one-time ``submission_key`` is unique, and a second sending gets the first row back.
Anonymous senders are rate-limited per address and per browser session, like the other
open forms.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from medvirk.core import selectors
from medvirk.core.mail import mail_queue_each
from medvirk.core.models import AccessibilityFeedback
from medvirk.core.ratelimit import rate_exceeded
from medvirk.places.models import Municipality, WrittenForm

logger = logging.getLogger(__name__)

# How soon the municipality answers a resident who left an e-mail address (the statement
# promises it; the law says "as soon as possible").
ANSWER_DAYS = 14
MAX_PAGE = 500
MAX_DESCRIPTION = 5000
RATE_WINDOW_SECONDS = 600
RATE_LIMIT_PER_ADDRESS = 10
RATE_LIMIT_PER_SESSION = 5


@dataclass
class FeedbackSubmission:
    """What the resident sent."""

    page: str
    description: str
    email: str
    submission_key: str
    honeypot: str = ""


def _check_rate(*, address: str, session_key: str) -> None:
    counters = (
        (f"core:a11y-feedback:rate:addr:{address}", RATE_LIMIT_PER_ADDRESS),
        (f"core:a11y-feedback:rate:sess:{session_key}", RATE_LIMIT_PER_SESSION),
    )
    if rate_exceeded(counters, window_seconds=RATE_WINDOW_SECONDS):
        raise ValidationError(
            _("You have sent several messages in a short time. Wait a few minutes and try again."),
            code="rate_limited",
        )


def _validate(submission: FeedbackSubmission) -> None:
    errors: dict[str, list[str]] = {}
    if not submission.page.strip():
        errors["page"] = [_("Tell us which page or part of the site the problem is on.")]
    elif len(submission.page.strip()) > MAX_PAGE:
        errors["page"] = [
            _("Make it shorter: at most %(limit_value)s characters.") % {"limit_value": MAX_PAGE}
        ]
    if not submission.description.strip():
        errors["description"] = [_("Describe the problem you met.")]
    elif len(submission.description.strip()) > MAX_DESCRIPTION:
        errors["description"] = [
            _("Make it shorter: at most %(limit_value)s characters.")
            % {"limit_value": MAX_DESCRIPTION}
        ]
    if submission.email.strip():
        try:
            validate_email(submission.email.strip())
        except ValidationError:
            errors["email"] = [
                _("Write a whole e-mail address, like ola@example.no, or leave it empty.")
            ]
    if not submission.submission_key or len(submission.submission_key) > 64:
        errors["__all__"] = [_("The form has expired. Reload the page and send it again.")]
    if errors:
        raise ValidationError(errors)


def _staff_language(municipality: Municipality) -> str:
    """The staff read the message in the municipality's official written form (bokmål
    when it is neutral)."""
    if municipality.written_form in (WrittenForm.BOKMAAL, WrittenForm.NYNORSK):
        return str(municipality.written_form)
    return str(settings.LANGUAGE_CODE)


def _notify_staff(feedback: AccessibilityFeedback, *, base_url: str) -> int:
    municipality = feedback.municipality
    admin_url = base_url + reverse("admin:core_accessibilityfeedback_change", args=[feedback.pk])
    recipients = selectors.accessibility_feedback_recipients(municipality=municipality)
    if not recipients:
        logger.warning(
            "accessibility feedback %s: %s has no administrator or participation team to tell",
            feedback.pk,
            municipality.slug,
        )
        return 0
    with translation.override(_staff_language(municipality)):
        context = {
            "feedback": feedback,
            "municipality": municipality,
            "admin_url": admin_url,
            "answer_days": ANSWER_DAYS,
        }
        subject = _("Accessibility feedback: %(page)s") % {"page": feedback.page[:80]}
        body = render_to_string("core/email/accessibility_feedback.txt", context)
    return len(
        mail_queue_each(municipality=municipality, to=recipients, subject=subject, body=body)
    )


def accessibility_feedback_submit(
    *,
    municipality: Municipality | None,
    submission: FeedbackSubmission,
    address: str = "",
    session_key: str = "",
    base_url: str = "",
) -> AccessibilityFeedback:
    """Store a resident's accessibility feedback for the municipality and tell its
    administrators and participation team by e-mail (sent when the row commits).

    The same form sent again returns the row it made the first time, and nothing is
    stored or sent twice. Refuses a missing municipality, empty or too long text, a bad
    e-mail address, the honeypot and too many messages from one address or session.
    ``base_url`` (scheme and host) makes the link to the back office absolute."""
    if submission.honeypot:
        raise ValidationError(_("Your message could not be received."), code="spam")
    if municipality is None:
        raise ValidationError(
            {"municipality": [_("Choose the municipality the message should go to.")]}
        )
    _validate(submission)
    existing = selectors.accessibility_feedback_by_key(submission_key=submission.submission_key)
    if existing is not None:
        return existing
    _check_rate(address=address, session_key=session_key)
    try:
        with transaction.atomic():
            feedback = AccessibilityFeedback.objects.create(
                municipality=municipality,
                page=submission.page.strip(),
                description=submission.description.strip(),
                email=submission.email.strip(),
                language=translation.get_language() or "",
                submission_key=submission.submission_key,
            )
            _notify_staff(feedback, base_url=base_url)
    except IntegrityError:
        # Sent twice at the same moment: the other request stored it.
        again = selectors.accessibility_feedback_by_key(submission_key=submission.submission_key)
        if again is None:
            raise
        return again
    return feedback
