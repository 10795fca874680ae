"""Reads about people: what a person's own page links to, and the districts they may
choose as theirs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from medvirk.accounts.access import STAFF_ROLES, user_can_enter_back_office
from medvirk.places.models import District, Municipality


@dataclass(frozen=True)
class MyPage:
    """A link on "My page"."""

    label: str
    url: str
    description: str = ""


def districts_to_choose() -> list[District]:
    """Every district of the installation, by municipality and name."""
    return list(
        District.objects.select_related("municipality").order_by("municipality__name", "name")
    )


def my_pages_of(user: Any) -> list[MyPage]:
    """The person's own pages, in the order a resident looks for them: input, bookings
    and volunteering (one link per municipality where they have any), their data, API
    keys, and the back office for administrators."""
    pages = [
        MyPage(
            _("My input"),
            reverse("followup:my_inputs"),
            _("What you have said, and what happened to it."),
        )
    ]
    booked = Municipality.objects.filter(
        districts__hubs__rooms__bookings__booked_by=user
    ).distinct()
    for municipality in booked.order_by("name"):
        pages.append(
            MyPage(
                _("My bookings in %(municipality)s") % {"municipality": municipality.name},
                reverse("bookings:mine", args=[municipality.slug]),
            )
        )
    volunteering = Municipality.objects.filter(volunteers__user=user).distinct()
    for municipality in volunteering.order_by("name"):
        pages.append(
            MyPage(
                _("My volunteering in %(municipality)s") % {"municipality": municipality.name},
                reverse("volunteering:me", args=[municipality.slug]),
            )
        )
    pages.append(
        MyPage(
            _("My data"),
            reverse("accounts:my-data"),
            _("Everything we hold about you, to read or download."),
        )
    )
    pages.append(
        MyPage(
            _("API keys"),
            reverse("api:tokens"),
            _("Keys that let your own programs read and write through the open API."),
        )
    )
    staff_of = Municipality.objects.filter(
        role_assignments__user=user, role_assignments__role__in=sorted(STAFF_ROLES)
    ).distinct()
    for municipality in staff_of.order_by("name"):
        pages.append(
            MyPage(
                _("Verify a resident in person in %(municipality)s")
                % {"municipality": municipality.name},
                reverse("accounts:resident-verify", args=[municipality.slug]),
                _("For staff: after checking photo ID, at a hub or the service centre."),
            )
        )
    if user_can_enter_back_office(user):
        pages.append(MyPage(_("Back office"), reverse("admin:index")))
    return pages
