"""Writes about people and roles."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from medvirk.accounts.access import forget_cached_roles
from medvirk.accounts.models import Role, RoleAssignment, User, validate_role_scope
from medvirk.places.models import District, Municipality


def user_register(
    *, email: str, password: str, full_name: str = "", preferred_language: str = ""
) -> User:
    """Create a resident's account. The e-mail address is stored in lower case and must be
    unused; a race between two registrations of one address leaves exactly one account."""
    email = User.objects.normalize_email(email).strip().lower()
    if User.objects.filter(email=email).exists():
        raise ValidationError({"email": _("An account with this e-mail address already exists.")})
    try:
        with transaction.atomic():
            return User.objects.create_user(
                email=email,
                password=password,
                full_name=full_name.strip(),
                preferred_language=preferred_language,
            )
    except IntegrityError as exc:
        raise ValidationError(
            {"email": _("An account with this e-mail address already exists.")}
        ) from exc


def role_grant(
    *,
    user: User,
    role: str,
    municipality: Municipality | None = None,
    district: District | None = None,
    granted_by: User | None = None,
) -> RoleAssignment:
    """Give a person a role. District roles need a district; platform administration needs
    neither; every other role needs a municipality. Granting twice is harmless."""
    validate_role_scope(role, municipality, district)
    if district is not None:
        municipality = district.municipality
    with transaction.atomic():
        assignment, _created = RoleAssignment.objects.select_for_update().get_or_create(
            user=user,
            role=role,
            municipality=municipality,
            district=district,
            defaults={"granted_by": granted_by},
        )
        if role in {Role.MUNICIPALITY_ADMIN, Role.PLATFORM_ADMIN} and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    forget_cached_roles(user)
    return assignment


def role_revoke(*, assignment: RoleAssignment) -> None:
    user = assignment.user
    with transaction.atomic():
        assignment.delete()
        still_admin = RoleAssignment.objects.filter(
            user=user, role__in=[Role.MUNICIPALITY_ADMIN, Role.PLATFORM_ADMIN]
        ).exists()
        if user.is_staff and not still_admin and not user.is_superuser:
            user.is_staff = False
            user.save(update_fields=["is_staff"])
    forget_cached_roles(user)
