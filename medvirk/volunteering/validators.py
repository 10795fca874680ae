"""Validators of the volunteering app."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ORGANISATION_NUMBER_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def organisation_number_is_valid(value: str) -> bool:
    """A Norwegian organisation number: nine digits whose last is the MOD11 check digit
    of the first eight with weights 3, 2, 7, 6, 5, 4, 3, 2 (Brønnøysundregistrene)."""
    if len(value) != 9 or not value.isascii() or not value.isdigit():
        return False
    weights = ORGANISATION_NUMBER_WEIGHTS
    total = sum(int(digit) * weight for digit, weight in zip(value[:8], weights, strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    if check == 10:
        return False
    return check == int(value[8])


def normalise_organisation_number(value: str) -> str:
    """Strip the spaces people type between groups of digits ("914 778 271")."""
    return "".join(value.split())


def validate_organisation_number(value: str) -> None:
    if not organisation_number_is_valid(normalise_organisation_number(value)):
        raise ValidationError(
            _(
                "This is not a valid organisation number: it must have nine digits, and the "
                "last digit must match the others. Check the number in the Brønnøysund "
                "registers."
            ),
            code="invalid_organisation_number",
        )
