"""Tenant isolation in the back office.

Every row in medvirk belongs to a municipality, except installation-wide reference data
and people. A municipality administrator may see, pick and link only their own
municipality's rows. This module knows, for every model that can appear in a back-office
form, how to reach its municipality:

* a model registered with a :class:`~medvirk.core.admin.MunicipalityScopedAdmin` reaches it
  through the admin's ``municipality_path``;
* a model edited inline reaches it through its foreign key to the parent;
* :data:`INSTALLATION_WIDE` lists the reference models that hold nothing
  municipality-specific and may be offered to everyone;
* people (``accounts.User``) are installation-wide; a municipality administrator is offered
  only the people known to their municipality (see
  :func:`medvirk.accounts.access.users_visible_in_back_office`).

A model whose scope is unknown is an error (:class:`UnknownScope`, and the system check
``medvirk.E001``), never silently left unscoped.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.core import checks
from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.db.models import Q, QuerySet
from django.forms import BaseForm, ModelChoiceField
from django.forms.models import _get_foreign_key
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.admin.sites import AdminSite

# Models that belong to the installation, not to a municipality, and may be offered to
# every municipality administrator. The reason is given for each. Only models that a
# municipality administrator meets in a form belong here; the rest (statistical regions,
# observations, imports) sit behind platform-only admins and need no entry.
INSTALLATION_WIDE: dict[str, str] = {
    "places.County": "Counties are the country's administrative map, public and shared.",
    "indicators.Indicator": "The indicator catalogue (codes, names, units) is shared.",
    "auth.Group": "Permission groups are configured by platform administrators only.",
    "auth.Permission": "Permissions are Django's own list, the same everywhere.",
}

# Rows of another municipality that every municipality may still pick, by model.
# Installation-wide methods (the seeded toolbox, without a municipality) and methods that
# their municipality chose to share are offered to all; a municipality's unshared methods
# are its own.
SHARED_ROWS: dict[str, Q] = {
    "participation.Method": Q(municipality__isnull=True) | Q(is_shared=True),
}

USER_LABEL = "accounts.User"

INVALID_CHOICE = _(
    "Choose from your own municipality. The chosen item does not exist or belongs to "
    "another municipality."
)
OUTSIDE_MUNICIPALITY = _(
    "This does not belong to a municipality you manage, so it cannot be saved here."
)


class UnknownScope(ImproperlyConfigured):
    """A model appears in the back office but nobody said how it belongs to a municipality."""


def _site(site: AdminSite | None) -> AdminSite:
    return site if site is not None else admin.site


def _join(first: str, rest: str) -> str:
    return first if rest == "pk" else f"{first}__{rest}"


def scope_paths(site: AdminSite | None = None) -> dict[type[models.Model], str]:
    """Lookup from each scoped model to its municipality's primary key (``"pk"`` for the
    municipality itself), derived from the registered admins and their inlines."""
    site = _site(site)
    key = tuple(site._registry.items())
    cached = getattr(site, "_medvirk_scope_paths", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    paths: dict[type[models.Model], str] = {}
    for model, model_admin in site._registry.items():
        path = getattr(model_admin, "municipality_path", None)
        if path:
            paths[model] = path
    for model, model_admin in site._registry.items():
        parent_path = paths.get(model)
        if parent_path is None:
            continue
        for inline in model_admin.inlines:
            fk = _get_foreign_key(model, inline.model, fk_name=getattr(inline, "fk_name", None))
            paths.setdefault(inline.model, _join(fk.name, parent_path))
    site._medvirk_scope_paths = (key, paths)  # type: ignore[attr-defined]
    return paths


def scope_path(model: type[models.Model], site: AdminSite | None = None) -> str | None:
    """The lookup to the municipality's pk; ``None`` for installation-wide models and
    people. Raises :class:`UnknownScope` for a model nobody classified."""
    label = model._meta.label
    if label in INSTALLATION_WIDE or label == USER_LABEL:
        return None
    path = scope_paths(site).get(model)
    if path is None:
        raise UnknownScope(
            f"{label} appears in the back office, but its municipality is unknown: register "
            "it with a MunicipalityScopedAdmin (municipality_path), edit it inline, or add "
            "it to medvirk.core.admin_scope.INSTALLATION_WIDE with a reason."
        )
    return path


def municipality_id_of(obj: models.Model, path: str) -> int | None:
    """Follow ``path`` from ``obj`` (saved or not) to its municipality's pk."""
    value: Any = obj
    for part in path.split("__"):
        if value is None:
            return None
        value = getattr(value, part)
    if isinstance(value, models.Model):
        return int(value.pk) if value.pk is not None else None
    return int(value) if value is not None else None


