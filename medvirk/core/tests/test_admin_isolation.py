"""Tenant isolation in the back office, proved for every registered admin.

Two municipalities get one row of every model (built generically from the models' own
fields, so a new model is covered without touching this file). The administrator of the
second ("Kongsberg") then tries, through every admin in ``admin.site._registry``, to list,
open, change, delete, pick, filter by and autocomplete the first's ("Drammen") rows.
Nothing of Drammen's may be shown, offered or written."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.admin.sites import AdminSite
from django.core.validators import MinValueValidator
from django.db import models
from django.forms import BaseForm, FileField, ModelChoiceField, SplitDateTimeField
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from medvirk.accounts.access import users_visible_in_back_office
from medvirk.accounts.models import Role, RoleAssignment, User
from medvirk.accounts.tests.factories import UserFactory, user_with_role
from medvirk.core.admin import MunicipalityScopedAdmin
from medvirk.core.admin_scope import (
    INSTALLATION_WIDE,
    INVALID_CHOICE,
    OUTSIDE_MUNICIPALITY,
    SHARED_ROWS,
    UnknownScope,
    check_scopes,
    municipality_id_of,
    scope_path,
)
from medvirk.places.models import Municipality
from medvirk.places.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

REGISTRY = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
LABELS = [model._meta.label for model, _ in REGISTRY]
ADMINS = dict(REGISTRY)


def _admin_for(label: str) -> tuple[type[models.Model], Any]:
    return next(
        (model, model_admin) for model, model_admin in REGISTRY if model._meta.label == label
    )


def _url(model: type[models.Model], view: str, *args: Any) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


# -- building one row of every model, generically -------------------------------------

_counter = itertools.count(1000)


def _later(name: str) -> bool:
    return name.startswith(("end", "close", "last", "until"))


def _value(field: models.Field[Any, Any]) -> Any:
    """A valid value for a required field, from its type alone."""
    n = next(_counter)
    if field.choices:
        return field.choices[0][0]
    later = _later(field.name)
    if isinstance(field, models.EmailField):
        return f"p{n}@medvirk.example"
    if isinstance(field, models.URLField):
        return f"https://medvirk.example/{n}"
    if isinstance(field, (models.CharField, models.TextField)):
        # Digits satisfy the number and postcode validators, and are valid slugs.
        max_length = field.max_length or 20
        return str(n)[-max_length:]
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.DecimalField):
        return Decimal(1)
    if isinstance(field, (models.IntegerField, models.FloatField)):
        minimum = [v.limit_value for v in field.validators if isinstance(v, MinValueValidator)]
        return max([1, *minimum])
    if isinstance(field, models.DateTimeField):
        return timezone.now() + dt.timedelta(days=30, hours=2 if later else 0)
    if isinstance(field, models.DateField):
        return timezone.localdate() + dt.timedelta(days=60 if later else 30)
    if isinstance(field, models.TimeField):
        return dt.time(12 if later else 10, 0)
    if isinstance(field, models.DurationField):
        return dt.timedelta(hours=1)
    if isinstance(field, models.JSONField):
        return {}
    if isinstance(field, models.FileField):
        return f"test/{n}.jpg"
    if isinstance(field, models.UUIDField):
        import uuid

        return uuid.uuid4()
    raise NotImplementedError(f"no generic value for {field!r}")


def _installation_wide(model: type[models.Model]) -> bool:
    """Reference data, and the rows of admins open to platform administrators only."""
    model_admin = ADMINS.get(model)
    platform = getattr(model_admin, "medvirk_scope", None) == "platform"
    return model._meta.label in INSTALLATION_WIDE or platform


# Where the generic values break a model's own rules.
OVERRIDES: dict[str, dict[str, Any]] = {
    "accounts.RoleAssignment": {"role": Role.CASE_OFFICER},
    "indicators.Observation": {"value": Decimal(1)},
}


class World:
    """One row of each model for each municipality, built on demand and cached."""

    def __init__(self) -> None:
        self.rows: dict[tuple[type[models.Model], int | None], models.Model] = {}

    def row(self, model: type[models.Model], municipality: Municipality) -> models.Model:
        if _installation_wide(model):
            key: tuple[type[models.Model], int | None] = (model, None)
        else:
            key = (model, municipality.pk)
        if key not in self.rows:
            existing = model._default_manager.first() if key[1] is None else None
            self.rows[key] = existing or self.create(model, municipality)
        return self.rows[key]

    def create(self, model: type[models.Model], municipality: Municipality) -> models.Model:
        if model is Municipality:
            return municipality
        if model is User:
            # A person known to this municipality only: a case officer there.
            return user_with_role(Role.CASE_OFFICER, municipality=municipality)
        label = model._meta.label
        path = None if _installation_wide(model) else scope_path(model)
        first = path.split("__")[0] if path else None
        unique_together = {
            name
            for constraint in model._meta.constraints
            if isinstance(constraint, models.UniqueConstraint)
            for name in constraint.fields
        } | {name for names in model._meta.unique_together for name in names}
        values: dict[str, Any] = {}
        for field in model._meta.concrete_fields:
            if field.primary_key or getattr(field, "auto_now", False):
                continue
            if getattr(field, "auto_now_add", False):
                continue
            if field.is_relation:
                if field.null and field.name != first:
                    continue
                related = field.related_model
                # A unique link needs a row of its own, except to the municipality.
                fresh = field.one_to_one or field.unique or field.name in unique_together
                values[field.name] = (
                    self.create(related, municipality)
                    if fresh and related is not Municipality and not _installation_wide(related)
                    else self.row(related, municipality)
                )
            elif field.has_default() or field.null:
                continue
            elif field.blank and isinstance(field, (models.CharField, models.TextField)):
                if not field.unique:
                    continue
                values[field.name] = _value(field)
            else:
                values[field.name] = _value(field)
        values.update(OVERRIDES.get(label, {}))
        return model._default_manager.create(**values)


@pytest.fixture
def world() -> dict[str, Any]:
    """Drammen (the victim) and Kongsberg (the administrator's own), with one row of every
    registered model and of every model edited inline, in each."""
    drammen = MunicipalityFactory(name="Drammen")
    kongsberg = MunicipalityFactory(name="Kongsberg")
    built = World()
    for model, model_admin in REGISTRY:
        models_here = [model, *(inline.model for inline in model_admin.inlines)]
        for each in models_here:
            for municipality in (drammen, kongsberg):
                built.row(each, municipality)
    administrator = user_with_role(Role.MUNICIPALITY_ADMIN, municipality=kongsberg)
    drammen_admin = user_with_role(Role.MUNICIPALITY_ADMIN, municipality=drammen)
    return {
        "drammen": drammen,
        "kongsberg": kongsberg,
        "built": built,
        "administrator": administrator,
        "drammen_admin": drammen_admin,
    }


@pytest.fixture
def kongsberg_client(client: Client, world: dict[str, Any]) -> Client:
    client.force_login(world["administrator"])
    return client


def _drammen_row(world: dict[str, Any], model: type[models.Model]) -> models.Model:
    return world["built"].row(model, world["drammen"])


def _own_row(world: dict[str, Any], model: type[models.Model]) -> models.Model:
    return world["built"].row(model, world["kongsberg"])


def _belongs_to_kongsberg(obj: models.Model, world: dict[str, Any]) -> bool:
    """Whether Kongsberg's administrator may see or pick ``obj``."""
    model = type(obj)
    label = model._meta.label
    if label in INSTALLATION_WIDE:
        return True
    if model is User:
        return users_visible_in_back_office(world["administrator"]).filter(pk=obj.pk).exists()
    shared = SHARED_ROWS.get(label)
    if shared is not None and model._default_manager.filter(shared, pk=obj.pk).exists():
        return True
    return municipality_id_of(obj, scope_path(model) or "pk") == world["kongsberg"].pk


def _foreign_candidate(world: dict[str, Any], model: type[models.Model]) -> models.Model | None:
    """Drammen's row of ``model`` (Drammen's administrator, for people); ``None`` for
    installation-wide models, which have nothing foreign."""
    if model._meta.label in INSTALLATION_WIDE:
        return None
    if model is User:
        return world["drammen_admin"]
    return _drammen_row(world, model)


# -- the scope registry -----------------------------------------------------------------


def test_every_admin_and_every_relation_has_a_known_scope() -> None:
    """The system check finds every registered admin scoped (or platform only) and every
    related model's way to its municipality known."""
    assert check_scopes() == []
    for model, model_admin in REGISTRY:
        assert getattr(model_admin, "medvirk_scope", None) in {
            "municipality",
            "platform",
            "people",
        }, model


def test_an_unknown_scope_fails_loudly() -> None:
    """A scoped admin whose model links to a model nobody classified is an error, both in
    the system check and when the form is built."""
    from medvirk.participation.models import Input

    site = AdminSite(name="probe")

    class BareInputAdmin(MunicipalityScopedAdmin):
        municipality_path = "activity__municipality"

    site.register(Input, BareInputAdmin)  # Activity, Section and District unregistered here
    errors = check_scopes(site)
    assert {error.id for error in errors} == {"medvirk.E001"}
    assert any("participation.Activity" in error.msg for error in errors)
    with pytest.raises(UnknownScope):
        from medvirk.participation.models import Activity

        scope_path(Activity, site)


def test_third_party_admins_are_for_platform_administrators_only(
    kongsberg_client: Client,
) -> None:
    """Admins that know nothing of municipalities (groups, login log, tasks) are closed to
    municipality administrators."""
    outside = [m for m, a in REGISTRY if not m.__module__.startswith("medvirk.")]
    assert outside, "expected Django's and third parties' admins in the registry"
    for model in outside:
        assert ADMINS[model].medvirk_scope == "platform"
        assert kongsberg_client.get(_url(model, "changelist")).status_code == 403


# -- every admin, walked ----------------------------------------------------------------


def _post_data(form: BaseForm) -> dict[str, Any]:
    """What the browser would send for ``form`` unchanged."""
    data: dict[str, Any] = {}
    for bound in form:
        name = bound.html_name
        value = bound.value()
        field = bound.field
        if field.disabled or isinstance(field, FileField):
            continue
        if isinstance(field, SplitDateTimeField):
            if value:
                local = timezone.localtime(value) if timezone.is_aware(value) else value
                data[f"{name}_0"] = local.date().isoformat()
                data[f"{name}_1"] = local.time().strftime("%H:%M:%S")
            continue
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        if isinstance(value, (list, tuple)):
            data[name] = [str(each) for each in value]
            continue
        if value is None:
            data[name] = ""
        elif isinstance(value, dt.datetime):
            data[name] = value.isoformat()
        else:
            data[name] = str(value)
    return data


def _inline_data(formsets: list[Any]) -> dict[str, Any]:
    """The inline formsets as sent unchanged: their existing rows, no new ones."""
    data: dict[str, Any] = {}
    for inline_formset in formsets:
        formset = inline_formset.formset
        prefix = formset.prefix
        initial = formset.initial_forms
        data[f"{prefix}-TOTAL_FORMS"] = str(len(initial))
        data[f"{prefix}-INITIAL_FORMS"] = str(len(initial))
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
        for form in initial:
            data.update(_post_data(form))
    return data


def _forms_of(response: Any) -> Iterator[tuple[str, BaseForm]]:
    """The main form and every inline form (existing rows and the empty template)."""
    yield "form", response.context["adminform"].form
    for inline_formset in response.context["inline_admin_formsets"]:
        formset = inline_formset.formset
        for form in [*formset.forms, formset.empty_form]:
            yield formset.prefix, form


def _relation_fields(form: BaseForm) -> Iterator[tuple[str, ModelChoiceField[Any]]]:
    for name, field in form.fields.items():
        if isinstance(field, ModelChoiceField):
            yield name, field


def _errors_of(response: Any, key: str) -> list[str]:
    """The errors the page reports for the field posted as ``key`` (hidden ones too)."""
    for _prefix, form in _forms_of(response):
        for name in form.fields:
            if form.add_prefix(name) == key:
                return [str(error) for error in form.errors.get(name, [])]
    raise AssertionError(f"{key} is not on the page")


def _assert_choices_are_own(response: Any, world: dict[str, Any], where: str) -> None:
    for prefix, form in _forms_of(response):
        for name, field in _relation_fields(form):
            offered = list(field.queryset)
            foreign = [obj for obj in offered if not _belongs_to_kongsberg(obj, world)]
            assert not foreign, f"{where} {prefix}.{name} offers {foreign}"
            candidate = _foreign_candidate(world, field.queryset.model)
            if candidate is not None:
                assert candidate not in offered, f"{where} {prefix}.{name}"
                # The rendered options, too (the admin wraps the widget).
                rendered = str(form[name])
                assert f'value="{candidate.pk}"' not in rendered, f"{where} {prefix}.{name}"


@pytest.mark.parametrize("label", LABELS)
def test_changelist_shows_no_foreign_rows(
    kongsberg_client: Client, world: dict[str, Any], label: str
) -> None:
    """The list holds Kongsberg's rows only, and its filters name none of Drammen's."""
    model, _ = _admin_for(label)
    response = kongsberg_client.get(_url(model, "changelist"))
    assert response.status_code in {200, 403}
    if response.status_code == 403:
        return
    changelist = response.context["cl"]
    shown = list(changelist.queryset)
    assert shown, f"{label}: Kongsberg's own row is missing from its list"
    assert all(_belongs_to_kongsberg(obj, world) for obj in shown), label
    foreign = _foreign_candidate(world, model)
    assert foreign is None or foreign not in shown
    for spec in changelist.filter_specs:
        if not isinstance(spec, admin.RelatedFieldListFilter):
            continue
        for value, _title in spec.lookup_choices:
            obj = spec.field.related_model._default_manager.get(pk=value)
            assert _belongs_to_kongsberg(obj, world), f"{label} filter offers {obj!r}"


@pytest.mark.parametrize("label", LABELS)
def test_foreign_row_cannot_be_opened_changed_or_deleted(
    kongsberg_client: Client, world: dict[str, Any], label: str
) -> None:
    """Drammen's row answers 403/404 (or a redirect to the index) on the change, delete and
    history pages, and a change or delete POST leaves it as it was."""
    model, model_admin = _admin_for(label)
    if model_admin.medvirk_scope == "platform":
        foreign = _drammen_row(world, model)  # any row: none is a municipality's to touch
    else:
        foreign = _foreign_candidate(world, model)
    assert foreign is not None
    before = {f.attname: getattr(foreign, f.attname) for f in model._meta.concrete_fields}
    for view in ("change", "delete", "history"):
        response = kongsberg_client.get(_url(model, view, foreign.pk))
        assert response.status_code in {302, 403, 404}, (label, view)
        if response.status_code == 302:
            assert response["Location"] == reverse("admin:index"), (label, view)
    response = kongsberg_client.post(_url(model, "change", foreign.pk), {"_save": "Save"})
    assert response.status_code in {302, 403, 404}
    response = kongsberg_client.post(_url(model, "delete", foreign.pk), {"post": "yes"})
    assert response.status_code in {302, 403, 404}
    response = kongsberg_client.post(
        _url(model, "changelist"),
        {"action": "delete_selected", "_selected_action": [foreign.pk], "post": "yes"},
    )
    assert response.status_code in {200, 302, 403}
    foreign.refresh_from_db()
    after = {f.attname: getattr(foreign, f.attname) for f in model._meta.concrete_fields}
    assert after == before


@pytest.mark.parametrize("label", LABELS)
def test_forms_offer_only_own_rows_and_refuse_foreign_ones(
    kongsberg_client: Client, world: dict[str, Any], label: str
) -> None:
    """On the add and change pages, every relation (in inlines too) offers Kongsberg's rows
    only; the own row saves unchanged; a POST naming Drammen's row in any relation is
    refused with the translated error and writes nothing."""
    model, model_admin = _admin_for(label)
    own = _own_row(world, model)
    count = model._default_manager.count()

    add = kongsberg_client.get(_url(model, "add"))
    assert add.status_code in {200, 403}
    if add.status_code == 200:
        _assert_choices_are_own(add, world, f"{label} add")

    change = kongsberg_client.get(_url(model, "change", own.pk))
    assert change.status_code in {200, 403}, label
    if change.status_code == 403:
        assert model_admin.medvirk_scope == "platform"
        return
    _assert_choices_are_own(change, world, f"{label} change")
    if not model_admin.has_change_permission(change.wsgi_request, own):
        return  # read only: nothing can be posted

    baseline = {
        **_post_data(change.context["adminform"].form),
        **_inline_data(change.context["inline_admin_formsets"]),
        "_save": "Save",
    }
    saved = kongsberg_client.post(_url(model, "change", own.pk), baseline)
    errors = saved.context and saved.context.get("errors")
    assert saved.status_code == 302, f"{label}: own row did not save: {errors}"

    probes: list[tuple[str, str, Any, Any]] = []  # (field key, name, foreign row, form prefix)
    for prefix, form in _forms_of(change):
        if form.prefix and "__prefix__" in form.prefix:
            continue
        for name, field in _relation_fields(form):
            candidate = _foreign_candidate(world, field.queryset.model)
            if candidate is not None:
                probes.append((form.add_prefix(name), name, candidate, prefix))
    for key, _name, candidate, prefix in probes:
        data = dict(baseline)
        data[key] = [str(candidate.pk)] if isinstance(data.get(key), list) else str(candidate.pk)
        for url in (_url(model, "change", own.pk), _url(model, "add")):
            if url.endswith("/add/") and (add.status_code != 200 or prefix != "form"):
                continue
            response = kongsberg_client.post(url, data)
            assert response.status_code == 200, f"{label}: {key}={candidate!r} was accepted"
            assert str(INVALID_CHOICE) in _errors_of(response, key), (label, key)
    # A row whose own link to the municipality is left empty belongs to no municipality
    # (an installation-wide method, say): refused as well.
    first = (scope_path(model) or "pk").split("__")[0]
    main_form = change.context["adminform"].form
    if first in main_form.fields and not main_form.fields[first].required:
        data = {**baseline, first: ""}
        response = kongsberg_client.post(_url(model, "change", own.pk), data)
        assert response.status_code == 200, f"{label}: emptied {first} was accepted"
        # Refused by the scope check, or earlier by the model's own rules.
        assert response.context["adminform"].form.errors, label
    assert model._default_manager.count() == count
    own_now = model._default_manager.get(pk=own.pk)
    for field in model._meta.concrete_fields:
        if field.is_relation:
            assert getattr(own_now, field.attname) == getattr(own, field.attname), (label, field)


@pytest.mark.parametrize("label", LABELS)
def test_autocomplete_offers_no_foreign_rows(
    kongsberg_client: Client, world: dict[str, Any], label: str
) -> None:
    """The autocomplete endpoint, asked about any relation of the model, answers with
    Kongsberg's rows only (or refuses)."""
    model, _ = _admin_for(label)
    for field in model._meta.get_fields():
        if not field.is_relation or field.auto_created:
            continue
        response = kongsberg_client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": model._meta.app_label,
                "model_name": model._meta.model_name,
                "field_name": field.name,
                "term": "",
            },
        )
        assert response.status_code in {200, 403, 404}
        if response.status_code != 200:
            continue
        related = field.related_model
        for result in response.json()["results"]:
            obj = related._default_manager.get(pk=result["id"])
            assert _belongs_to_kongsberg(obj, world), (label, field.name, obj)


