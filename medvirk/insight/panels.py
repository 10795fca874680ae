"""The published summary, shown on the activity page and in its report."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from medvirk.core.panels import Panel
from medvirk.insight import access, selectors


def summary_panel(request: HttpRequest, activity: Any) -> Panel | None:
    published = selectors.published_get(activity=activity)
    can_summarise = access.user_can_summarise(request.user, activity=activity)
    if published is None and not can_summarise:
        return None
    return Panel(
        "insight/_summary.html",
        {
            "activity": activity,
            "municipality": activity.municipality,
            "view": selectors.summary_view(summary=published, public=True) if published else None,
            "can_summarise": can_summarise,
        },
    )
