"""Stored files are served by the app at ``/<municipality>/media/<kind>/<pk>/<name>``:
public files to everybody, with headers that stop a browser from ever treating them as a
page; a file of an object a person may not see is a 404 (not a 403), as is a file asked
for under another municipality's address. The storage is chosen from the environment."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from config.env import StorageConfig, read_environment
from medvirk.accounts.models import Role
from medvirk.accounts.tests.factories import UserFactory, user_with_role
from medvirk.budgets import services as budgets
from medvirk.core.media import FILE_CSP, PUBLIC_MAX_AGE, stored_file_url
from medvirk.localdemocracy import services as localdemocracy
from medvirk.localdemocracy.tests.factories import MeetingFactory, district_of, person
from medvirk.participation import demo, services
from medvirk.participation.models import Moderation, Visibility
from medvirk.participation.tests.factories import make_activity, make_input

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _jpeg() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (0, 90, 160)).save(buffer, format="JPEG")
    return SimpleUploadedFile("photo.jpg", buffer.getvalue())


def _get(url: str, user: Any = None, **headers: Any) -> Any:
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.get(url, **headers)
    # Reading a streamed body to the end closes the response; the test client does that
    # without the request_finished handler that would close the test's transaction.
    body = b"".join(response.streaming_content) if response.streaming else response.content
    response.body = body
    return response


def test_public_photo_is_served_inline_with_safe_headers() -> None:
    """A published input's photo: 200, image/jpeg from the checked content, inline, nosniff,
    a sandboxing CSP, public caching for an hour, and a 304 when the browser has it."""
    item = make_input(make_activity(), photo=_jpeg())
    url = stored_file_url(item, "photo")
    assert url.startswith(f"/{item.activity.municipality.slug}/media/innspill/{item.pk}/")
    response = _get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == FILE_CSP == "default-src 'none'; sandbox"
    assert "public" in response["Cache-Control"]
    assert f"max-age={PUBLIC_MAX_AGE}" in response["Cache-Control"]
    with Image.open(io.BytesIO(response.body)) as image:
        assert image.format == "JPEG"
    again = _get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_input_page_links_the_photo_and_the_link_opens() -> None:
    """The input's page links the served photo (not MEDIA_URL), and the link works."""
    item = make_input(make_activity(), photo=_jpeg())
    activity = item.activity
    page = Client().get(
        f"/{activity.municipality.slug}/aktivitet/{activity.slug}/innspill/{item.pk}/"
    )
    assert page.status_code == 200
    url = stored_file_url(item, "photo")
    assert f'href="{url}"' in page.content.decode()
    assert "/media/innspill/" in url and not url.startswith("/media/")
    assert _get(url).status_code == 200


def test_pending_photo_is_404_for_anonymous_and_served_to_moderator_and_author() -> None:
    """An input waiting for moderation: its photo is a 404 for an anonymous visitor and a
    moderator of another municipality, 200 (never cached) for this municipality's
    moderator and for its author."""
    activity = make_activity(moderation=Moderation.PRE)
    author = UserFactory()
    item = make_input(activity, photo=_jpeg(), user=author)
    assert item.visibility == Visibility.PENDING
    url = stored_file_url(item, "photo")
    assert _get(url).status_code == 404
    elsewhere = make_activity().municipality
    assert _get(url, user_with_role(Role.MODERATOR, municipality=elsewhere)).status_code == 404
    moderator = user_with_role(Role.MODERATOR, municipality=activity.municipality)
    response = _get(url, moderator)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert _get(url, author).status_code == 200


def test_hidden_input_photo_is_no_longer_public() -> None:
    """A photo that was public stops being served when the moderator hides the input."""
    item = make_input(make_activity(), photo=_jpeg())
    url = stored_file_url(item, "photo")
    assert _get(url).status_code == 200
    type(item).objects.filter(pk=item.pk).update(visibility=Visibility.HIDDEN)
    assert _get(url).status_code == 404


def test_file_is_not_served_under_another_municipality_or_another_name() -> None:
    """The same file asked for below another municipality, under another kind, another
    object, or a name that is not the current file's: 404 every time."""
    item = make_input(make_activity(), photo=_jpeg())
    other = make_activity().municipality
    url = stored_file_url(item, "photo")
    own = item.activity.municipality.slug
    name = url.rsplit("/", 1)[-1]
    for wrong in (
        url.replace(f"/{own}/", f"/{other.slug}/", 1),
        url.replace("/innspill/", "/sakliste/"),
        url.replace("/innspill/", "/ukjent/"),
        url.replace(f"/{item.pk}/", f"/{item.pk + 1000}/"),
        url.replace(name, "0" * 32 + ".jpg"),
    ):
        assert _get(wrong).status_code == 404, wrong
    assert Client().post(url).status_code == 405


def test_public_agenda_document_is_an_attachment_named_after_the_item() -> None:
    """An agenda document of a public meeting: application/pdf, a download named after
    the item, linked from the meeting page."""
    item = localdemocracy.agenda_item_add(
        meeting=MeetingFactory(),
        title="Budsjett",
        document=SimpleUploadedFile("x.pdf", b"%PDF-1.4\n%%EOF"),
    )
    url = stored_file_url(item, "document")
    response = _get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="budsjett.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.body == b"%PDF-1.4\n%%EOF"
    district = item.meeting.committee.district
    page = Client().get(f"/{district.municipality.slug}/{district.slug}/mote/{item.meeting.pk}/")
    assert f'href="{url}"' in page.content.decode()


