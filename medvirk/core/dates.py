"""Dates written the way each language writes them: ONE helper for pages, mails and
services.

The formats are named (``DATE_FORMAT``, ``WEEKDAY_DATE_FORMAT``, ``ABBR_DATE_FORMAT`` …)
and live per language in ``config/formats/<lang>/formats.py`` (FORMAT_MODULE_PATH), so
English reads "Tuesday 8 December 2026" / "8 Dec" and Bokmål "tirsdag 8. desember 2026"
/ "8. des.". Norwegian writes month and day names in lower case; Django's catalogue
capitalises some of them ("Tirsdag"), so the helper lowers the text in nb and nn. A
sentence that starts with a date capitalises it in the template (``|capfirst``)."""

from __future__ import annotations

import datetime

from django.utils import formats, timezone, translation

LOWER_CASE_LANGUAGES = frozenset({"nb", "nn", "no"})

NAMED_FORMATS = frozenset(
    {
        "DATE_FORMAT",
        "DATETIME_FORMAT",
        "TIME_FORMAT",
        "YEAR_MONTH_FORMAT",
        "MONTH_DAY_FORMAT",
        "SHORT_DATE_FORMAT",
        "SHORT_DATETIME_FORMAT",
        "WEEKDAY_DATE_FORMAT",
        "WEEKDAY_DATETIME_FORMAT",
        "WEEKDAY_MONTH_DAY_FORMAT",
        "ABBR_MONTH_DAY_FORMAT",
        "ABBR_DATE_FORMAT",
        "ABBR_DATETIME_FORMAT",
        "ABBR_WEEKDAY_DAY_MONTH_FORMAT",
        "ABBR_WEEKDAY_FORMAT",
        "DAY_FORMAT",
    }
)


def format_date(value: datetime.date | datetime.datetime | None, name: str = "DATE_FORMAT") -> str:
    """``value`` in the active language's format called ``name`` ("" for no date).

    Aware datetimes are shown in the site's time zone."""
    if name not in NAMED_FORMATS:
        raise ValueError(f"unknown date format name: {name}")
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    text = formats.date_format(value, name)
    language = (translation.get_language() or "").split("-")[0].lower()
    return text.lower() if language in LOWER_CASE_LANGUAGES else text
