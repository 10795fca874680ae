"""Privacy by design: one registry of what each app holds about a person.

Every app that stores personal data has a ``privacy`` module (``medvirk/<app>/privacy.py``),
found by its name as the admin finds ``admin`` modules. The module provides:

``COVERS``
    The models (``"app_label.ModelName"``) whose links to a person's account the module
    exports and deals with on deletion. A test walks every model and fails when a model
    with a link to the user model is covered by no module.
``export(user) -> dict[str, list[dict]]``
    Everything the app holds about the person, keyed by model label; each row a
    JSON-ready dict keyed by field name (see :func:`rows`).
``anonymise(user, *, base_url) -> None``
    Prepares the deletion of the account: contributions stay with their answers, but the
    author is cleared and names and contact details are blanked; what only served the
    person (sign-ups, profiles, future bookings) is cancelled or removed. Runs inside the
    one transaction of :func:`medvirk.accounts.services.account_delete`, so an error in any
    app leaves nothing half written.

and optionally ``retention(*, now) -> int``: remove what the retention rules say is no
longer needed (run every night by :func:`medvirk.accounts.tasks.privacy_retention`).

Rows matched by e-mail address rather than by account (input given without an account,
meeting registrations, mail sent) are included only when the account's address is
verified: otherwise anyone could register with someone else's address and read their data.
"""

from __future__ import annotations

import datetime
import decimal
import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

#: The setting naming how many days an account whose e-mail address was never verified,
#: and that holds nothing, is kept.
UNVERIFIED_ACCOUNT_DAYS_SETTING = "PRIVACY_UNVERIFIED_ACCOUNT_DAYS"
DEFAULT_UNVERIFIED_ACCOUNT_DAYS = 30
#: The setting naming how many days after an activity (or meeting) is finished the contact
#: details of people without an account are kept.
CONTACT_RETENTION_DAYS_SETTING = "PRIVACY_CONTACT_RETENTION_DAYS"
DEFAULT_CONTACT_RETENTION_DAYS = 365

Export = dict[str, list[dict[str, Any]]]


def unverified_account_days() -> int:
    return int(getattr(settings, UNVERIFIED_ACCOUNT_DAYS_SETTING, DEFAULT_UNVERIFIED_ACCOUNT_DAYS))


def contact_retention_days() -> int:
    return int(getattr(settings, CONTACT_RETENTION_DAYS_SETTING, DEFAULT_CONTACT_RETENTION_DAYS))


@dataclass(frozen=True)
class Provider:
    """One app's privacy module."""

    app_label: str
    covers: frozenset[str]
    export: Callable[[Any], Export]
    anonymise: Callable[..., None]
    retention: Callable[..., int] | None

    @property
    def title(self) -> str:
        return str(apps.get_app_config(self.app_label).verbose_name)


def _provider(app_label: str, module: ModuleType) -> Provider:
    for name in ("COVERS", "export", "anonymise"):
        if not hasattr(module, name):
            raise TypeError(f"{module.__name__} lacks {name}")
    return Provider(
        app_label=app_label,
        covers=frozenset(module.COVERS),
        export=module.export,
        anonymise=module.anonymise,
        retention=getattr(module, "retention", None),
    )


def providers() -> list[Provider]:
    """Every installed app's privacy module, in the order of INSTALLED_APPS."""
    found = []
    for config in apps.get_app_configs():
        if config.name.startswith("medvirk.") and module_has_submodule(config.module, "privacy"):
            module = importlib.import_module(f"{config.name}.privacy")
            found.append(_provider(config.label, module))
    return found


