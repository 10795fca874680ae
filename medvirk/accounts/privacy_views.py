"""The person's own privacy pages: everything the platform holds about me (a readable page
and a JSON download), and deleting my account (see :mod:`medvirk.core.privacy`)."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.auth import authenticate, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from medvirk.accounts.services import account_delete
from medvirk.core.dates import format_date
from medvirk.core.forms import form_add_service_errors
from medvirk.core.privacy import deletion_blockers, export_all

#: How recent a login through the identity provider must be to delete an account that
#: has no password: the login is the re-authentication.
RECENT_LOGIN = datetime.timedelta(minutes=15)


# --- Export ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    heading: str
    records: list[list[tuple[str, str]]]


@dataclass(frozen=True)
class Section:
    heading: str
    tables: list[Table]


def _text(item: Any, field: Any = None) -> str:
    """A value as a person reads it: yes/no, dates and times in the page's language and
    the local time zone, lists and objects as compact JSON."""
    if item is None or item == "":
        return "–"
    if isinstance(item, bool):
        return str(_("Yes") if item else _("No"))
    if isinstance(item, list | dict):
        return json.dumps(item, ensure_ascii=False)
    if isinstance(field, models.DateField) and isinstance(item, str):
        # DateTimeField is a DateField: the export writes both in ISO 8601.
        is_moment = isinstance(field, models.DateTimeField)
        parse = datetime.datetime.fromisoformat if is_moment else datetime.date.fromisoformat
        try:
            return format_date(parse(item), "DATETIME_FORMAT" if is_moment else "DATE_FORMAT")
        except ValueError:
            return item
    return str(item)


def _table(key: str, records: list[dict[str, Any]]) -> Table:
    """One list of rows, headed and labelled by the model's own (translated) names."""
    label, _sep, link = key.partition("/")
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return Table(key, [[(name, _text(v)) for name, v in r.items()] for r in records])
    heading = capfirst(str(model._meta.verbose_name_plural))
    if link:
        heading = f"{heading} ({model._meta.get_field(link).verbose_name})"

    def field_of(name: str) -> Any:
        try:
            return model._meta.get_field(name)
        except FieldDoesNotExist:
            return None

    def name_of(name: str) -> str:
        label = getattr(field_of(name), "verbose_name", None)
        return capfirst(str(label or name.replace("_", " ")))

    return Table(
        heading,
        [[(name_of(f), _text(v, field_of(f))) for f, v in r.items() if f != "id"] for r in records],
    )


def _sections(data: dict[str, Any]) -> list[Section]:
    return [
        Section(
            capfirst(str(apps.get_app_config(app_label).verbose_name)),
            [_table(key, records) for key, records in found.items()],
        )
        for app_label, found in data["apps"].items()
    ]


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    """Everything the platform holds about me, readable, with a link to the download."""
    data = export_all(request.user)
    return render(
        request,
        "accounts/privacy/my_data.html",
        {
            "sections": _sections(data),
            "breadcrumbs": [
                {"label": _("Front page"), "url": reverse("core:home")},
                {"label": _("My page"), "url": reverse("accounts:profile")},
                {"label": _("My data"), "url": request.path},
            ],
        },
    )


@login_required
def my_data_json(request: HttpRequest) -> HttpResponse:
    """The same, as a JSON file to keep or take elsewhere."""
    data = export_all(request.user)
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="medvirk-mine-data-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response


# --- Deleting the account ---------------------------------------------------------------


class DeleteAccountForm(forms.Form):
    """Re-authentication before deleting: the password, or, for an account that logs in
    only through the identity provider, a recent login there."""

    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    understood = forms.BooleanField(
        label=gettext_lazy("I understand that my account is deleted and cannot be restored"),
    )

    def __init__(self, *args: Any, request: HttpRequest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.user: Any = cast(Any, request.user)
        if not self.user.has_usable_password():
            del self.fields["password"]

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        # Through the authentication backends, so that django-axes counts wrong guesses.
        checked = authenticate(self.request, username=self.user.email, password=password)
        if checked is None or checked.pk != self.user.pk:
            raise ValidationError(_("The password is not right."), code="wrong_password")
        return password

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if "password" not in self.fields and not recently_logged_in(self.user):
            raise ValidationError(
                _("Log in again through %(provider)s first, then delete the account.")
                % {"provider": oidc_label()},
                code="login_again",
            )
        return cleaned


def oidc_label() -> str:
    return str(getattr(settings.OIDC, "label", "") or "ID-porten")


def recently_logged_in(user: Any) -> bool:
    return user.last_login is not None and timezone.now() - user.last_login <= RECENT_LOGIN


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    """Explain what deleting means, ask for the password (or a fresh login), delete, log
    out and confirm."""
    user: Any = request.user
    blockers = deletion_blockers(user)
    form = DeleteAccountForm(request.POST or None, request=request)
    if request.method == "POST" and not blockers and form.is_valid():
        try:
            account_delete(user=user, base_url=request.build_absolute_uri("/").rstrip("/"))
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            logout(request)
            return redirect("accounts:delete-account-done")
    has_password = "password" in form.fields
    context = {
        "form": form,
        "blockers": blockers,
        "has_password": has_password,
        "oidc_label": oidc_label(),
        "login_again_url": (
            f"{reverse('accounts:oidc-login')}?next={request.path}"
            if not has_password and not recently_logged_in(user)
            else ""
        ),
        "breadcrumbs": [
            {"label": _("Front page"), "url": reverse("core:home")},
            {"label": _("My page"), "url": reverse("accounts:profile")},
            {"label": _("Delete my account"), "url": request.path},
        ],
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/privacy/delete_account.html", context, status=status)


def delete_account_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/privacy/delete_account_done.html")
