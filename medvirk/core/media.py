"""Serving uploaded files: ``/<municipality>/media/<kind>/<pk>/<name>``.

Every stored file belongs to an object (an input's photo, an agenda item's document, an
expense's receipt). The view finds that object *within the municipality of the URL*,
checks that the name is the object's current file, and asks the owning app's access
function whether this person may see it; when not, the answer is 404, as for a file that
does not exist, so a URL tells nobody what exists. Files are streamed from the storage
(the local folder or the S3-compatible store), with the Content-Type of the type their
checked content gave them (:func:`medvirk.core.uploads.file_type_of`), never HTML or SVG,
``nosniff``, a sandboxing Content-Security-Policy, inline for images and as a download
for documents. Public files may be cached for an hour; the others are never stored.

``MEDIA_URL`` itself is never served: the web server in front must not serve the media
folder directly either, or the access checks are bypassed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import PurePosixPath
from typing import Any

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponseBase
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.module_loading import import_string
from django.views.decorators.http import require_safe

from medvirk.core.uploads import file_type_of

PUBLIC_MAX_AGE = 60 * 60
FILE_CSP = "default-src 'none'; sandbox"


@dataclass(frozen=True)
class StoredFileKind:
    """One kind of stored file: the model and field that hold it, how to reach the
    object's municipality, the access function that decides who sees it
    (``function(user, **{argument: obj}) -> bool``) and, optionally, the object's
    attribute that names the download."""

    slug: str
    model: str
    field: str
    municipality: str
    access: str
    argument: str
    download_name: str = ""

    @property
    def municipality_lookup(self) -> str:
        return self.municipality.replace(".", "__") + "__slug"

    def access_function(self) -> Callable[..., bool]:
        function: Callable[..., bool] = import_string(self.access)
        return function

    def allows(self, user: Any, obj: Model) -> bool:
        return bool(self.access_function()(user, **{self.argument: obj}))


KINDS: dict[str, StoredFileKind] = {
    kind.slug: kind
    for kind in (
        StoredFileKind(
            slug="innspill",
            model="participation.Input",
            field="photo",
            municipality="activity.municipality",
            access="medvirk.participation.access.user_can_view_input_photo",
            argument="input",
        ),
        StoredFileKind(
            slug="sakliste",
            model="localdemocracy.AgendaItem",
            field="document",
            municipality="meeting.committee.district.municipality",
            access="medvirk.localdemocracy.access.user_can_view_agenda_document",
            argument="item",
            download_name="document_name",
        ),
        StoredFileKind(
            slug="kvittering",
            model="budgets.Expense",
            field="receipt",
            municipality="budget.district.municipality",
            access="medvirk.budgets.access.user_can_view_receipt",
            argument="expense",
            download_name="receipt_name",
        ),
    )
}


@cache
def _kind_of(model_label: str, field: str) -> StoredFileKind:
    for kind in KINDS.values():
        if kind.model.lower() == model_label.lower() and kind.field == field:
            return kind
    raise LookupError(f"{model_label}.{field} is not a served file field")


def _follow(obj: Any, path: str) -> Any:
    for name in path.split("."):
        obj = getattr(obj, name)
    return obj


def stored_file_url(obj: Model, field: str) -> str:
    """The address where the object's file is served, or "" when it has none. Reads the
    object's municipality through its relations: select them on list pages."""
    file: FieldFile = getattr(obj, field)
    if not file:
        return ""
    kind = _kind_of(obj._meta.label, field)
    municipality = _follow(obj, kind.municipality)
    return reverse(
        "core:media",
        kwargs={
            "municipality_slug": municipality.slug,
            "kind": kind.slug,
            "pk": obj.pk,
            "name": PurePosixPath(file.name or "").name,
        },
    )


def _object(kind: StoredFileKind, municipality_slug: str, pk: int) -> Model:
    model = apps.get_model(kind.model)
    related = kind.municipality.replace(".", "__")
    found: Model | None = (
        model._default_manager.select_related(related)
        .filter(pk=pk, **{kind.municipality_lookup: municipality_slug})
        .first()
    )
    if found is None:
        raise Http404("file")
    return found


@require_safe
def stored_file(
    request: HttpRequest, municipality_slug: str, kind: str, pk: int, name: str
) -> HttpResponseBase:
    """Stream the file after the access check; 404 whenever the person may not see it."""
    spec = KINDS.get(kind)
    if spec is None:
        raise Http404("file")
    obj = _object(spec, municipality_slug, pk)
    file: FieldFile = getattr(obj, spec.field)
    if not file or PurePosixPath(file.name or "").name != name:
        raise Http404("file")
    if not spec.allows(request.user, obj):
        raise Http404("file")
    public = spec.allows(AnonymousUser(), obj)
    etag = f'"{name}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        _secure(not_modified, public=public)
        not_modified["ETag"] = etag
        return not_modified
    try:
        handle = file.storage.open(str(file.name), "rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404("file") from exc
    file_type = file_type_of(name)
    download = str(_follow(obj, spec.download_name)) if spec.download_name else name
    response = FileResponse(
        handle,
        content_type=file_type.content_type,
        as_attachment=not file_type.inline,
        filename=download,
    )
    response["ETag"] = etag
    _secure(response, public=public)
    return response


def _secure(response: HttpResponseBase, *, public: bool) -> None:
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    if public:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)
