"""What the participation app holds about a person: their inputs with answers and contact
details, supports, votes and flags, and staff actions (see :mod:`medvirk.core.privacy`)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q

from medvirk.core.privacy import Export, contact_retention_days, email_matches, references, rows
from medvirk.participation.models import (
    Activity,
    Answer,
    Contact,
    Flag,
    Input,
    ModerationAction,
    Support,
    Vote,
)
from medvirk.participation.services import contacts_remove_finished, contributions_anonymise

COVERS = frozenset(
    {
        "participation.Activity",
        "participation.Input",
        "participation.Support",
        "participation.Vote",
        "participation.Flag",
        "participation.ModerationAction",
    }
)

INPUT_FIELDS = (
    "activity",
    "kind",
    "title",
    "text",
    "section",
    "district",
    "latitude",
    "longitude",
    "line",
    "photo",
    "channel",
    "visibility",
    "hidden_reason",
    "created_at",
)


def _own_inputs(user: Any) -> Any:
    """The person's inputs: written under the account, or given without an account
    under the account's verified address."""
    condition = Q(author=user)
    email = email_matches(user)
    if email:
        condition |= Q(contact__email__iexact=email)
    return Input.objects.filter(condition).distinct()


def export(user: Any) -> Export:
    inputs = _own_inputs(user).select_related("activity", "section", "district")
    return {
        "participation.Input": rows(inputs, INPUT_FIELDS),
        "participation.Answer": rows(
            Answer.objects.filter(input__in=inputs.values("pk")).select_related(
                "input", "question"
            ),
            ("input", "question", "text", "choices", "number"),
        ),
        "participation.Contact": rows(
            Contact.objects.filter(input__in=inputs.values("pk")).select_related("input"),
            ("input", "name", "email", "phone", "consent", "language"),
        ),
        "participation.Support": rows(
            Support.objects.filter(user=user).select_related("input"), ("input", "created_at")
        ),
        "participation.Vote": rows(
            Vote.objects.filter(user=user).select_related("statement__input"),
            ("statement", "choice", "created_at"),
        ),
        "participation.Flag": rows(
            Flag.objects.filter(user=user).select_related("input"),
            ("input", "reason", "created_at"),
        ),
        # Staff work: what, not whose input it was.
        "participation.Activity": references(user, Activity, "created_by", ("title", "created_at")),
        "participation.ModerationAction": references(
            user, ModerationAction, "actor", ("action", "reason", "created_at")
        ),
    }


def anonymise(user: Any, *, base_url: str = "") -> None:
    contributions_anonymise(user=user, email=email_matches(user))


def retention(*, now: datetime.datetime) -> int:
    closed_before = (now - datetime.timedelta(days=contact_retention_days())).date()
    return contacts_remove_finished(closed_before=closed_before)
