"""Uploads are judged by their content, not their name: images are re-encoded without
EXIF or GPS, capped in size and stored under random names; a document whose bytes are not
what its name claims is refused with a translated message, and nothing is stored."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import ExifTags, Image

from medvirk.budgets import services as budgets
from medvirk.budgets.models import Expense
from medvirk.core import uploads
from medvirk.localdemocracy import services as localdemocracy
from medvirk.localdemocracy.models import AgendaItem
from medvirk.localdemocracy.tests.factories import MeetingFactory, district_of, person
from medvirk.participation import demo
from medvirk.participation.models import Input
from medvirk.participation.tests.factories import make_activity, make_input

pytestmark = pytest.mark.django_db

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def _image(fmt: str = "JPEG", size: tuple[int, int] = (64, 48), mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, (10, 120, 200, 128) if mode == "RGBA" else (10, 120, 200)).save(
        buffer, format=fmt
    )
    return buffer.getvalue()


def _office(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = _office({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT = _office({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _stored(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def test_demo_photo_has_gps_and_the_upload_path_strips_it(media: Path) -> None:
    """The demo's photo is sent like a phone's, with camera EXIF and a GPS position; once
    attached to an input, the stored JPEG has no EXIF at all and a random name."""
    photo = demo.demo_photo()
    with Image.open(io.BytesIO(photo.read())) as original:
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    photo.seek(0)
    item = make_input(make_activity())
    from medvirk.participation import services

    services.input_photo_attach(input=item, photo=photo)
    item.refresh_from_db()
    assert "IMG_0042" not in item.photo.name
    assert item.photo.name.endswith(".jpg")
    with Image.open(item.photo.path) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif()
        assert "exif" not in stored.info
        assert stored.size == (1200, 900)


def test_image_is_re_encoded_without_exif_and_capped_in_size() -> None:
    """A large JPEG with EXIF (camera, GPS) comes back without metadata, turned the way the
    camera meant, and no longer than 2000 px on its longest side."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Camera"
    exif[ExifTags.Base.Orientation] = 6  # turned 90°: width and height swap
    exif[ExifTags.IFD.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "N"}
    buffer = io.BytesIO()
    Image.new("RGB", (3000, 1500), (1, 2, 3)).save(buffer, format="JPEG", exif=exif)
    cleaned = uploads.image_clean(
        SimpleUploadedFile("photo.jpg", buffer.getvalue()), max_bytes=10 * 1024 * 1024
    )
    with Image.open(io.BytesIO(cleaned.read())) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
        assert image.size == (1000, 2000)


@pytest.mark.parametrize(
    ("fmt", "mode", "extension", "stored_format"),
    [
        ("PNG", "RGBA", ".png", "PNG"),
        ("GIF", "P", ".png", "PNG"),
        ("WEBP", "RGB", ".webp", "WEBP"),
        ("JPEG", "RGB", ".jpg", "JPEG"),
    ],
)
def test_image_keeps_a_format_by_content_under_a_random_name(
    fmt: str, mode: str, extension: str, stored_format: str
) -> None:
    """The stored format follows the content, and names are random: the same upload twice
    gives two different names, neither of them the uploaded one."""
    data = _image(fmt, mode=mode)
    first = uploads.image_clean(SimpleUploadedFile("holiday.bin", data), max_bytes=10**6)
    second = uploads.image_clean(SimpleUploadedFile("holiday.bin", data), max_bytes=10**6)
    assert first.name != second.name
    for cleaned in (first, second):
        assert cleaned.name.endswith(extension)
        assert "holiday" not in cleaned.name
        assert len(Path(cleaned.name).stem) == 32
        with Image.open(io.BytesIO(cleaned.read())) as image:
            assert image.format == stored_format


@pytest.mark.parametrize("data", [HTML, b"GIF89a" + b"\x00" * 20, b"\xff\xd8\xff" + b"<html>", b""])
def test_not_an_image_is_refused_whatever_its_name(data: bytes) -> None:
    """HTML named .jpg, or a file that only starts like an image, is not an image."""
    with translation.override("nb"), pytest.raises(ValidationError) as error:
        uploads.image_clean(SimpleUploadedFile("bilde.jpg", data), max_bytes=10**6)
    assert error.value.messages == [
        "Filen er ikke et bilde. Bruk et JPEG-, PNG-, GIF- eller WebP-bilde."
    ]


def test_image_with_too_many_pixels_is_refused_before_decoding(monkeypatch: Any) -> None:
    """A picture with more pixels than the limit is refused from its header alone."""
    monkeypatch.setattr(uploads, "MAX_IMAGE_PIXELS", 100)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        uploads.image_clean(SimpleUploadedFile("a.png", _image("PNG")), max_bytes=10**6)
    assert "too many pixels" in error.value.messages[0]


