"""E-mail to contributors who left an address: when their input is answered, and when
the activity's report is published. Written to the outbox in the transaction of the
answer or the report, and sent by the task worker after it commits (see
:mod:`medvirk.core.mail`)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from medvirk.core.mail import mail_queue
from medvirk.participation.models import Activity, Contact, Input


def _absolute(path: str, base_url: str) -> str:
    return f"{base_url.rstrip('/')}{path}"


def _addresses(inputs: Iterable[Input]) -> dict[tuple[str, str], list[Input]]:
    """Inputs by (address, the language the contributor wrote in)."""
    by_address: dict[tuple[str, str], list[Input]] = {}
    ids = [i.pk for i in inputs]
    contacts = (
        Contact.objects.filter(input_id__in=ids)
        .exclude(email="")
        .select_related("input__activity__municipality")
    )
    for contact in contacts:
        key = (contact.email.lower(), contact.language or settings.LANGUAGE_CODE)
        by_address.setdefault(key, []).append(contact.input)
    return by_address


def notify_answered(input_ids: list[int], *, base_url: str = "") -> int:
    """One e-mail per address for the inputs just answered. Returns the number queued."""
    inputs = list(Input.objects.filter(pk__in=input_ids).select_related("activity__municipality"))
    sent = 0
    for (address, language), items in _addresses(inputs).items():
        activity = items[0].activity
        links = "\n".join(
            _absolute(reverse("followup:private_input", args=[i.private_token]), base_url)
            for i in items
        )
        with translation.override(language):
            body = _(
                "Hello,\n\n%(municipality)s has answered your input to “%(activity)s”. "
                "Read the answer here:\n\n%(links)s\n\nThank you for taking part.\n"
            ) % {
                "municipality": activity.municipality.name,
                "activity": activity.title,
                "links": links,
            }
            subject = _("Your input has been answered")
        mail_queue(municipality=activity.municipality, to=address, subject=subject, body=body)
        sent += 1
    return sent


def notify_report_published(activity: Activity, *, base_url: str = "") -> int:
    """Tell every contributor with an address that the report is out. Returns the
    number of e-mails queued."""
    languages: dict[str, str] = {}
    for email, language in (
        Contact.objects.filter(input__activity=activity)
        .exclude(email="")
        .order_by("pk")
        .values_list("email", "language")
    ):
        languages[email.lower()] = language or settings.LANGUAGE_CODE

    url = _absolute(
        reverse("followup:report", args=[activity.municipality.slug, activity.slug]), base_url
    )
    sent = 0
    for address, language in sorted(languages.items()):
        with translation.override(language):
            body = _(
                "Hello,\n\n%(municipality)s has published what it heard and what it did in "
                "“%(activity)s”:\n\n%(url)s\n\nThank you for taking part.\n"
            ) % {"municipality": activity.municipality.name, "activity": activity.title, "url": url}
            subject = _("What we heard and what we did")
        mail_queue(municipality=activity.municipality, to=address, subject=subject, body=body)
        sent += 1
    return sent
