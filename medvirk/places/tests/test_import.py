"""Importing the national reference data: 357 municipalities and 15 counties, idempotent
and all-or-nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from medvirk.places.models import County, Municipality
from medvirk.places.reference_data import (
    CountyRecord,
    norwegian_slug,
    read_counties,
    read_municipalities,
)
from medvirk.places.services import municipalities_import

pytestmark = pytest.mark.django_db


def test_reference_files_hold_the_real_country() -> None:
    """The shipped files hold 357 municipalities in 15 counties, with boundaries and the
    national population of 1 January 2024."""
    records = read_municipalities()
    assert len(records) == 357
    assert len(read_counties()) == 15
    assert sum(r.population or 0 for r in records) == 5_550_203
    assert all(r.boundary for r in records)
    assert len({r.slug for r in records}) == 357
    oslo = next(r for r in records if r.number == "0301")
    assert (oslo.name, oslo.kostra_group, oslo.population) == ("Oslo", "EKG13", 717_710)


def test_names_that_occur_twice_get_their_county() -> None:
    """Herøy exists in two counties; each gets a distinct address."""
    slugs = {r.slug for r in read_municipalities() if r.name == "Herøy"}
    assert slugs == {"heroy-more-og-romsdal", "heroy-nordland"}


def test_norwegian_letters_in_slugs() -> None:
    """Æ, ø and å become ae, o and a."""
    assert norwegian_slug("Bærum") == "baerum"
    assert norwegian_slug("Ås") == "as"
    assert norwegian_slug("Sør-Varanger") == "sor-varanger"


def test_import_is_idempotent() -> None:
    """Importing twice updates in place and never duplicates."""
    counties, records = read_counties(), read_municipalities()
    assert municipalities_import(counties=counties, municipalities=records) == (357, 0)
    assert municipalities_import(counties=counties, municipalities=records) == (0, 357)
    assert Municipality.objects.count() == 357
    assert County.objects.count() == 15
    drammen = Municipality.objects.get(number="3301")
    assert drammen.county.name == "Buskerud" and drammen.kostra_group


def test_bad_record_aborts_the_whole_import() -> None:
    """A municipality pointing at an unknown county aborts, and nothing is stored."""
    records = read_municipalities()[:10]
    counties = [CountyRecord(number="03", name="Oslo")]
    with pytest.raises(ValidationError):
        municipalities_import(counties=counties, municipalities=records)
    assert Municipality.objects.count() == 0
    assert County.objects.count() == 0
