"""Valid national identity numbers made up for tests (never real people's)."""

from __future__ import annotations

import datetime

from medvirk.accounts.national_id import InvalidNationalId, parse_national_id


def national_id_for(birth_date: datetime.date, *, d_number: bool = False, start: int = 0) -> str:
    """A valid fødselsnummer (or D-number) for ``birth_date``: the first individual number
    from ``start`` in the range for the birth year's century whose check digits work out."""
    year = birth_date.year
    if 1900 <= year <= 1999:
        ranges = range(0, 500)
    elif 2000 <= year <= 2039:
        ranges = range(500, 1000)
    else:
        ranges = range(500, 750)
    day = birth_date.day + (40 if d_number else 0)
    prefix = f"{day:02d}{birth_date.month:02d}{year % 100:02d}"
    for individual in ranges:
        if individual < start:
            continue
        for k1 in range(10):
            for k2 in range(10):
                candidate = f"{prefix}{individual:03d}{k1}{k2}"
                try:
                    if parse_national_id(candidate).birth_date == birth_date:
                        return candidate
                except InvalidNationalId:
                    continue
    raise ValueError("no valid number")
