"""Factories for activities and inputs. Activities are made through the service, with
phases placed so that the wanted phase is the current one."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.utils import timezone

from medvirk.participation import services
from medvirk.participation.models import Activity, Input, InputKind, Method, PhaseKind
from medvirk.places.models import District, Municipality
from medvirk.places.tests.factories import DistrictFactory

METHOD_FOR_KIND = {
    InputKind.IDEA: "ideinnsamling",
    InputKind.COMMENT: "horing-pa-utkast",
    InputKind.SURVEY: "sporreundersokelse",
    InputKind.MAP: "kartinnspill",
    InputKind.STATEMENT: "pastander",
}


def phases_for(current: str, today: datetime.date | None = None) -> dict[str, Any]:
    """Phase dates such that ``current`` is the phase today: each phase lasts ten days,
    and the current one started five days ago."""
    today = today or timezone.localdate()
    order = [k.value for k in PhaseKind]
    index = order.index(current)
    result: dict[str, Any] = {}
    for position, kind in enumerate(order):
        starts = today + datetime.timedelta(days=(position - index) * 10 - 5)
        ends = starts + datetime.timedelta(days=9) if position < len(order) - 1 else None
        result[kind] = (starts, ends)
    return result


def make_activity(
    *,
    district: District | None = None,
    municipality: Municipality | None = None,
    kind: str = InputKind.IDEA,
    phase: str = PhaseKind.OPEN,
    **fields: Any,
) -> Activity:
    if district is None and municipality is None:
        district = DistrictFactory()
    municipality = municipality or (district.municipality if district else None)
    assert municipality is not None
    slug = fields.pop("slug", f"aktivitet-{uuid.uuid4().hex[:8]}")
    if not Method.objects.filter(slug=METHOD_FOR_KIND[kind]).exists():
        services.methods_seed()  # a transactional test before this one emptied the table
    return services.activity_start(
        actor=None,
        municipality=municipality,
        district=district,
        method=Method.objects.get(slug=METHOD_FOR_KIND[kind]),
        slug=slug,
        title=fields.pop("title", "Hva skal skje på bydelshuset?"),
        summary=fields.pop("summary", "Kom med idéer."),
        owner_name=fields.pop("owner_name", "Nærutvalget"),
        input_kind=kind,
        phases=phases_for(phase),
        check_access=False,
        **fields,
    )


def submission(kind: str = InputKind.IDEA, **fields: Any) -> services.Submission:
    fields.setdefault("submission_key", uuid.uuid4().hex)
    if kind == InputKind.IDEA:
        fields.setdefault("title", "Leksehjelp")
        fields.setdefault("text", "Leksehjelp for ungdom på tirsdager.")
    return services.Submission(kind=kind, **fields)


def make_input(activity: Activity, **fields: Any) -> Input:
    session = fields.pop("session_key", uuid.uuid4().hex)
    user = fields.pop("user", None)
    address = fields.pop("address", "127.0.0.1")
    return services.input_submit(
        activity=activity,
        submission=submission(activity.input_kind, **fields),
        user=user,
        session_key=session,
        address=address,
    )
