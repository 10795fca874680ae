"""Reading CSV files, and the messages for files that cannot be read as asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from medvirk.algorithms.themes.csvio import CsvInputError, read_collection


def _write(tmp_path: Path, content: bytes, name: str = "input.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_reads_ids_texts_labels_and_facets(hearing_csv: Path) -> None:
    """Named columns become items; labels come back in row order."""
    collection = read_collection(
        hearing_csv,
        text_column="text",
        id_column="id",
        label_column="topic",
        facet_columns=("district",),
    )
    first = collection.items[0]
    assert (first.id, first.facets) == ("p1", {"district": "Sentrum"})
    assert collection.labels is not None and collection.labels[0] == "park"


def test_semicolons_and_byte_order_mark_are_accepted(tmp_path: Path) -> None:
    """A spreadsheet export with BOM and semicolons reads like a plain CSV."""
    path = _write(tmp_path, "\ufefftekst;bydel\nMer lys i parken;Nord\n".encode())
    items = read_collection(path, text_column="tekst").items
    assert [(item.id, item.text) for item in items] == [("1", "Mer lys i parken")]


def test_missing_column_names_the_column_and_those_present(tmp_path: Path) -> None:
    """The message says which column is missing and lists the real ones."""
    path = _write(tmp_path, b"id,tekst\n1,hei\n")
    with pytest.raises(CsvInputError, match=r"no text column 'text'; the columns are: id, tekst"):
        read_collection(path, text_column="text")


def test_broken_encoding_is_reported_with_its_line(tmp_path: Path) -> None:
    """Latin-1 bytes in a file read as UTF-8 give a message, not a crash."""
    path = _write(tmp_path, b"id,text\n1,hei\n2,bl\xe5b\xe6r\n")
    with pytest.raises(CsvInputError, match=r"not valid UTF-8 \(byte 0xe5 on line 3\)"):
        read_collection(path, text_column="text")


def test_repeated_or_empty_ids_and_missing_files_are_reported(tmp_path: Path) -> None:
    """Ids must be present and unique; an absent file is named."""
    with pytest.raises(CsvInputError, match="'7' occurs more than once"):
        read_collection(
            _write(tmp_path, b"id,text\n7,a\n7,b\n"), text_column="text", id_column="id"
        )
    with pytest.raises(CsvInputError, match="data row 1 has an empty id"):
        read_collection(_write(tmp_path, b"id,text\n,a\n"), text_column="text", id_column="id")
    with pytest.raises(CsvInputError, match="cannot read the file"):
        read_collection(tmp_path / "absent.csv", text_column="text")


def test_empty_file_reports_no_columns(tmp_path: Path) -> None:
    """A zero-byte file has no header, which the message says."""
    with pytest.raises(CsvInputError, match="is the file empty"):
        read_collection(_write(tmp_path, b""), text_column="text")
