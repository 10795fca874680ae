"""The published summary, shown on the activity page and in its report, and as a table
in the report's XLSX and PDF files."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from medvirk.core.panels import ExportTable, Panel
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


def summary_table(activity: Any) -> ExportTable | None:
    """The published themes as a table in the report's XLSX and PDF files."""
    published = selectors.published_get(activity=activity)
    if published is None:
        return None
    view = selectors.summary_view(summary=published, public=True)
    members = selectors.member_ids(summary=published)
    return ExportTable(
        title=_("Themes"),
        header=[_("Theme"), _("Inputs"), _("Share (%)"), _("Quotes"), _("Input numbers")],
        rows=[
            [
                item.theme.label,
                item.size,
                item.percent,
                "\n".join(f"«{getattr(q, 'body', q.text)}» ({q.pk})" for q in item.quotes),
                ", ".join(str(pk) for pk in members.get(item.theme.pk, [])),
            ]
            for item in view.themes
        ],
    )
