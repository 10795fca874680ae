"""What the insight app holds about a person: staff work on analyses and summaries (see
:mod:`medvirk.core.privacy`)."""

from __future__ import annotations

from typing import Any

from medvirk.core.privacy import Export, references, unlink
from medvirk.insight.models import Analysis, Summary, SummaryEvent

COVERS = frozenset({"insight.Analysis", "insight.Summary", "insight.SummaryEvent"})


def export(user: Any) -> Export:
    return {
        "insight.Analysis": references(
            user, Analysis, "requested_by", ("activity", "status", "created_at")
        ),
        "insight.Summary": references(
            user, Summary, "published_by", ("activity", "status", "published_at")
        ),
        "insight.SummaryEvent": references(
            user, SummaryEvent, "actor", ("kind", "detail", "created_at")
        ),
    }


def anonymise(user: Any, *, base_url: str = "") -> None:
    unlink(
        user,
        [(Analysis, "requested_by"), (Summary, "published_by"), (SummaryEvent, "actor")],
    )
