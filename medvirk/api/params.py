"""Reading numbers, dates and yes/no values from API query parameters.

Every helper answers bad input with a DRF ValidationError (status 400) that names the
parameter and says, in the person's language, what is expected; none lets a value through
that the database or the date arithmetic cannot hold.
"""

from __future__ import annotations

import math
import re
from datetime import date

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

_INTEGER = re.compile(r"^[+-]?[0-9]{1,18}$")
_NUMBER = re.compile(r"^[+-]?([0-9]{1,12})(\.[0-9]{1,15})?$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# Dates far outside these years are typing mistakes, and near date.max they overflow.
MIN_YEAR = 1900
MAX_YEAR = 2200

TRUE_VALUES = frozenset({"1", "true"})
FALSE_VALUES = frozenset({"0", "false"})


def _fail(name: str, message: str) -> ValidationError:
    return ValidationError({name: [message]})


def parse_int(
    raw: str,
    *,
    name: str,
    minimum: int | None = None,
    maximum: int | None = None,
    message: str | None = None,
) -> int:
    """A whole number written in ASCII digits, within [minimum, maximum]."""
    text = raw.strip()
    if not _INTEGER.match(text):
        raise _fail(name, message or _("Write a whole number."))
    value = int(text)
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        if message:
            raise _fail(name, message)
        raise _fail(
            name,
            _("Write a whole number from %(minimum)s to %(maximum)s.")
            % {
                "minimum": minimum if minimum is not None else "…",
                "maximum": maximum if maximum is not None else "…",
            },
        )
    return value


def query_int(
    request: Request, name: str, *, minimum: int, maximum: int, default: int | None = None
) -> int | None:
    """The whole number in query parameter ``name``, ``default`` when it is absent."""
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    return parse_int(raw, name=name, minimum=minimum, maximum=maximum)


def parse_float(raw: str, *, name: str, minimum: float, maximum: float) -> float:
    """A decimal number (a point, not a comma) within [minimum, maximum]."""
    text = raw.strip()
    if not _NUMBER.match(text):
        raise _fail(name, _("Write a number with a decimal point, for example 59.74."))
    value = float(text)
    if not math.isfinite(value) or not minimum <= value <= maximum:
        raise _fail(
            name,
            _("Write a number from %(minimum)s to %(maximum)s.")
            % {"minimum": minimum, "maximum": maximum},
        )
    return value


def parse_date(raw: str, *, name: str) -> date:
    """A date written YYYY-MM-DD, in the years MIN_YEAR to MAX_YEAR."""
    text = raw.strip()
    try:
        if not _DATE.match(text):
            raise ValueError(text)
        value = date.fromisoformat(text)
    except ValueError as error:
        raise _fail(name, _("Write the date as YYYY-MM-DD, for example 2026-03-01.")) from error
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise _fail(
            name,
            _("Give a date in the years %(first)d to %(last)d.")
            % {"first": MIN_YEAR, "last": MAX_YEAR},
        )
    return value


def query_date(request: Request, name: str) -> date | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    return parse_date(raw, name=name)


def query_bool(request: Request, name: str) -> bool:
    """Yes/no: 'true' or '1' is yes; absent, 'false' or '0' is no; anything else is a 400."""
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return False
    text = raw.strip().lower()
    if text in TRUE_VALUES:
        return True
    if text in FALSE_VALUES:
        return False
    raise _fail(name, _("Write true or false."))


def query_text(request: Request, name: str, *, max_length: int = 200) -> str:
    """A short text; NUL characters and overlong values are refused."""
    raw = request.query_params.get(name) or ""
    if "\x00" in raw:
        raise _fail(name, _("The text holds a character that is not allowed."))
    if len(raw) > max_length:
        raise _fail(name, _("Write at most %(count)d characters.") % {"count": max_length})
    return raw


def query_texts(request: Request, name: str, *, max_length: int = 200) -> list[str]:
    """All values of a repeated text parameter, each checked like ``query_text``."""
    values = request.query_params.getlist(name)
    for raw in values:
        if "\x00" in raw:
            raise _fail(name, _("The text holds a character that is not allowed."))
        if len(raw) > max_length:
            raise _fail(name, _("Write at most %(count)d characters.") % {"count": max_length})
    return values