# -- people and roles -------------------------------------------------------------------


def test_people_list_holds_only_people_known_to_the_municipality(
    kongsberg_client: Client, world: dict[str, Any]
) -> None:
    """Users are installation-wide: Kongsberg's administrator sees Kongsberg's role holders
    only, never Drammen's or residents without a role."""
    stranger = UserFactory()
    response = kongsberg_client.get(_url(User, "changelist"))
    shown = set(response.context["cl"].queryset)
    assert world["administrator"] in shown
    assert world["drammen_admin"] not in shown
    assert stranger not in shown
    assert kongsberg_client.get(_url(User, "change", stranger.pk)).status_code == 302


def test_role_is_granted_by_exact_email_address(
    kongsberg_client: Client, world: dict[str, Any]
) -> None:
    """A new person is named by their exact e-mail address; no list of people is offered,
    an unknown address gets a clear error, and the role lands in Kongsberg."""
    add = kongsberg_client.get(_url(RoleAssignment, "add"))
    assert "user" not in add.context["adminform"].form.fields
    newcomer = UserFactory(email="ny.saksbehandler@kongsberg.example")
    data = {
        "person_email": "finnes.ikke@kongsberg.example",
        "role": Role.CASE_OFFICER,
        "municipality": str(world["kongsberg"].pk),
        "district": "",
        "_save": "Save",
    }
    refused = kongsberg_client.post(_url(RoleAssignment, "add"), data)
    assert refused.status_code == 200
    assert "person_email" in refused.context["adminform"].form.errors
    data["person_email"] = "Ny.Saksbehandler@kongsberg.example"
    granted = kongsberg_client.post(_url(RoleAssignment, "add"), data)
    assert granted.status_code == 302
    assignment = RoleAssignment.objects.get(user=newcomer)
    assert assignment.municipality == world["kongsberg"]
    assert assignment.granted_by == world["administrator"]
    data["municipality"] = str(world["drammen"].pk)
    data["person_email"] = newcomer.email
    refused = kongsberg_client.post(_url(RoleAssignment, "add"), data)
    assert refused.status_code == 200
    assert RoleAssignment.objects.filter(user=newcomer).count() == 1


