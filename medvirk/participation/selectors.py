"""Reads of the participation app. Views call these; each list runs a fixed number of
queries whatever the number of rows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from medvirk.participation.models import (
    Activity,
    Answer,
    Document,
    Flag,
    Input,
    Method,
    ModerationAction,
    Phase,
    PhaseKind,
    Question,
    QuestionKind,
    Section,
    Visibility,
)
from medvirk.places.models import District, Municipality

INPUTS_PER_PAGE = 25


def method_list(*, municipality: Municipality) -> QuerySet[Method]:
    """The installation's methods, the municipality's own, and those others share."""
    return Method.objects.filter(
        Q(municipality=None) | Q(municipality=municipality) | Q(is_shared=True)
    ).select_related("municipality")


def method_get(*, municipality: Municipality, slug: str) -> Method:
    method = method_list(municipality=municipality).filter(slug=slug).first()
    if method is None:
        raise Http404("method")
    return method


def _activities() -> QuerySet[Activity]:
    return Activity.objects.select_related("municipality", "district", "method").prefetch_related(
        Prefetch("phases", queryset=Phase.objects.order_by("starts_on"))
    )


def activity_list(
    *,
    municipality: Municipality,
    district: District | None = None,
    theme: str = "",
    open_on: datetime.date | None = None,
) -> QuerySet[Activity]:
    """Activities of the municipality; with ``district``, those of the district and the
    whole municipality; with ``open_on``, only those open for input that day, soonest
    deadline first."""
    queryset = (
        _activities()
        .filter(municipality=municipality)
        .annotate(public_inputs=Count("inputs", filter=Q(inputs__visibility=Visibility.PUBLISHED)))
    )
    if district is not None:
        queryset = queryset.filter(Q(district=district) | Q(district=None))
    if theme:
        queryset = queryset.filter(theme__iexact=theme)
    if open_on is not None:
        open_phase = Phase.objects.filter(
            activity=OuterRef("pk"), kind=PhaseKind.OPEN, starts_on__lte=open_on
        ).filter(Q(ends_on__gte=open_on) | Q(ends_on=None))
        later = Phase.objects.filter(
            activity=OuterRef("pk"),
            starts_on__lte=open_on,
            kind__in=[PhaseKind.SUMMARISING, PhaseKind.REPORTING, PhaseKind.CLOSED],
        )
        queryset = queryset.filter(Exists(open_phase), ~Exists(later))
    return queryset.order_by("-created_at")


def activity_themes(*, municipality: Municipality) -> list[str]:
    return sorted(
        set(
            Activity.objects.filter(municipality=municipality)
            .exclude(theme="")
            .values_list("theme", flat=True)
        )
    )


def activity_get(*, municipality: Municipality, slug: str) -> Activity:
    try:
        return _activities().get(municipality=municipality, slug=slug)
    except Activity.DoesNotExist as exc:
        raise Http404("activity") from exc


def activity_at(*, municipality_slug: str, activity_slug: str) -> Activity:
    """The activity at its address ``/<municipality>/aktivitet/<activity>/``, or 404."""
    from medvirk.places.selectors import municipality_get

    return activity_get(municipality=municipality_get(slug=municipality_slug), slug=activity_slug)


def document_current(*, activity: Activity) -> Document | None:
    return (
        Document.objects.filter(activity=activity)
        .prefetch_related(Prefetch("sections", queryset=Section.objects.order_by("number")))
        .order_by("-version")
        .first()
    )


def document_versions(*, activity: Activity) -> list[Document]:
    return list(Document.objects.filter(activity=activity).order_by("-version"))


def questions(*, activity: Activity) -> list[Question]:
    return list(Question.objects.filter(activity=activity).order_by("number"))


@dataclass
class ChoiceCount:
    label: str
    count: int
    percent: int = 0


@dataclass
class QuestionSummary:
    """What the published answers to one survey question add up to."""

    question: Question
    answered: int = 0
    counts: list[ChoiceCount] = field(default_factory=list)
    average: float | None = None


@dataclass
class SurveySummary:
    respondents: int
    questions: list[QuestionSummary]


def survey_summary(*, activity: Activity) -> SurveySummary:
    """The published survey answers summed up per question: how many answered, the count
    of each choice (a scale counts each of 1 to 5) and the average of a scale. Free text
    is only counted; each answer stays readable on its own input page. Three queries,
    whatever the number of answers."""
    published = Input.objects.filter(activity=activity, visibility=Visibility.PUBLISHED)
    summaries = {
        q.pk: QuestionSummary(question=q)
        for q in Question.objects.filter(activity=activity).order_by("number")
    }
    tallies: dict[int, dict[str, int]] = {pk: {} for pk in summaries}
    totals: dict[int, int] = dict.fromkeys(summaries, 0)
    for question_id, text, choices, number in Answer.objects.filter(
        input__in=published
    ).values_list("question_id", "text", "choices", "number"):
        summary = summaries.get(question_id)
        if summary is None:
            continue
        kind = summary.question.kind
        tally = tallies[question_id]
        if kind == QuestionKind.SINGLE and text:
            tally[text] = tally.get(text, 0) + 1
        elif kind == QuestionKind.MULTIPLE and choices:
            for choice in choices:
                tally[choice] = tally.get(choice, 0) + 1
        elif kind == QuestionKind.SCALE and number:
            tally[str(number)] = tally.get(str(number), 0) + 1
            totals[question_id] += number
        elif kind == QuestionKind.TEXT and text.strip():
            pass
        else:
            continue
        summary.answered += 1
    for pk, summary in summaries.items():
        kind = summary.question.kind
        labels: list[str] = []
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            offered = [str(c) for c in summary.question.choices]
            labels = offered + sorted(set(tallies[pk]) - set(offered))
        elif kind == QuestionKind.SCALE:
            labels = [str(n) for n in range(1, 6)]
            if summary.answered:
                summary.average = round(totals[pk] / summary.answered, 1)
        summary.counts = [
            ChoiceCount(
                label=label,
                count=tallies[pk].get(label, 0),
                percent=round(100 * tallies[pk].get(label, 0) / summary.answered)
                if summary.answered
                else 0,
            )
            for label in labels
        ]
    return SurveySummary(respondents=published.count(), questions=list(summaries.values()))


def input_queryset(*, activity: Activity) -> QuerySet[Input]:
    """Inputs with what their list needs, in one query per page."""
    return (
        Input.objects.filter(activity=activity)
        .select_related("section", "statement", "response")
        .order_by("-created_at", "-id")
    )


def input_page(
    *,
    activity: Activity,
    page: int | str | None,
    section_id: int | None = None,
    include_hidden: bool = True,
) -> Page[Input]:
    """One page of the activity's public inputs. Hidden inputs stay in the list with the
    moderator's public reason (the text is not shown); pending inputs are left out."""
    queryset = input_queryset(activity=activity).exclude(visibility=Visibility.PENDING)
    if not include_hidden:
        queryset = queryset.filter(visibility=Visibility.PUBLISHED)
    if section_id:
        queryset = queryset.filter(section_id=section_id)
    paginator = Paginator(queryset, INPUTS_PER_PAGE)
    return paginator.get_page(page)


