"""Factories for volunteering."""

from __future__ import annotations

from typing import Any, cast

from django.utils import timezone

from medvirk.accounts.models import User
from medvirk.accounts.tests.factories import UserFactory
from medvirk.places.models import District
from medvirk.volunteering.models import Volunteer, WorkingGroup


def make_user(**kwargs: Any) -> User:
    return cast(User, UserFactory(**kwargs))


def make_volunteer(district: District, **kwargs: Any) -> Volunteer:
    values: dict[str, Any] = {
        "display_name": "Frivillig",
        "interests": ["food_and_community"],
        "skills": ["cooking"],
        "languages": ["no"],
        "available_days": [1, 3],
        "available_times": ["evening"],
        "consent_at": timezone.now(),
    }
    values.update(kwargs)
    user = values.pop("user", None) or make_user()
    return Volunteer.objects.create(
        user=user, municipality=district.municipality, district=district, **values
    )


def make_group(district: District, **kwargs: Any) -> WorkingGroup:
    values: dict[str, Any] = {
        "name": "Mat og fellesskap",
        "slug": f"mat-{WorkingGroup.objects.count() + 1}",
        "theme": "food_and_community",
        "description": "Vi lager mat sammen.",
        "volunteers_needed": 3,
        "meeting_days": [3],
        "meeting_times": ["evening"],
    }
    values.update(kwargs)
    return WorkingGroup.objects.create(
        municipality=district.municipality, district=district, **values
    )
