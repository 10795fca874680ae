"""May this person take part? One function answers for every activity:
:func:`check_eligibility`.

An activity says who may take part (``rule``): anyone, logged-in people, or verified
residents; verified residents must live in the municipality or in the activity's district
(``residency``), and an activity may set a minimum age (which needs a verified date of
birth). Logging in with e-mail and password counts only once the address is confirmed;
a login through ID-porten counts at once.

When the answer is no, :class:`Eligibility` says why in plain language, and ``remedy``
says what the person can do about it, so the page can show the way instead of refusing
silently: ``login``, ``verify_email`` (confirm the address at ``accounts:verify-email``),
``verify_identity`` (log in with ID-porten, or show identification at a hub or the
service centre) or nothing (the person cannot become eligible).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from medvirk.accounts.national_id import age_on
from medvirk.accounts.residents import resident_verification_current
from medvirk.places.models import District, Municipality

# The rules and residencies, as stored on activities (``participation.ParticipationRule``
# and ``participation.Residency`` use the same values).
ANYONE = "anyone"
LOGGED_IN = "logged_in"
VERIFIED = "verified"
RESIDENCY_DISTRICT = "district"
RESIDENCY_MUNICIPALITY = "municipality"

# What the person can do to become eligible.
REMEDY_LOGIN = "login"
REMEDY_VERIFY_EMAIL = "verify_email"
REMEDY_VERIFY_IDENTITY = "verify_identity"


@dataclass(frozen=True)
class Eligibility:
    """Yes or no; when no, the reason to show and what the person can do about it."""

    allowed: bool
    reason: str = ""
    remedy: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Eligibility(True)


def has_confirmed_login(user: Any) -> bool:
    """Logged in through the identity provider, or with an e-mail address proven to be
    the person's (a link sent there was opened, or the provider said it is verified)."""
    return bool(user.oidc_subject) or user.email_verified_at is not None


def check_eligibility(
    user: Any,
    *,
    rule: str,
    municipality: Municipality,
    district: District | None = None,
    minimum_age: int | None = None,
    residency: str = RESIDENCY_DISTRICT,
    today: datetime.date | None = None,
) -> Eligibility:
    """May ``user`` take part in an activity of ``municipality`` (and ``district``) that
    lets ``rule`` take part, living per ``residency``, from ``minimum_age``?

    - Anyone, without a minimum age: yes, logged in or not.
    - Otherwise the person must be logged in, and an e-mail-and-password account must
      have a confirmed address.
    - Verified residents, or a minimum age: the person must be verified (ID-porten, or
      identification checked in person).
    - Verified residents: registered in the municipality, and with ``residency`` district,
      in the district (an activity for the whole municipality has no district to check).
    - A minimum age: at least that many whole years old ``today``; one is old enough on
      the birthday itself.
    """
    if rule == ANYONE and minimum_age is None:
        return ALLOWED
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        if rule == LOGGED_IN and minimum_age is None:
            return Eligibility(False, _("Log in to take part in this activity."), REMEDY_LOGIN)
        return Eligibility(
            False,
            _("Only verified residents can take part in this activity. Log in first."),
            REMEDY_LOGIN,
        )
    if not has_confirmed_login(user):
        return Eligibility(
            False,
            _("Confirm your e-mail address before you take part: open the link we sent you."),
            REMEDY_VERIFY_EMAIL,
        )
    if rule != VERIFIED and minimum_age is None:
        return ALLOWED
    verification = resident_verification_current(user)
    if verification is None:
        return Eligibility(
            False,
            _(
                "Only verified residents can take part in this activity, and you are not "
                "verified yet."
            ),
            REMEDY_VERIFY_IDENTITY,
        )
    if rule == VERIFIED:
        if verification.municipality_id is None:
            return Eligibility(
                False,
                _(
                    "Your date of birth is verified, but not where you live. Only verified "
                    "residents of %(municipality)s can take part."
                )
                % {"municipality": municipality.name},
                REMEDY_VERIFY_IDENTITY,
            )
        if verification.municipality_id != municipality.pk:
            return Eligibility(
                False,
                _(
                    "Only residents of %(municipality)s can take part, and you are verified "
                    "as living in another municipality."
                )
                % {"municipality": municipality.name},
            )
        if (
            residency == RESIDENCY_DISTRICT
            and district is not None
            and verification.district_id != district.pk
        ):
            return Eligibility(
                False,
                _(
                    "Only residents of %(district)s can take part, and you are verified as "
                    "living in another part of %(municipality)s."
                )
                % {"district": district.name, "municipality": municipality.name},
            )
    if minimum_age is not None:
        day = today or timezone.localdate()
        if age_on(verification.birth_date, day) < minimum_age:
            return Eligibility(
                False,
                _("You must be at least %(age)d years old to take part in this activity.")
                % {"age": minimum_age},
            )
    return ALLOWED