def models_linked_to_user() -> list[tuple[type[models.Model], str]]:
    """Every (model, field name) with a foreign key, one-to-one or many-to-many link to
    the user model (many-to-many through tables left out: their owner is listed)."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    linked = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if (
                field.is_relation
                and field.concrete
                and field.related_model is user_model
                and (field.many_to_one or field.one_to_one or field.many_to_many)
            ):
                linked.append((model, field.name))
    return linked


def uncovered_models() -> list[str]:
    """Labels of models linked to the user model that no privacy module covers."""
    covered = set().union(*(p.covers for p in providers()))
    return sorted(
        {model._meta.label for model, _name in models_linked_to_user()} - covered,
    )


def deletion_blockers(user: Any) -> list[str]:
    """What keeps the account from being deleted by its owner: records the municipality
    must keep under the person's name (a moderation action, an approved expense: links
    that protect the account from deletion), and back-office access. Each a plural model
    name or reason, for the person to read."""
    from django.utils.translation import gettext as _

    reasons: list[str] = []
    if user.is_staff or user.is_superuser:
        reasons.append(_("access to the back office"))
    for model, name in models_linked_to_user():
        field = model._meta.get_field(name)
        if field.many_to_many:
            continue
        on_delete = getattr(field.remote_field, "on_delete", None)
        if on_delete is models.PROTECT and model._default_manager.filter(**{name: user}).exists():
            reasons.append(str(model._meta.verbose_name_plural))
    return reasons


# --- Rows --------------------------------------------------------------------------------


def value(item: Any) -> Any:
    """One value as plain JSON: text for related objects and choices, ISO 8601 for
    dates, the stored name for files."""
    if item is None or isinstance(item, bool | int | float | str):
        return item
    if isinstance(item, datetime.datetime | datetime.date | datetime.time):
        return item.isoformat()
    if isinstance(item, decimal.Decimal):
        return str(item)
    if isinstance(item, FieldFile):
        return item.name or ""
    if isinstance(item, list | tuple):
        return [value(i) for i in item]
    if isinstance(item, dict):
        return {str(k): value(v) for k, v in item.items()}
    return str(item)


def rows(queryset: Iterable[models.Model], fields: Sequence[str]) -> list[dict[str, Any]]:
    """The rows as dicts of ``id`` and the named fields. A field with choices gives its
    label, a relation the related object's name."""
    result = []
    for obj in queryset:
        row: dict[str, Any] = {"id": obj.pk}
        for name in fields:
            display = getattr(obj, f"get_{name}_display", None)
            row[name] = value(display() if callable(display) else getattr(obj, name))
        result.append(row)
    return result


def email_matches(user: Any) -> str | None:
    """The address to look for in free-text contact fields: the account's e-mail, when
    verified; ``None`` otherwise (see the module's note)."""
    if getattr(user, "email_verified_at", None) is None or not user.email:
        return None
    return str(user.email)


# --- The whole -------------------------------------------------------------------------


def export_all(user: Any) -> dict[str, Any]:
    """Everything the installation holds about the person, app by app."""
    data: dict[str, Any] = {}
    for provider in providers():
        exported = {label: found for label, found in provider.export(user).items() if found}
        if exported:
            data[provider.app_label] = exported
    return {"generated_at": timezone.now().isoformat(), "apps": data}


def anonymise_all(user: Any, *, base_url: str = "") -> None:
    """Every app's :func:`anonymise`, in order. The caller holds the transaction.
    ``base_url`` (scheme and host) is for links in messages the changes send, such as
    the notice to the next on a waiting list."""
    for provider in providers():
        provider.anonymise(user, base_url=base_url)


def unlink(user: Any, links: Iterable[tuple[type[models.Model], str]]) -> None:
    """Clear the person from links that only record who did something (a staff action):
    the record stays, without the name."""
    for model, name in links:
        model._default_manager.filter(**{name: user}).update(**{name: None})


def references(
    user: Any, model: type[models.Model], name: str, fields: Sequence[str]
) -> list[dict[str, Any]]:
    """For the export: the rows of ``model`` whose ``name`` is the person, with only
    ``fields`` (chosen so as not to show other people's data)."""
    return rows(model._default_manager.filter(**{name: user}), fields)


def retention_all(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Every app's retention rule; how many rows each changed or removed."""
    now = now or timezone.now()
    done = {}
    for provider in providers():
        if provider.retention is not None:
            done[provider.app_label] = provider.retention(now=now)
    return done


# --- The core app's own part: e-mail sent to the person -----------------------------------

COVERS: frozenset[str] = frozenset()


def export(user: Any) -> Export:
    from medvirk.core.models import AccessibilityFeedback, OutgoingMail

    email = email_matches(user)
    if not email:
        return {}
    return {
        "core.OutgoingMail": rows(
            OutgoingMail.objects.filter(to__iexact=email),
            ("created_at", "sender_name", "subject", "body", "status", "sent_at"),
        ),
        "core.AccessibilityFeedback": rows(
            AccessibilityFeedback.objects.filter(email__iexact=email),
            ("created_at", "municipality", "page", "description", "email", "is_answered"),
        ),
    }


def anonymise(user: Any, *, base_url: str = "") -> None:
    """E-mail to the account's address is forgotten, sent or not; accessibility reports
    stay (the municipality must still mend the problem) without the address."""
    from medvirk.core.models import AccessibilityFeedback, OutgoingMail

    if user.email:
        OutgoingMail.objects.filter(to__iexact=user.email).delete()
        AccessibilityFeedback.objects.filter(email__iexact=user.email).update(email="")


def retention(*, now: datetime.datetime) -> int:
    """The reply address of an answered accessibility report is removed
    ``PRIVACY_CONTACT_RETENTION_DAYS`` after it was received."""
    from medvirk.core.models import AccessibilityFeedback

    cutoff = now - datetime.timedelta(days=contact_retention_days())
    return (
        AccessibilityFeedback.objects.filter(is_answered=True, created_at__lt=cutoff)
        .exclude(email="")
        .update(email="")
    )
