"""Reads of the followup app: what the report and the answering pages need, in a fixed
number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from medvirk.followup.models import Decision, Report, ResponseStatus
from medvirk.participation.models import Activity, Channel, Input, Visibility

TABLE_PER_PAGE = 50


@dataclass(frozen=True)
class Count_:
    label: str
    count: int


@dataclass(frozen=True)
class ReportData:
    total: int
    by_channel: list[Count_]
    by_district: list[Count_]
    by_status: list[Count_]
    decisions: list[Decision]


def report_get(*, activity: Activity) -> Report | None:
    return Report.objects.filter(activity=activity).first()


def report_is_published(*, activity: Activity) -> bool:
    """Whether the activity's report is out, so that links to it lead somewhere."""
    return Report.objects.filter(activity=activity, published_at__isnull=False).exists()


def _counted(activity: Activity) -> QuerySet[Input]:
    return Input.objects.filter(activity=activity).exclude(visibility=Visibility.PENDING)


def report_data(*, activity: Activity) -> ReportData:
    inputs = _counted(activity)
    channel_labels = dict(Channel.choices)
    by_channel = [
        Count_(str(channel_labels.get(row["channel"], row["channel"])), row["n"])
        for row in inputs.values("channel").annotate(n=Count("id")).order_by("-n")
    ]
    by_district = [
        Count_(row["district__name"] or _("Not tied to a district"), row["n"])
        for row in inputs.values("district__name").annotate(n=Count("id")).order_by("-n")
    ]
    status_labels = dict(ResponseStatus.choices)
    status_counts: dict[str, int] = {}
    for row in inputs.values("response__status").annotate(n=Count("id")):
        key = row["response__status"] or ResponseStatus.RECEIVED
        status_counts[key] = status_counts.get(key, 0) + row["n"]
    by_status = [
        Count_(str(status_labels[key]), status_counts[key])
        for key in ResponseStatus.values
        if key in status_counts
    ]
    decisions = list(
        Decision.objects.filter(activity=activity).prefetch_related(
            Prefetch("inputs", queryset=Input.objects.only("id", "activity_id").order_by("id"))
        )
    )
    return ReportData(
        total=sum(c.count for c in by_channel),
        by_channel=by_channel,
        by_district=by_district,
        by_status=by_status,
        decisions=decisions,
    )


def report_inputs(*, activity: Activity) -> QuerySet[Input]:
    """Every counted input with its answer, oldest first (the merknadsbehandling table)."""
    return (
        _counted(activity)
        .select_related("response", "section", "district")
        .order_by("created_at", "id")
    )


def report_page_of(*, input: Input) -> int:
    """The page of the report table on which the input stands."""
    before = (
        _counted(input.activity)
        .filter(
            Q(created_at__lt=input.created_at) | Q(created_at=input.created_at, id__lt=input.pk)
        )
        .count()
    )
    return before // TABLE_PER_PAGE + 1


def report_page(*, activity: Activity, page: Any) -> Page[Input]:
    return Paginator(report_inputs(activity=activity), TABLE_PER_PAGE).get_page(page)


def answer_page(*, activity: Activity, page: Any, unanswered_only: bool) -> Page[Input]:
    queryset = (
        Input.objects.filter(activity=activity)
        .exclude(visibility=Visibility.PENDING)
        .select_related("response", "section")
        .order_by("-created_at", "-id")
    )
    if unanswered_only:
        queryset = queryset.filter(response__isnull=True)
    return Paginator(queryset, TABLE_PER_PAGE).get_page(page)


def inputs_of_user(*, user: Any) -> QuerySet[Input]:
    """The user's inputs, newest first, each with ``report_published_at`` (the
    publication time of its activity's report, or None while there is none)."""
    return (
        Input.objects.filter(author=user)
        .select_related("activity__municipality", "response", "section")
        .annotate(report_published_at=F("activity__report__published_at"))
        .order_by("-created_at", "-id")
    )
