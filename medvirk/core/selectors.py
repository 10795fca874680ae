"""Reads of the core app: the accessibility feedback and who receives it."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from medvirk.accounts.models import Role
from medvirk.core.models import AccessibilityFeedback
from medvirk.places.models import Municipality

# Who is told of a resident's accessibility feedback: the people who run the site for
# the municipality.
ACCESSIBILITY_FEEDBACK_ROLES = (Role.MUNICIPALITY_ADMIN, Role.PARTICIPATION_TEAM)


def municipality_list_for_feedback() -> QuerySet[Municipality]:
    """The municipalities a resident may send accessibility feedback to: those that run
    participation here (they have staff to answer)."""
    return Municipality.objects.filter(is_participating=True).order_by("name")


def municipality_find_for_feedback(*, slug: str) -> Municipality | None:
    """The municipality named by ``?kommune=<slug>``, when it takes feedback; else
    ``None`` (a wrong or stale slug simply leaves the choice to the resident)."""
    if not slug:
        return None
    return municipality_list_for_feedback().filter(slug=slug).first()


def accessibility_feedback_recipients(*, municipality: Municipality) -> list[str]:
    """E-mail addresses of the municipality's administrators and participation team
    (active people only, each address once, in a stable order)."""
    addresses = (
        get_user_model()
        ._default_manager.filter(
            is_active=True,
            role_assignments__municipality=municipality,
            role_assignments__role__in=ACCESSIBILITY_FEEDBACK_ROLES,
        )
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )
    return list(addresses)


def accessibility_feedback_get(*, pk: int) -> AccessibilityFeedback | None:
    return AccessibilityFeedback.objects.select_related("municipality").filter(pk=pk).first()


def accessibility_feedback_by_key(*, submission_key: str) -> AccessibilityFeedback | None:
    return (
        AccessibilityFeedback.objects.select_related("municipality")
        .filter(submission_key=submission_key)
        .first()
    )
