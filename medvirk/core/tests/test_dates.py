"""Dates through the locale: one helper and one filter, named formats per language,
lower-case month and day names in nb and nn."""

from __future__ import annotations

import datetime
import pathlib
import re

import pytest
from django.template import engines
from django.utils import translation

from medvirk.core.dates import format_date

DAY = datetime.date(2026, 12, 8)

EXPECTED = {
    "en": {
        "WEEKDAY_DATE_FORMAT": "Tuesday 8 December 2026",
        "DATE_FORMAT": "8 December 2026",
        "ABBR_MONTH_DAY_FORMAT": "8 Dec",
        "ABBR_DATE_FORMAT": "8 Dec 2026",
        "MONTH_DAY_FORMAT": "8 December",
        "YEAR_MONTH_FORMAT": "December 2026",
        "ABBR_WEEKDAY_FORMAT": "Tue",
        "DAY_FORMAT": "8",
    },
    "nb": {
        "WEEKDAY_DATE_FORMAT": "tirsdag 8. desember 2026",
        "DATE_FORMAT": "8. desember 2026",
        "ABBR_MONTH_DAY_FORMAT": "8. des.",
        "ABBR_DATE_FORMAT": "8. des. 2026",
        "MONTH_DAY_FORMAT": "8. desember",
        "YEAR_MONTH_FORMAT": "desember 2026",
        "ABBR_WEEKDAY_FORMAT": "tir",
        "DAY_FORMAT": "8.",
    },
    "nn": {
        "WEEKDAY_DATE_FORMAT": "tysdag 8. desember 2026",
        "DATE_FORMAT": "8. desember 2026",
        "ABBR_MONTH_DAY_FORMAT": "8. des.",
        "ABBR_DATE_FORMAT": "8. des. 2026",
        "MONTH_DAY_FORMAT": "8. desember",
        "YEAR_MONTH_FORMAT": "desember 2026",
        "ABBR_WEEKDAY_FORMAT": "tys",
        "DAY_FORMAT": "8.",
    },
}


@pytest.mark.parametrize(
    ("language", "name", "text"),
    [(lang, name, text) for lang, names in EXPECTED.items() for name, text in names.items()],
)
def test_helper_per_language(language: str, name: str, text: str) -> None:
    with translation.override(language):
        assert format_date(DAY, name) == text


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Tuesday 8 December 2026 14:05"),
        ("nb", "tirsdag 8. desember 2026 14:05"),
        ("nn", "tysdag 8. desember 2026 14:05"),
    ],
)
def test_aware_datetimes_are_shown_in_oslo_time(language: str, text: str) -> None:
    moment = datetime.datetime(2026, 12, 8, 13, 5, tzinfo=datetime.UTC)
    with translation.override(language):
        assert format_date(moment, "WEEKDAY_DATETIME_FORMAT") == text


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Tuesday 8 December 2026 14:05 · 8 Dec · 8 December 2026"),
        ("nb", "Tirsdag 8. desember 2026 14:05 · 8. des. · 8. desember 2026"),
        ("nn", "Tysdag 8. desember 2026 14:05 · 8. des. · 8. desember 2026"),
    ],
)
def test_filter_in_a_template(language: str, text: str) -> None:
    template = engines["django"].from_string(
        '{% load medvirk %}{{ when|datefmt:"WEEKDAY_DATETIME_FORMAT"|capfirst }} · '
        '{{ when|datefmt:"ABBR_MONTH_DAY_FORMAT" }} · {{ when|datefmt }}{{ nothing|datefmt }}'
    )
    moment = datetime.datetime(2026, 12, 8, 13, 5, tzinfo=datetime.UTC)
    with translation.override(language):
        assert template.render({"when": moment, "nothing": None}) == text


def test_django_named_formats_come_from_our_modules() -> None:
    engine = engines["django"]
    with translation.override("en"):
        assert engine.from_string('{{ d|date:"DATE_FORMAT" }}').render({"d": DAY}) == (
            "8 December 2026"
        )
    with translation.override("nb"):
        assert engine.from_string('{{ d|date:"SHORT_DATE_FORMAT" }}').render({"d": DAY}) == (
            "08.12.2026"
        )


def test_unknown_format_name_is_refused() -> None:
    with pytest.raises(ValueError):
        format_date(DAY, "j. F Y")


def test_templates_use_named_formats_only() -> None:
    """No template hard-codes a date format: named formats through |datefmt, except the
    machine-readable ISO date in links and datetime attributes."""
    root = pathlib.Path(__file__).resolve().parents[2]
    literal = re.compile(r"""\|date:(["'])(.*?)\1""")
    found = [
        (str(path.relative_to(root)), match.group(2))
        for path in root.rglob("*.html")
        for match in literal.finditer(path.read_text(encoding="utf-8"))
        if match.group(2) != "Y-m-d"
    ]
    assert found == []