def input_get(*, activity: Activity, pk: int) -> Input:
    try:
        return (
            Input.objects.select_related(
                "activity__municipality", "section__document", "statement", "response"
            )
            .prefetch_related("answers__question")
            .get(activity=activity, pk=pk)
        )
    except Input.DoesNotExist as exc:
        raise Http404("input") from exc


def input_get_by_token(*, token: str) -> Input:
    try:
        return (
            Input.objects.select_related("activity__municipality", "section", "response")
            .prefetch_related("answers__question")
            .get(private_token=token)
        )
    except Input.DoesNotExist as exc:
        raise Http404("input") from exc


def moderation_queue(*, municipality: Municipality) -> QuerySet[Input]:
    """Inputs waiting for moderation or with unresolved flags, oldest first."""
    open_flags = Flag.objects.filter(input=OuterRef("pk"), is_resolved=False)
    return (
        Input.objects.filter(activity__municipality=municipality)
        .filter(Q(visibility=Visibility.PENDING) | Exists(open_flags))
        .select_related("activity", "section")
        .prefetch_related(Prefetch("flags", queryset=Flag.objects.filter(is_resolved=False)))
        .order_by("created_at", "id")
    )


def moderation_log(*, municipality: Municipality, limit: int = 50) -> QuerySet[ModerationAction]:
    return (
        ModerationAction.objects.filter(input__activity__municipality=municipality)
        .select_related("actor", "input__activity")
        .order_by("-created_at", "-id")[:limit]
    )


def phase_counts(*, activity: Activity) -> dict[str, int]:
    rows = Input.objects.filter(activity=activity).values("visibility").annotate(n=Count("id"))
    return {row["visibility"]: row["n"] for row in rows}