def managed_ids(request: HttpRequest) -> set[int]:
    """The municipalities the requesting user manages, once per request."""
    from medvirk.accounts.access import municipalities_managed_by

    cached = getattr(request, "_managed_municipality_ids", None)
    if cached is None:
        cached = set(municipalities_managed_by(request.user).values_list("pk", flat=True))
        request._managed_municipality_ids = cached  # type: ignore[attr-defined]
    return cached


def scope_queryset(
    queryset: QuerySet[Any],
    *,
    request: HttpRequest,
    site: AdminSite | None = None,
    keep: Iterable[Any] = (),
) -> QuerySet[Any]:
    """``queryset`` narrowed to what the requesting user may see and pick. ``keep`` names
    people already linked to the object being edited (so an input's author, a resident
    without a role, stays valid), never other rows."""
    from medvirk.accounts.access import user_is_platform_admin, users_visible_in_back_office

    if user_is_platform_admin(request.user):
        return queryset
    model = queryset.model
    if model._meta.label == USER_LABEL:
        visible = users_visible_in_back_office(request.user).values("pk")
        kept = [pk for pk in keep if pk is not None]
        return queryset.filter(Q(pk__in=visible) | Q(pk__in=kept))
    path = scope_path(model, site)
    if path is None:
        return queryset
    condition = Q(**{f"{path}__in": managed_ids(request)})
    shared = SHARED_ROWS.get(model._meta.label)
    if shared is not None:
        condition |= shared
    return queryset.filter(condition)


def _current_people(form: BaseForm, name: str, field: ModelChoiceField[Any]) -> list[Any]:
    """The people the edited object already links to through field ``name``."""
    instance = getattr(form, "instance", None)
    if instance is None or instance.pk is None:
        return []
    try:
        model_field = instance._meta.get_field(name)
    except Exception:  # a form field that is not a model field
        return []
    if model_field.many_to_many:
        return list(getattr(instance, name).values_list("pk", flat=True))
    if model_field.is_relation and model_field.concrete:
        return [getattr(instance, model_field.attname)]
    return []


def _set_queryset(field: ModelChoiceField[Any], queryset: QuerySet[Any]) -> None:
    field.queryset = queryset
    # The admin wraps the widget (add/change links); the inner widget holds the choices.
    widget = field.widget
    while hasattr(widget, "widget"):
        widget = widget.widget
        if hasattr(widget, "choices"):
            widget.choices = field.choices


def scope_form_fields(form: BaseForm, *, request: HttpRequest, site: AdminSite | None) -> None:
    """Narrow every relation field of ``form`` to the user's municipalities."""
    for name, field in form.fields.items():
        if not isinstance(field, ModelChoiceField) or field.queryset is None:
            continue
        keep = _current_people(form, name, field)
        _set_queryset(field, scope_queryset(field.queryset, request=request, site=site, keep=keep))
        field.error_messages = {**field.error_messages, "invalid_choice": INVALID_CHOICE}


def scoped_form_class(
    form_class: type[Any], *, request: HttpRequest, site: AdminSite | None
) -> type[Any]:
    """A subclass of ``form_class`` whose relation fields offer the user's municipalities
    only, and which refuses to save an object outside them (checked on the server after
    the fields are cleaned, so a forged POST is caught too)."""
    from medvirk.accounts.access import user_is_platform_admin

    class ScopedForm(form_class):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            scope_form_fields(self, request=request, site=site)

        def _post_clean(self) -> None:
            super()._post_clean()
            if user_is_platform_admin(request.user) or self.errors:
                return
            instance = getattr(self, "instance", None)
            if instance is None or (instance.pk is None and not self.has_changed()):
                return
            path = scope_path(type(instance), site)
            if path is None:
                return
            try:
                municipality = municipality_id_of(instance, path)
            except ObjectDoesNotExist:
                municipality = None
            if municipality not in managed_ids(request):
                self.add_error(None, OUTSIDE_MUNICIPALITY)

    ScopedForm.__name__ = form_class.__name__
    ScopedForm.__qualname__ = form_class.__qualname__
    return ScopedForm


