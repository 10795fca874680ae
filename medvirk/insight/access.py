"""Who may analyse, review and publish summaries. Built on ``medvirk.followup.access``:
the staff who answer inputs and write the report also summarise them."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from medvirk.followup.access import user_can_publish_report
from medvirk.participation.models import Activity, PhaseKind

# An analysis reads the input period's result: it can start once the period is over.
ANALYSIS_PHASES = frozenset({PhaseKind.SUMMARISING, PhaseKind.REPORTING, PhaseKind.CLOSED})


def user_can_summarise(user: Any, *, activity: Activity) -> bool:
    """Case officers and administrators of the activity's municipality."""
    return user_can_publish_report(user, activity=activity)


def activity_can_be_analysed(activity: Activity) -> bool:
    return activity.phase_on(timezone.localdate()) in ANALYSIS_PHASES
