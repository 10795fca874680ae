"""Norwegian national identity numbers (fødselsnummer and D-nummer): check and read.

Pure Python, no Django. An 11-digit number is ``DDMMYY III K1 K2``:

- ``DDMMYY`` is the date of birth. A D-number (given to people without a fødselsnummer)
  adds 4 to the first digit of the day. Help numbers (H-numbers) add 4 to the first digit
  of the month, and the synthetic test numbers of Skatteetaten's Tenor test register (the
  numbers ID-porten's test users have) add 8 to it.
- ``III``, the individual number, also tells the century: 000–499 were born 1900–1999;
  500–749 with year 54–99 were born 1854–1899; 500–999 with year 00–39 were born
  2000–2039; 900–999 with year 40–99 were born 1940–1999.
- ``K1`` and ``K2`` are mod-11 check digits over the digits before them.

A number is never stored in clear by medvirk; see ``medvirk.accounts.residents``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

_K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


class NumberKind(StrEnum):
    BIRTH = "birth"  # fødselsnummer
    D_NUMBER = "d_number"
    H_NUMBER = "h_number"
    SYNTHETIC = "synthetic"  # Tenor test numbers


class InvalidNationalId(ValueError):
    """The value is not a valid national identity number; ``code`` says why:
    ``format`` (not 11 digits), ``checksum`` (a check digit is wrong) or ``date`` (the
    digits give no real date of birth)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class NationalId:
    number: str
    birth_date: datetime.date
    kind: NumberKind

    def __repr__(self) -> str:  # never print the number itself
        return f"NationalId(kind={self.kind.value!r})"


def _check_digit(digits: list[int], weights: tuple[int, ...]) -> int | None:
    remainder = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
    check = (11 - remainder) % 11
    return None if check == 10 else check


def _century(year: int, individual: int) -> int | None:
    if individual <= 499:
        return 1900
    if individual <= 749 and year >= 54:
        return 1800
    if year <= 39:
        return 2000
    if individual >= 900:
        return 1900
    return None


def normalise(value: str) -> str:
    """The digits of ``value`` with spaces (and a dot or hyphen people type) removed."""
    return "".join(char for char in value if char not in " .-\u00a0")


def parse_national_id(value: str) -> NationalId:
    """Check ``value`` and read the date of birth; raise :class:`InvalidNationalId`."""
    number = normalise(value)
    if len(number) != 11 or not number.isascii() or not number.isdigit():
        raise InvalidNationalId("format")
    digits = [int(char) for char in number]
    if _check_digit(digits[:9], _K1_WEIGHTS) != digits[9]:
        raise InvalidNationalId("checksum")
    if _check_digit(digits[:10], _K2_WEIGHTS) != digits[10]:
        raise InvalidNationalId("checksum")
    day, month, year = int(number[0:2]), int(number[2:4]), int(number[4:6])
    kind = NumberKind.BIRTH
    if day > 40:
        day -= 40
        kind = NumberKind.D_NUMBER
    if month > 80:
        month -= 80
        kind = NumberKind.SYNTHETIC
    elif month > 40:
        month -= 40
        kind = NumberKind.H_NUMBER
    century = _century(year, int(number[6:9]))
    if century is None:
        raise InvalidNationalId("date")
    try:
        birth_date = datetime.date(century + year, month, day)
    except ValueError:
        raise InvalidNationalId("date") from None
    return NationalId(number=number, birth_date=birth_date, kind=kind)


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    """Whole years from ``birth_date`` to ``day``; one is a year older on the birthday
    (and someone born on 29 February turns a year older on 1 March in other years)."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years
