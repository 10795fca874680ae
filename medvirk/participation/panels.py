"""Sections this app adds to the district and municipality pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from medvirk.core.panels import Panel
from medvirk.participation import access, selectors


def district_panel(request: HttpRequest, district: Any) -> Panel | None:
    """The open activities of the district and of the whole municipality."""
    activities = list(
        selectors.activity_list(
            municipality=district.municipality, district=district, open_on=timezone.localdate()
        )[:6]
    )
    return Panel(
        "participation/_panel_activities.html",
        {"activities": activities, "municipality": district.municipality, "district": district},
    )


def municipality_panel(request: HttpRequest, municipality: Any) -> Panel | None:
    activities = list(
        selectors.activity_list(municipality=municipality, open_on=timezone.localdate())[:6]
    )
    return Panel(
        "participation/_panel_activities.html",
        {
            "activities": activities,
            "municipality": municipality,
            "district": None,
            "is_staff": access.user_can_start_activity(request.user, municipality=municipality),
            "can_moderate": access.user_can_moderate(request.user, municipality=municipality),
        },
    )
