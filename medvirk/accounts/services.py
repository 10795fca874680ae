"""Writes about people and roles."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from medvirk.accounts.access import forget_cached_roles
from medvirk.accounts.models import Role, RoleAssignment, User, validate_role_scope
from medvirk.core.mail import mail_queue
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


# ---------------------------------------------------------------------------------------
# E-mail verification and the profile

#: How long a link to confirm an e-mail address works.
EMAIL_VERIFICATION_MAX_AGE = timedelta(days=3)
_VERIFY_SALT = "medvirk.accounts.verify-email"


def email_verification_token(*, user: User) -> str:
    """A signed, dated token naming the person and the address to confirm: it stops
    working when the address changes, and after :data:`EMAIL_VERIFICATION_MAX_AGE`."""
    return signing.TimestampSigner(salt=_VERIFY_SALT).sign_object(
        {"user": user.pk, "email": user.email}
    )


def user_send_email_verification(*, user: User, confirm_url: Callable[[str], str]) -> bool:
    """Queue a message with a link that confirms the person's address. ``confirm_url``
    turns a token into the absolute link. False (nothing sent) when the address is
    confirmed already or is an identity provider's placeholder."""
    if user.email_verified_at is not None or user.email.endswith("@oidc.invalid"):
        return False
    url = confirm_url(email_verification_token(user=user))
    with translation.override(user.preferred_language or translation.get_language()):
        context = {"user": user, "url": url, "days": EMAIL_VERIFICATION_MAX_AGE.days}
        mail_queue(
            municipality=user.district.municipality if user.district else None,
            to=user.email,
            subject=_("Confirm your e-mail address"),
            body=render_to_string("accounts/email/verify_email.txt", context),
        )
    return True


def user_verify_email(*, token: str) -> User:
    """Confirm the address named by a token from :func:`email_verification_token`.
    Raises ValidationError with a message for the person when the link is broken, has
    expired, or names an address the account no longer has. Confirming twice is harmless."""
    try:
        data = signing.TimestampSigner(salt=_VERIFY_SALT).unsign_object(
            token, max_age=EMAIL_VERIFICATION_MAX_AGE
        )
    except signing.SignatureExpired as exc:
        raise ValidationError(
            _("The link has expired. Log in and ask for a new one on your page.")
        ) from exc
    except signing.BadSignature as exc:
        raise ValidationError(
            _("The link is not valid. Copy the whole link from the e-mail, or ask for a new one.")
        ) from exc
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=data.get("user")).first()
        if user is None or user.email != data.get("email"):
            raise ValidationError(
                _("This link was for an address the account no longer has. Ask for a new one.")
            )
        if user.email_verified_at is None:
            user.email_verified_at = timezone.now()
            user.save(update_fields=["email_verified_at"])
    return user


def user_update_profile(
    *,
    user: User,
    full_name: str,
    email: str,
    preferred_language: str,
    district: District | None,
) -> bool:
    """Save the person's own details. A new e-mail address must be unused and is not
    confirmed until its link is opened; returns True when the address changed (the caller
    sends the new link). Safe against two accounts racing for one address."""
    email = User.objects.normalize_email(email).strip().lower()
    changed = email != user.email
    if changed and User.objects.filter(email=email).exclude(pk=user.pk).exists():
        raise ValidationError({"email": _("An account with this e-mail address already exists.")})
    if preferred_language and preferred_language not in {c for c, _n in settings.LANGUAGES}:
        raise ValidationError({"preferred_language": _("Choose one of the languages offered.")})
    user.full_name = full_name.strip()
    user.preferred_language = preferred_language
    user.district = district
    fields = ["full_name", "preferred_language", "district"]
    if changed:
        user.email = email
        user.email_verified_at = None
        fields += ["email", "email_verified_at"]
    try:
        with transaction.atomic():
            user.save(update_fields=fields)
    except IntegrityError as exc:
        raise ValidationError(
            {"email": _("An account with this e-mail address already exists.")}
        ) from exc
    return changed


# ---------------------------------------------------------------------------------------
# Privacy: deleting an account


def account_delete(*, user: User, base_url: str = "") -> None:
    """Delete the person's account, in one transaction: every app anonymises what it
    holds (see :mod:`medvirk.core.privacy`: contributions stay with their answers but
    without the person, future bookings and registrations are cancelled, profiles and
    sign-ups removed), roles go, every session of the account ends, and the account row
    is deleted. An error anywhere leaves everything as it was. Raises ValidationError
    when records the municipality must keep, or back-office access, stand in the way."""
    from medvirk.core.privacy import anonymise_all, deletion_blockers

    blockers = deletion_blockers(user)
    if blockers:
        raise ValidationError(
            _(
                "Your account cannot be deleted here, because of: %(reasons)s. "
                "Ask the municipality to close it."
            )
            % {"reasons": ", ".join(blockers)}
        )
    with transaction.atomic():
        anonymise_all(user, base_url=base_url)
        user.delete()
    forget_cached_roles(user)
