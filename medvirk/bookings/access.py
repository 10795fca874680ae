"""Who may do what with rooms and bookings. Built on ``medvirk.accounts.access``.

A hub's hosts are the hub hosts of its district, the district's coordinators, the
municipality's case officers and administrators, and platform administrators.
"""

from __future__ import annotations

from typing import Any

from medvirk.accounts.access import user_can_edit_hub, user_has_role
from medvirk.accounts.models import Role
from medvirk.bookings.models import Booking
from medvirk.places.models import Hub, Room

HUB_HOST_MUNICIPALITY_ROLES = frozenset({Role.CASE_OFFICER, Role.MUNICIPALITY_ADMIN})


def _is_person(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def user_can_host_hub(user: Any, *, hub: Hub) -> bool:
    """Hosts manage a hub's rooms and approve or decline its bookings."""
    if not _is_person(user):
        return False
    return user_can_edit_hub(user, hub=hub) or user_has_role(
        user, roles=HUB_HOST_MUNICIPALITY_ROLES, municipality=hub.district.municipality
    )


def user_can_book_room(user: Any, *, room: Room) -> bool:
    """Any person with an account may ask for a bookable room."""
    return _is_person(user) and room.is_bookable


def user_can_see_booking(user: Any, *, booking: Booking) -> bool:
    """The person who booked, managers of the booking association, and the hub's hosts."""
    if not _is_person(user):
        return False
    if booking.booked_by_id == user.pk:
        return True
    if (
        booking.organisation_id is not None
        and booking.organisation is not None
        and (booking.organisation.managers.filter(pk=user.pk).exists())
    ):
        return True
    return user_can_host_hub(user, hub=booking.room.hub)


def user_can_cancel_booking(user: Any, *, booking: Booking) -> bool:
    return user_can_see_booking(user, booking=booking)