def test_document_of_a_closed_meeting_is_for_its_managers_only() -> None:
    """A meeting that is not public: 404 for anybody but those who manage it."""
    meeting = MeetingFactory(is_public=False)
    item = localdemocracy.agenda_item_add(
        meeting=meeting, title="Lukket sak", document=SimpleUploadedFile("x.pdf", b"%PDF-1.4")
    )
    url = stored_file_url(item, "document")
    district = meeting.committee.district
    assert _get(url).status_code == 404
    assert _get(url, UserFactory()).status_code == 404
    coordinator = user_with_role(Role.COORDINATOR, district=district)
    assert _get(url, coordinator).status_code == 200


def test_receipt_is_for_those_who_see_the_ledger() -> None:
    """Receipts belong to the ledger: a 404 for residents and for the coordinator of
    another district, 200 for the district's coordinator, who finds the link on the
    budget page."""
    district = district_of()
    budget = budgets.budget_open(district=district, year=timezone.localdate().year, by=person())
    expense = budgets.expense_record(
        budget=budget,
        date=timezone.localdate(),
        amount=10,
        purpose="Kaffe",
        by=person(),
        receipt=SimpleUploadedFile("kvittering.pdf", b"%PDF-1.4"),
    )
    url = stored_file_url(expense, "receipt")
    assert url.startswith(f"/{district.municipality.slug}/media/kvittering/{expense.pk}/")
    assert _get(url).status_code == 404
    assert _get(url, UserFactory()).status_code == 404
    other = district_of(municipality=district.municipality)
    assert _get(url, user_with_role(Role.COORDINATOR, district=other)).status_code == 404
    coordinator = user_with_role(Role.COORDINATOR, district=district)
    response = _get(url, coordinator)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    client = Client()
    client.force_login(coordinator)
    budget_page = f"/{district.municipality.slug}/{district.slug}/budsjett/"
    assert f'href="{url}"' in client.get(budget_page).content.decode()
    assert url not in Client().get(budget_page).content.decode()


def test_old_upload_with_a_markup_name_is_never_served_as_a_page(media: Path) -> None:
    """A file stored before the checks, named .html or .svg, goes out as an opaque
    download: never text/html or image/svg+xml."""
    item = make_input(make_activity())
    for name in ("old.html", "old.svg"):
        item.photo.save(name, ContentFile(b"<html><script>alert(1)</script></html>"))
        response = _get(stored_file_url(item, "photo"))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Content-Disposition"].startswith("attachment")
        assert response["Content-Security-Policy"] == FILE_CSP


def test_demo_input_photo_opens(media: Path) -> None:
    """The demo's photo, attached through the upload path, is served as a clean JPEG."""
    item = make_input(make_activity())
    services.input_photo_attach(input=item, photo=demo.demo_photo())
    response = _get(stored_file_url(item, "photo"))
    assert response.status_code == 200
    with Image.open(io.BytesIO(response.body)) as image:
        assert not image.getexif()


def test_local_storage_is_the_default(monkeypatch: Any) -> None:
    """Without STORAGE_BACKEND, uploads go to the local folder."""
    monkeypatch.delenv("STORAGE_BACKEND", raising=False)
    assert read_environment().storage.django_storage() == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }


S3_ENVIRONMENT = {
    "STORAGE_BACKEND": "s3",
    "AWS_STORAGE_BUCKET_NAME": "medvirk-uploads",
    "AWS_S3_ENDPOINT_URL": "https://s3.example.invalid",
    "AWS_S3_REGION_NAME": "eu-north-1",
    "AWS_ACCESS_KEY_ID": "test-key-id",
    "AWS_SECRET_ACCESS_KEY": "test-secret",
}


def test_s3_is_selected_from_the_environment(monkeypatch: Any, tmp_path: Path) -> None:
    """STORAGE_BACKEND=s3 makes the settings select django-storages' S3Storage with the
    bucket, endpoint, region and keys from the environment, private and never
    overwriting; the storage is built without connecting anywhere."""
    for name, value in S3_ENVIRONMENT.items():
        monkeypatch.setenv(name, value)
    expected = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "medvirk-uploads",
            "endpoint_url": "https://s3.example.invalid",
            "region_name": "eu-north-1",
            "access_key": "test-key-id",
            "secret_key": "test-secret",
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    assert read_environment().storage.django_storage() == expected
    code = "import json, config.settings as s; print(json.dumps(s.STORAGES['default']))"
    environment = {**os.environ, **S3_ENVIRONMENT, "MEDVIRK_VAR_DIR": str(tmp_path)}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == expected

    from storages.backends.s3 import S3Storage

    storage = S3Storage(**expected["OPTIONS"])
    assert storage.bucket_name == "medvirk-uploads"
    assert storage.endpoint_url == "https://s3.example.invalid"
    assert storage.file_overwrite is False


def test_s3_without_a_bucket_or_an_unknown_backend_is_refused(monkeypatch: Any) -> None:
    """A half configuration stops the start with a message, instead of losing uploads."""
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("STORAGE_BACKEND", "s3")
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    with pytest.raises(ImproperlyConfigured, match="AWS_STORAGE_BUCKET_NAME"):
        read_environment()
    monkeypatch.setenv("STORAGE_BACKEND", "ftp")
    with pytest.raises(ImproperlyConfigured, match="local or s3"):
        read_environment()
    assert StorageConfig().backend == "local"
