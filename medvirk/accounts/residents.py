"""Verified residents: services that verify and revoke, and the selector that reads.

A person becomes a verified resident in one of two ways:

- :func:`resident_verify_from_national_id`: they log in with ID-porten, whose ID token
  carries their national identity number (``pid``). The number gives the date of birth;
  the population register (:mod:`medvirk.accounts.population_register`) gives the
  municipality and district they live in.
- :func:`resident_verify_in_person`: a staff member of the municipality checked an
  identity document face to face. Who, when, which kind of document and which
  municipality are recorded on the verification, and a revocation keeps the row.

The national identity number is never stored: :func:`nin_hash` keeps a keyed hash
(HMAC-SHA256) of it, so that one number verifies one account at a time.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from medvirk.accounts.access import user_is_platform_admin, user_is_staff_of
from medvirk.accounts.models import (
    IdentityDocument,
    ResidentVerification,
    User,
    VerificationMethod,
)
from medvirk.accounts.national_id import InvalidNationalId, parse_national_id
from medvirk.accounts.population_register import population_register
from medvirk.places.models import District, Municipality

logger = logging.getLogger("medvirk.accounts.residents")

_CACHE_ATTRIBUTE = "_medvirk_resident_verification"
_HASH_SALT = "medvirk.accounts.residents.nin_hash"


def nin_hash(number: str) -> str:
    """The keyed hash under which a national identity number is kept (64 hex digits).
    The key is ``IDENTITY_HASH_KEY`` when set, else derived from ``SECRET_KEY``."""
    key = getattr(settings.OIDC, "identity_hash_key", "") or settings.SECRET_KEY
    return salted_hmac(_HASH_SALT, number, secret=key, algorithm="sha256").hexdigest()


def national_id_error(error: InvalidNationalId) -> str:
    """The plain-language message for an invalid national identity number."""
    if error.code == "format":
        return _("A national identity number has 11 digits.")
    if error.code == "checksum":
        return _(
            "This is not a valid national identity number: the last two digits do not "
            "match. Check that every digit is right."
        )
    return _("This is not a valid national identity number: it gives no real date of birth.")


# -- reading ---------------------------------------------------------------------------


def resident_verification_current(user: Any) -> ResidentVerification | None:
    """The person's verification in force, or None (cached on the user object)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if hasattr(user, _CACHE_ATTRIBUTE):
        cached: ResidentVerification | None = getattr(user, _CACHE_ATTRIBUTE)
        return cached
    verification = (
        ResidentVerification.objects.select_related("municipality", "district")
        .filter(user=user, revoked_at__isnull=True)
        .first()
    )
    setattr(user, _CACHE_ATTRIBUTE, verification)
    return verification


def forget_cached_verification(user: Any) -> None:
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def user_for_national_id(number: str) -> User | None:
    """The person whose verification in force was made with this number, if any."""
    verification = (
        ResidentVerification.objects.select_related("user")
        .filter(nin_hash=nin_hash(number), revoked_at__isnull=True)
        .first()
    )
    return verification.user if verification else None


def user_can_verify_residents(user: Any, *, municipality: Municipality) -> bool:
    """Staff of the municipality (coordinators, case officers, moderators, the
    participation team, administrators) and platform administrators. Hub hosts are not
    among them: they see nothing of the municipality's people."""
    return user_is_staff_of(user, municipality=municipality)


def user_can_revoke_verification(user: Any, *, verification: ResidentVerification) -> bool:
    if verification.municipality is None:
        return user_is_platform_admin(user)
    return user_can_verify_residents(user, municipality=verification.municipality)


def verifications_made_in(*, municipality: Municipality, limit: int = 20) -> list[Any]:
    """The latest verifications in the municipality, with who made and revoked them."""
    return list(
        ResidentVerification.objects.select_related("user", "district", "verified_by", "revoked_by")
        .filter(municipality=municipality)
        .order_by("-verified_at")[:limit]
    )


# -- writing ---------------------------------------------------------------------------


def _replace(
    *, user: User, actor: Any, new: ResidentVerification, now: datetime.datetime
) -> ResidentVerification:
    """Revoke the person's verification in force (if any) and save ``new`` instead."""
    User.objects.select_for_update().filter(pk=user.pk).first()  # one change at a time
    ResidentVerification.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=now, revoked_by=actor if getattr(actor, "is_authenticated", False) else None
    )
    try:
        with transaction.atomic():
            new.save()
    except IntegrityError:
        raise ValidationError(
            _("This national identity number is already verified for another account.")
        ) from None
    forget_cached_verification(user)
    return new


