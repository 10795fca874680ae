"""Uploads are checked by what they contain, never by their name, and stored as new files.

- An image is decoded and written again by Pillow: no EXIF (so no GPS position, no camera
  serial), turned the way the camera meant, at most ``MAX_IMAGE_SIDE`` pixels on its
  longest side; a JPEG stays JPEG, a WebP stays WebP, a PNG or GIF becomes PNG.
- A document is kept only when its first bytes (and for office files, the structure of the
  ZIP inside) prove it is of an allowed type *and* of the type its name claims: a PNG
  named ``.pdf`` is refused, as is an HTML page named ``.txt``.
- Every stored file gets a random name (``uuid4``) with the extension of its checked
  type; the uploaded name is never used. ``file_type_of`` decides, from that extension,
  how the file is served (see :mod:`medvirk.core.media`): never as HTML or SVG.

Each check raises ``ValidationError`` with a translated message for the form field.
"""

from __future__ import annotations

import io
import uuid
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_IMAGE_SIDE = 2000
# Decoding a larger picture could take the server's memory (a "decompression bomb").
MAX_IMAGE_PIXELS = 40_000_000
JPEG_QUALITY = 85
IMAGE_FORMATS = ("JPEG", "PNG", "GIF", "WEBP")


@dataclass(frozen=True)
class FileType:
    """A type of stored file: its extension, the Content-Type it is served with, and
    whether a browser may show it in place (images) or must download it."""

    extension: str
    content_type: str
    inline: bool = False


FILE_TYPES: dict[str, FileType] = {
    t.extension: t
    for t in (
        FileType(".jpg", "image/jpeg", inline=True),
        FileType(".png", "image/png", inline=True),
        FileType(".webp", "image/webp", inline=True),
        FileType(".pdf", "application/pdf"),
        FileType(
            ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        ),
        FileType(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        FileType(".odt", "application/vnd.oasis.opendocument.text"),
        FileType(".ods", "application/vnd.oasis.opendocument.spreadsheet"),
        FileType(".txt", "text/plain; charset=utf-8"),
    )
}
UNKNOWN_TYPE = FileType("", "application/octet-stream")
IMAGE_EXTENSIONS = frozenset({".jpg", ".png", ".gif", ".webp"})
_SAVE_AS = {"JPEG": ".jpg", "WEBP": ".webp", "PNG": ".png", "GIF": ".png"}
_ALIASES = {".jpeg": ".jpg", ".jpe": ".jpg"}
_ODF_TYPES = {
    b"application/vnd.oasis.opendocument.text": ".odt",
    b"application/vnd.oasis.opendocument.spreadsheet": ".ods",
}
# Text that a browser would take for a web page, if anything ever sniffed it.
_MARKUP_STARTS = (b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<svg", b"<?xml")


def file_type_of(name: str) -> FileType:
    """How a stored file is served, from the extension its checked content gave it.
    Files stored before the checks (any other extension) are downloads of unknown type."""
    return FILE_TYPES.get(PurePosixPath(name).suffix.lower(), UNKNOWN_TYPE)


def extension_of(name: str) -> str:
    """The extension a file name claims, lower case, ``.jpeg`` read as ``.jpg``."""
    suffix = PurePosixPath(name or "").suffix.lower()
    return _ALIASES.get(suffix, suffix)


def random_name(extension: str) -> str:
    return f"{uuid.uuid4().hex}{extension}"


def _refuse_size(upload: File, max_bytes: int) -> None:
    size = upload.size or 0
    if size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s MB). The limit is %(limit)s MB.")
            % {"size": round(size / 1024 / 1024, 1), "limit": max_bytes // 1024 // 1024},
            code="too_large",
        )


def _read(upload: File) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data if isinstance(data, bytes) else data.encode()


def _not_an_image() -> ValidationError:
    return ValidationError(
        _("The file is not an image. Use a JPEG, PNG, GIF or WebP photo."), code="not_image"
    )


def image_clean(upload: File, *, max_bytes: int) -> ContentFile[bytes]:
    """The image re-encoded without metadata, under a random name; refused when it is
    too large or not a JPEG, PNG, GIF or WebP image (whatever its name says)."""
    _refuse_size(upload, max_bytes)
    data = _read(upload)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=IMAGE_FORMATS) as opened:
                if opened.width * opened.height > MAX_IMAGE_PIXELS:
                    raise ValidationError(
                        _(
                            "The image has too many pixels. Use a picture of at most %(limit)s "
                            "megapixels."
                        )
                        % {"limit": MAX_IMAGE_PIXELS // 1_000_000},
                        code="too_many_pixels",
                    )
                source_format = str(opened.format)
                opened.load()
                image = ImageOps.exif_transpose(opened)
                return _encode(image, source_format)
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
    ):
        raise _not_an_image() from None


