"""Demo people for Drammen: an administrator, coordinators, a case officer and a
moderator, all sharing one demo password printed by ``medvirk demo``."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from medvirk.accounts.models import Role, User
from medvirk.accounts.services import role_grant
from medvirk.places.models import Municipality

DEMO_PASSWORD = "demo-medvirk-2026"
DEMO_DOMAIN = "medvirk.example"


@functools.cache
def _demo_password_hash() -> str:
    """Password hashing is slow on purpose; the demo hashes its one password once."""
    return make_password(DEMO_PASSWORD)


def demo_person(email: str, full_name: str) -> User:
    """A demo account with the shared demo password (created once, then reused)."""
    user, _created = User.objects.get_or_create(
        email=email,
        defaults={
            "full_name": full_name,
            "password": _demo_password_hash(),
            "email_verified_at": timezone.now(),
        },
    )
    return user


def load_demo(*, log: Callable[[str], None] = print) -> None:
    municipality = Municipality.objects.get(number="3301")
    admin = demo_person(f"admin@{DEMO_DOMAIN}", "Kari Nordmann")
    role_grant(user=admin, role=Role.MUNICIPALITY_ADMIN, municipality=municipality)
    officer = demo_person(f"saksbehandler@{DEMO_DOMAIN}", "Ola Hansen")
    role_grant(user=officer, role=Role.CASE_OFFICER, municipality=municipality)
    moderator = demo_person(f"moderator@{DEMO_DOMAIN}", "Aisha Khan")
    role_grant(user=moderator, role=Role.MODERATOR, municipality=municipality)
    coordinators = [
        ("bragernes", "Ingrid Berg"), ("stromso", "Mohammed Ali"), ("fjell", "Sara Lund"),
        ("konnerud", "Per Olsen"), ("assiden", "Nina Johansen"), ("skoger", "Tor Eriksen"),
        ("svelvik", "Hilde Larsen"), ("mjondalen", "Jonas Nilsen"), ("krokstad", "Marte Dahl"),
        ("solberg", "Ahmed Hassan"),
    ]  # fmt: skip
    for slug, name in coordinators:
        district = municipality.districts.get(slug=slug)
        person = demo_person(f"koordinator.{slug}@{DEMO_DOMAIN}", name)
        role_grant(user=person, role=Role.COORDINATOR, district=district)
    team = demo_person(f"medvirkning@{DEMO_DOMAIN}", "Eva Strand")
    role_grant(user=team, role=Role.PARTICIPATION_TEAM, municipality=municipality)
    host = demo_person(f"vert.konnerud@{DEMO_DOMAIN}", "Knut Aas")
    role_grant(user=host, role=Role.HUB_HOST, district=municipality.districts.get(slug="konnerud"))
    demo_person(f"innbygger@{DEMO_DOMAIN}", "Lise Andersen")
    log(
        f"Demo people: log in as admin@{DEMO_DOMAIN}, saksbehandler@{DEMO_DOMAIN}, "
        f"medvirkning@{DEMO_DOMAIN} (participation team), vert.konnerud@{DEMO_DOMAIN} "
        f"(hub host), koordinator.<district>@{DEMO_DOMAIN} or innbygger@{DEMO_DOMAIN} "
        f"with the password {DEMO_PASSWORD}"
    )
