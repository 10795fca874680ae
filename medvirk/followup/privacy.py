"""What the follow-up app holds about a person: the answers to their inputs, and, for
staff, the answers and reports they gave (see :mod:`medvirk.core.privacy`)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from medvirk.core.privacy import Export, email_matches, references, rows, unlink
from medvirk.followup.models import Report, Response

COVERS = frozenset({"followup.Response", "followup.Report"})


def export(user: Any) -> Export:
    mine = Q(input__author=user)
    email = email_matches(user)
    if email:
        mine |= Q(input__contact__email__iexact=email)
    return {
        "followup.Response": rows(
            Response.objects.filter(mine).select_related("input").distinct(),
            ("input", "status", "answer", "answered_at"),
        ),
        # Staff work: when, not to whom.
        "followup.Response/answered_by": references(
            user, Response, "answered_by", ("status", "answered_at")
        ),
        "followup.Report": references(user, Report, "published_by", ("activity", "published_at")),
    }


def anonymise(user: Any, *, base_url: str = "") -> None:
    """The answers to the person's inputs stay as they are (the inputs stay too); staff
    answers and reports keep no name."""
    unlink(user, [(Response, "answered_by"), (Report, "published_by")])