def _has_transparency(image: Image.Image) -> bool:
    return image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info


def _encode(image: Image.Image, source_format: str) -> ContentFile[bytes]:
    extension = _SAVE_AS[source_format]
    if extension == ".jpg":
        image = image.convert("RGB") if image.mode not in {"RGB", "L"} else image
    elif _has_transparency(image):
        image = image.convert("RGBA")
    elif image.mode not in {"RGB", "L"}:
        image = image.convert("RGB")
    image.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE), Image.Resampling.LANCZOS)
    # A new image holds pixels only: no EXIF, XMP, comments or text chunks come along.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    buffer = io.BytesIO()
    if extension == ".jpg":
        clean.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    elif extension == ".webp":
        clean.save(buffer, format="WEBP", quality=JPEG_QUALITY)
    else:
        clean.save(buffer, format="PNG", optimize=True)
    return ContentFile(buffer.getvalue(), name=random_name(extension))


def content_type_of(data: bytes) -> str | None:
    """The extension that the bytes prove, or None when they prove nothing we accept."""
    if data.startswith(b"%PDF-"):
        return ".pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return ".jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return ".png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return ".gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ".webp"
    if data.startswith(b"PK\x03\x04"):
        return _office_type(data)
    if _is_plain_text(data):
        return ".txt"
    return None


def _office_type(data: bytes) -> str | None:
    """ODF and Office Open XML files are ZIP archives; only their table of contents and
    the small ``mimetype`` entry are read, so a ZIP bomb is never unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 100:
                return _ODF_TYPES.get(archive.read("mimetype").strip())
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return ".docx"
                if "xl/workbook.xml" in names:
                    return ".xlsx"
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None
    return None


def _is_plain_text(data: bytes) -> bool:
    """UTF-8 text without control characters, and not a web page in disguise."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    if any(ord(c) < 32 and c not in "\t\n\r\f" for c in text):
        return False
    start = text.lstrip().lower().encode()
    return not start.startswith(_MARKUP_STARTS)


def document_clean(upload: File, *, allowed: Iterable[str], max_bytes: int) -> ContentFile[bytes]:
    """The document under a random name, when its content proves it is of an allowed
    type and of the type its name claims. Images among the allowed types are re-encoded
    like photos."""
    allowed = {_ALIASES.get(e, e) for e in allowed}
    claimed = extension_of(upload.name or "")
    if claimed not in allowed:
        raise ValidationError(
            _("Files of type “%(type)s” cannot be attached. Use one of: %(allowed)s.")
            % {"type": claimed or "?", "allowed": ", ".join(sorted(allowed))},
            code="type",
        )
    _refuse_size(upload, max_bytes)
    data = _read(upload)
    found = content_type_of(data)
    if found != claimed:
        raise ValidationError(
            _(
                "The file’s content is not a “%(type)s” file, whatever its name says. "
                "Attach the document itself, saved in that format."
            )
            % {"type": claimed},
            code="content_mismatch",
        )
    if claimed in IMAGE_EXTENSIONS:
        return image_clean(ContentFile(data, name=upload.name), max_bytes=max_bytes)
    return ContentFile(data, name=random_name(claimed))
