"""Factories for people and roles."""

from __future__ import annotations

from typing import Any

import factory
from django.utils import timezone

from medvirk.accounts.models import RoleAssignment, User
from medvirk.accounts.services import role_grant

PASSWORD = "et-godt-passord-2026"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@medvirk.example")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    email_verified_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            self.save()


def user_with_role(role: str, **scope: Any) -> User:
    """A new person holding ``role`` for the given municipality or district."""
    user = UserFactory()
    role_grant(user=user, role=role, **scope)
    return user


__all__ = ["PASSWORD", "RoleAssignment", "UserFactory", "user_with_role"]
