"""What the indicators app holds about a person: imports they started, and experience
entries naming them as the contact (see :mod:`medvirk.core.privacy`)."""

from __future__ import annotations

from typing import Any

from medvirk.core.privacy import Export, email_matches, references, rows, unlink
from medvirk.indicators.models import ExperienceEntry, ImportJob

COVERS = frozenset({"indicators.ImportJob"})


def export(user: Any) -> Export:
    data: Export = {
        "indicators.ImportJob": references(
            user, ImportJob, "created_by", ("filename", "status", "created_at")
        ),
    }
    email = email_matches(user)
    if email:
        data["indicators.ExperienceEntry"] = rows(
            ExperienceEntry.objects.filter(contact_email__iexact=email),
            ("title", "contact_name", "contact_email"),
        )
    return data


def anonymise(user: Any, *, base_url: str = "") -> None:
    """Imports keep no name. An experience entry's contact person is the municipality's
    choice and stays until the municipality changes it."""
    unlink(user, [(ImportJob, "created_by")])
