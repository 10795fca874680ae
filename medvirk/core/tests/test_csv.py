"""CSV for people opens right in Norwegian Excel (BOM, ``;`` in nb/nn); the API's CSV
stays plain comma-separated UTF-8 without a BOM."""

from __future__ import annotations

import csv
import io

import pytest
from django.utils import translation

from medvirk.core.csvexport import BOM, csv_response, csv_text, people_dialect
from medvirk.indicators.api import CSV_FIELDS, ObservationCSVRenderer
from medvirk.participation.exports import inputs_csv

ROWS = [["Blåbærsyltetøy", "Ærlig øl; «godt»", 3.5], ["Ålesund", 'sa "hei"', ""]]


@pytest.mark.parametrize(("language", "separator"), [("nb", ";"), ("nn", ";"), ("en", ",")])
def test_people_csv_has_bom_and_the_languages_separator(language: str, separator: str) -> None:
    with translation.override(language):
        response = csv_response("fil.csv", ["Navn", "Tekst", "Tall"], ROWS)
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="fil.csv"'
    first_line = body.decode("utf-8-sig").splitlines()[0]
    assert first_line == separator.join(["Navn", "Tekst", "Tall"])


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_aeoeaa_round_trip_with_the_same_dialect(language: str) -> None:
    with translation.override(language):
        data = csv_text(["Navn", "Tekst", "Tall"], ROWS).encode("utf-8")
        dialect = people_dialect()
    text = data.decode("utf-8-sig")
    read = list(csv.reader(io.StringIO(text, newline=""), dialect=dialect))
    assert read == [["Navn", "Tekst", "Tall"], *[[str(v) for v in row] for row in ROWS]]


def test_explicit_language_wins_over_the_active_one() -> None:
    with translation.override("en"):
        assert csv_text(["a", "b"], [], language="nn") == BOM + "a;b\r\n"
    with translation.override("nb"):
        assert csv_text(["a", "b"], [], language="en") == BOM + "a,b\r\n"


def test_machine_csv_is_comma_without_bom_in_every_language() -> None:
    for language in ("nb", "nn", "en"):
        with translation.override(language):
            assert csv_text(["a", "b"], [["æ", "ø"]], for_people=False) == "a,b\r\næ,ø\r\n"


def test_participation_export_is_for_people() -> None:
    with translation.override("nb"):
        text = inputs_csv([])
    assert text.startswith(BOM) and ";" in text and "," not in text.splitlines()[0]


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_api_csv_unchanged(language: str) -> None:
    row: dict[str, object] = dict.fromkeys(CSV_FIELDS, "")
    row.update({"indicator": "NDR", "region": "3301", "period": "2025", "value": 3.59})
    with translation.override(language):
        body = ObservationCSVRenderer().render([row])
    assert not body.startswith(b"\xef\xbb\xbf")
    lines = body.decode("utf-8").split("\r\n")
    assert lines[0] == ",".join(CSV_FIELDS)
    assert lines[1] == ",".join(str(row[f]) for f in CSV_FIELDS)