@pytest.mark.parametrize(
    ("name", "data", "extension"),
    [
        ("plan.pdf", b"%PDF-1.7\n%%EOF", ".pdf"),
        ("Referat.DOCX", DOCX, ".docx"),
        ("notat.odt", ODT, ".odt"),
        ("liste.txt", "Sakliste for møtet\n1. Budsjett\n".encode(), ".txt"),
        ("kart.jpeg", _image("JPEG"), ".jpg"),
        ("kart.png", _image("PNG"), ".png"),
    ],
)
def test_document_whose_content_matches_its_name_is_kept(
    name: str, data: bytes, extension: str
) -> None:
    """Each accepted type is recognised by its content, and stored under a random name
    with the extension of that content."""
    cleaned = uploads.document_clean(
        SimpleUploadedFile(name, data),
        allowed=localdemocracy.ALLOWED_DOCUMENT_TYPES,
        max_bytes=10**7,
    )
    assert cleaned.name.endswith(extension)
    assert Path(name).stem.lower() not in cleaned.name.lower()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("plan.pdf", _image("PNG")),
        ("plan.pdf", _image("JPEG")),
        ("plan.pdf", HTML),
        ("bilde.jpg", HTML),
        ("bilde.png", _image("JPEG")),
        ("notat.txt", HTML),
        ("notat.txt", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("notat.docx", ODT),
        ("notat.docx", b"PK\x03\x04 not a zip"),
        ("notat.txt", b"\x00\x01binary"),
    ],
)
def test_document_not_what_its_name_claims_is_refused(name: str, data: bytes) -> None:
    """A PNG or JPEG disguised as a PDF, HTML named .jpg or .txt, SVG, and office files of
    another kind are refused with a translated message."""
    for language, start in (("nb", "Innholdet i filen"), ("nn", "Innhaldet i fila")):
        with translation.override(language), pytest.raises(ValidationError) as error:
            uploads.document_clean(
                SimpleUploadedFile(name, data),
                allowed=localdemocracy.ALLOWED_DOCUMENT_TYPES,
                max_bytes=10**7,
            )
        assert error.value.messages[0].startswith(start), error.value.messages


def test_agenda_document_disguised_is_refused_and_nothing_stored(media: Path) -> None:
    """Through the service: a PNG named .pdf and HTML named .jpg are refused on the
    document field with the translated message; no item and no file are stored."""
    meeting = MeetingFactory()
    for name, data in (("sakliste.pdf", _image("PNG")), ("bilde.jpg", HTML)):
        with translation.override("nb"), pytest.raises(ValidationError) as error:
            localdemocracy.agenda_item_add(
                meeting=meeting, title="Sak", document=SimpleUploadedFile(name, data)
            )
        assert "ikke en «" in error.value.message_dict["document"][0]
    assert not AgendaItem.objects.exists()
    assert _stored(media) == []


def test_agenda_document_is_stored_under_a_random_name(media: Path) -> None:
    """An accepted document gets a random stored name; people see the item's title."""
    item = localdemocracy.agenda_item_add(
        meeting=MeetingFactory(),
        title="Budsjett 2026",
        document=SimpleUploadedFile("Mitt hemmelige filnavn.pdf", b"%PDF-1.4\n"),
    )
    assert "hemmelige" not in item.document.name
    assert item.document_name == "budsjett-2026.pdf"
    assert len(_stored(media)) == 1


def test_receipt_image_is_re_encoded_and_a_disguised_one_refused(media: Path) -> None:
    """A receipt photo is stripped like any photo; an HTML page named .pdf is refused
    with the translated message and nothing is stored."""
    from django.utils import timezone

    budget = budgets.budget_open(
        district=district_of(), year=timezone.localdate().year, by=person()
    )
    fields: dict[str, Any] = {
        "budget": budget,
        "date": timezone.localdate(),
        "purpose": "Kaffe",
        "by": person(),
    }
    with translation.override("en"), pytest.raises(ValidationError) as error:
        budgets.expense_record(
            amount=10, receipt=SimpleUploadedFile("kvittering.pdf", HTML), **fields
        )
    assert "whatever its name says" in error.value.message_dict["receipt"][0]
    assert not Expense.objects.exists() and _stored(media) == []
    exif = Image.Exif()
    exif[ExifTags.IFD.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "N"}
    buffer = io.BytesIO()
    Image.new("RGB", (30, 30)).save(buffer, format="JPEG", exif=exif)
    expense = budgets.expense_record(
        amount=10, receipt=SimpleUploadedFile("kvittering.jpg", buffer.getvalue()), **fields
    )
    with Image.open(expense.receipt.path) as stored:
        assert not stored.getexif()


def test_oversized_upload_is_refused_with_a_translated_message(media: Path) -> None:
    """Too large: refused before the content is read, with the limit in the message."""
    data = b"%PDF-1.4" + b"0" * (localdemocracy.MAX_DOCUMENT_BYTES + 1)
    with translation.override("nn"), pytest.raises(ValidationError) as error:
        localdemocracy.agenda_item_add(
            meeting=MeetingFactory(), title="Sak", document=SimpleUploadedFile("a.pdf", data)
        )
    assert error.value.message_dict["document"][0].startswith("Fila er for stor")
    with translation.override("nn"), pytest.raises(ValidationError) as error:
        make_input(make_activity(), photo=SimpleUploadedFile("a.jpg", b"0" * (6 * 1024 * 1024)))
    assert error.value.message_dict["photo"]
    assert not Input.objects.exists() and _stored(media) == []


def test_file_type_of_never_serves_markup() -> None:
    """Stored names decide the Content-Type; anything unknown (say, an old upload named
    .html or .svg) is served as an opaque download."""
    assert uploads.file_type_of("x/abc.jpg").content_type == "image/jpeg"
    assert uploads.file_type_of("x/abc.pdf").inline is False
    for name in ("a.html", "a.htm", "a.svg", "a.xhtml", "a"):
        file_type = uploads.file_type_of(name)
        assert file_type.content_type == "application/octet-stream"
        assert not file_type.inline
    served = {t.content_type.split(";")[0] for t in uploads.FILE_TYPES.values()}
    markup = {"text/html", "image/svg+xml", "application/xhtml+xml", "text/xml"}
    assert not served & markup