def test_municipality_admin_opens_and_saves_own_municipality(
    kongsberg_client: Client, world: dict[str, Any]
) -> None:
    """The administrator's own municipality page opens (no prepopulated read-only slug)
    and saves."""
    kongsberg = world["kongsberg"]
    page = kongsberg_client.get(_url(Municipality, "change", kongsberg.pk))
    assert page.status_code == 200
    data = {**_post_data(page.context["adminform"].form), "_save": "Save"}
    data["administrative_centre"] = "Kongsberg sentrum"
    saved = kongsberg_client.post(_url(Municipality, "change", kongsberg.pk), data)
    assert saved.status_code == 302
    kongsberg.refresh_from_db()
    assert kongsberg.administrative_centre == "Kongsberg sentrum"


def test_platform_administrator_is_offered_every_municipality(
    client: Client, world: dict[str, Any]
) -> None:
    """The narrowing is for municipality administrators: a platform administrator picks
    among every municipality's rows."""
    from medvirk.participation.models import Activity, Input

    client.force_login(user_with_role(Role.PLATFORM_ADMIN))
    form = client.get(_url(Input, "add")).context["adminform"].form
    offered = set(form.fields["activity"].queryset)
    assert _drammen_row(world, Activity) in offered
    assert _own_row(world, Activity) in offered


def test_municipality_administrator_cannot_make_an_installation_wide_method(
    kongsberg_client: Client, world: dict[str, Any]
) -> None:
    """A method without a municipality belongs to the whole installation; a municipality
    administrator who leaves the municipality empty is refused and nothing is made."""
    from medvirk.participation.models import Method

    page = kongsberg_client.get(_url(Method, "add"))
    data = {**_post_data(page.context["adminform"].form), "_save": "Save"}
    data.update({"name_nb": "Felles metode", "slug": "felles-metode", "municipality": ""})
    for key, value in _post_data(
        kongsberg_client.get(_url(Method, "change", _own_row(world, Method).pk))
        .context["adminform"]
        .form
    ).items():
        data.setdefault(key, value)
        if not data[key] and key not in {"municipality"}:
            data[key] = value
    count = Method.objects.count()
    response = kongsberg_client.post(_url(Method, "add"), data)
    assert response.status_code == 200
    assert str(OUTSIDE_MUNICIPALITY) in response.content.decode()
    assert Method.objects.count() == count
    data["municipality"] = str(world["kongsberg"].pk)
    assert kongsberg_client.post(_url(Method, "add"), data).status_code == 302
    assert Method.objects.get(slug="felles-metode").municipality == world["kongsberg"]