def scoped_formset_class(
    formset_class: type[Any], *, request: HttpRequest, site: AdminSite | None
) -> type[Any]:
    """``formset_class`` with scoped forms; the fields the formset adds to each form
    (the hidden ``id`` of an existing row, for one) are scoped too."""
    formset_class.form = scoped_form_class(formset_class.form, request=request, site=site)

    class ScopedFormSet(formset_class):
        def add_fields(self, form: BaseForm, index: int | None) -> None:
            super().add_fields(form, index)
            scope_form_fields(form, request=request, site=site)

    ScopedFormSet.__name__ = formset_class.__name__
    ScopedFormSet.__qualname__ = formset_class.__qualname__
    return ScopedFormSet


def ensure_in_scope(obj: models.Model, *, request: HttpRequest, site: AdminSite | None) -> None:
    """The last guard before a write: refuse an object outside the user's municipalities."""
    from medvirk.accounts.access import user_is_platform_admin

    if user_is_platform_admin(request.user):
        return
    path = scope_path(type(obj), site)
    if path is not None and municipality_id_of(obj, path) not in managed_ids(request):
        raise PermissionDenied


class ScopedRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A list filter by a related row that names only the user's municipality's rows."""

    def field_choices(self, field: Any, request: HttpRequest, model_admin: Any) -> Any:
        ordering = self.field_admin_ordering(field, request, model_admin)
        related = field.related_model
        visible = scope_queryset(
            related._default_manager.all(), request=request, site=model_admin.admin_site
        )
        return field.get_choices(
            include_blank=False,
            ordering=ordering,
            limit_choices_to={"pk__in": visible.values("pk")},
        )


class PlatformOnlyPermissions:
    """Permission methods that let platform administrators only in."""

    medvirk_scope = "platform"

    def _platform_only(self, request: HttpRequest) -> bool:
        from medvirk.accounts.access import user_is_platform_admin

        return user_is_platform_admin(request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._platform_only(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._platform_only(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._platform_only(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self._platform_only(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._platform_only(request)


def relation_fields_in_forms(site: AdminSite | None = None) -> Iterable[tuple[str, Any]]:
    """(where, related model) for every relation a municipality administrator may meet in a
    back-office form or list filter: the models of scoped admins and of their inlines."""
    site = _site(site)
    for model, model_admin in site._registry.items():
        if getattr(model_admin, "medvirk_scope", None) == "platform":
            continue
        for each in [model, *(inline.model for inline in model_admin.inlines)]:
            for field in each._meta.get_fields():
                # forward foreign keys, one-to-ones and many-to-manys
                if field.is_relation and not field.auto_created:
                    yield f"{each._meta.label}.{field.name}", field.related_model


def check_scopes(site: AdminSite | None = None) -> list[checks.CheckMessage]:
    """Every related model a municipality administrator may meet has a known scope, and
    every registered admin either scopes its rows or lets platform administrators only in."""
    site = _site(site)
    errors: list[checks.CheckMessage] = []
    for model, model_admin in site._registry.items():
        if not getattr(model_admin, "medvirk_scope", None):
            errors.append(
                checks.Error(
                    f"The admin of {model._meta.label} says nothing about municipalities.",
                    hint="Use MunicipalityScopedAdmin or PlatformOnlyAdmin.",
                    obj=type(model_admin),
                    id="medvirk.E002",
                )
            )
    for model, model_admin in site._registry.items():
        if getattr(model_admin, "medvirk_scope", None) != "municipality":
            continue
        for inline in model_admin.inlines:
            if getattr(inline, "medvirk_scope", None) != "municipality":
                errors.append(
                    checks.Error(
                        f"The inline {inline.__name__} of {model._meta.label} is not scoped.",
                        hint="Use ScopedTabularInline or ScopedStackedInline.",
                        obj=inline,
                        id="medvirk.E003",
                    )
                )
    for where, related in relation_fields_in_forms(site):
        try:
            scope_path(related, site)
        except UnknownScope as error:
            errors.append(checks.Error(f"{where}: {error}", id="medvirk.E001"))
    return errors


@checks.register(checks.Tags.admin)
def _check_admin_scopes(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    return check_scopes()