def resident_verify_in_person(
    *,
    actor: Any,
    user: User,
    municipality: Municipality,
    district: District | None,
    birth_date: datetime.date,
    document_type: str,
    national_id: str = "",
) -> ResidentVerification:
    """A staff member saw the person's identity document: record them as a resident of
    the municipality (and district), born on ``birth_date``. The national identity number
    from the document is optional; when given it must be valid and match the date of
    birth, and it ties the account to the number (so a later ID-porten login finds it)."""
    if not user_can_verify_residents(actor, municipality=municipality):
        raise PermissionDenied
    if actor.pk == user.pk:
        raise ValidationError(_("Another staff member must verify you."))
    if not user.is_active:
        raise ValidationError(_("This account is deactivated."))
    if district is not None and district.municipality_id != municipality.pk:
        raise ValidationError(_("The district belongs to another municipality."))
    if document_type not in IdentityDocument.values:
        raise ValidationError(_("Choose the kind of identity document you checked."))
    today = timezone.localdate()
    if birth_date > today or birth_date.year < today.year - 130:
        raise ValidationError(_("Give a real date of birth."))
    hashed = ""
    if national_id:
        try:
            parsed = parse_national_id(national_id)
        except InvalidNationalId as error:
            raise ValidationError(national_id_error(error)) from None
        if parsed.birth_date != birth_date:
            raise ValidationError(
                _("The date of birth does not match the national identity number.")
            )
        hashed = nin_hash(parsed.number)
    now = timezone.now()
    new = ResidentVerification(
        user=user,
        method=VerificationMethod.IN_PERSON,
        municipality=municipality,
        district=district,
        birth_date=birth_date,
        nin_hash=hashed,
        document_type=document_type,
        verified_at=now,
        verified_by=actor,
    )
    with transaction.atomic():
        verification = _replace(user=user, actor=actor, new=new, now=now)
    logger.info(
        "Resident verification %s of user %s in municipality %s by staff user %s (%s)",
        verification.pk,
        user.pk,
        municipality.pk,
        actor.pk,
        document_type,
    )
    return verification


def resident_verification_revoke(
    *, actor: Any, verification: ResidentVerification
) -> ResidentVerification:
    """End a verification; the row stays, with who revoked it and when."""
    if not user_can_revoke_verification(actor, verification=verification):
        raise PermissionDenied
    if verification.revoked_at is not None:
        return verification
    verification.revoked_at = timezone.now()
    verification.revoked_by = actor
    verification.save(update_fields=["revoked_at", "revoked_by"])
    forget_cached_verification(verification.user)
    logger.info(
        "Resident verification %s of user %s revoked by user %s",
        verification.pk,
        verification.user_id,
        actor.pk,
    )
    return verification


def _municipality_and_district(
    number: str,
) -> tuple[Municipality | None, District | None]:
    """Ask the population register where the person lives, as medvirk's places."""
    from medvirk.places.selectors import district_find_by_postcode

    residence = population_register().residence(national_id=number)
    if residence is None:
        return None, None
    municipality = Municipality.objects.filter(number=residence.municipality_number).first()
    if municipality is None:
        return None, None
    district = None
    if residence.district_slug:
        district = municipality.districts.filter(slug=residence.district_slug).first()
    elif residence.postcode:
        match = district_find_by_postcode(municipality=municipality, code=residence.postcode)
        district = match.district if match else None
    return municipality, district


def resident_verify_from_national_id(*, user: User, national_id: str) -> ResidentVerification:
    """The person logged in with ID-porten, which vouches for their national identity
    number: verify their date of birth and, as far as the population register knows,
    where they live. An earlier verification is replaced when the register says where the
    person lives; when it does not know, an earlier residence (checked in person) stays.
    Raises :class:`ValidationError` when the number is invalid or verifies another
    account."""
    try:
        parsed = parse_national_id(national_id)
    except InvalidNationalId as error:
        raise ValidationError(national_id_error(error)) from None
    hashed = nin_hash(parsed.number)
    municipality, district = _municipality_and_district(parsed.number)
    now = timezone.now()
    with transaction.atomic():
        current = (
            ResidentVerification.objects.select_for_update()
            .filter(user=user, revoked_at__isnull=True)
            .first()
        )
        keeps_residence = (
            current is not None
            and municipality is None
            and current.birth_date == parsed.birth_date
            and current.nin_hash in ("", hashed)
        )
        if current is not None and keeps_residence:
            if not current.nin_hash:
                current.nin_hash = hashed
                try:
                    with transaction.atomic():
                        current.save(update_fields=["nin_hash"])
                except IntegrityError:
                    raise ValidationError(
                        _("This national identity number is already verified for another account.")
                    ) from None
            forget_cached_verification(user)
            return current
        if (
            current is not None
            and current.method == VerificationMethod.ID_PORTEN
            and current.nin_hash == hashed
            and current.birth_date == parsed.birth_date
            and current.municipality_id == (municipality.pk if municipality else None)
            and current.district_id == (district.pk if district else None)
        ):
            return current  # nothing changed since the last login
        new = ResidentVerification(
            user=user,
            method=VerificationMethod.ID_PORTEN,
            municipality=municipality,
            district=district,
            birth_date=parsed.birth_date,
            nin_hash=hashed,
            verified_at=now,
        )
        return _replace(user=user, actor=None, new=new, now=now)
