"""The local committee's section on the district page, and the link to the central
overview on the municipality page (for those who may see it)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from medvirk.core.panels import Panel
from medvirk.localdemocracy import selectors
from medvirk.localdemocracy.access import user_can_see_central_overview
from medvirk.places.models import District, Municipality


def committee_panel(request: HttpRequest, district: District) -> Panel | None:
    committee = selectors.committee_current(district=district)
    if committee is None:
        return None
    context: dict[str, Any] = {
        "municipality": district.municipality,
        "district": district,
        "committee": committee,
        "members": list(selectors.membership_list(committee=committee, public_only=True)),
        "coordinator": selectors.coordinator_for(district=district),
        "meetings": selectors.meeting_list_upcoming(district=district, limit=3),
        "minutes": selectors.minutes_recent(district=district),
        "referrals": list(selectors.referral_list(district=district, open_only=True)[:5]),
    }
    return Panel("localdemocracy/_district_panel.html", context)


def overview_link_panel(request: HttpRequest, municipality: Municipality) -> Panel | None:
    if not user_can_see_central_overview(request.user, municipality=municipality):
        return None
    return Panel("localdemocracy/_municipality_panel.html", {"municipality": municipality})
