"""Reads of the insight app: the state of an activity's analysis and summaries, and the
themes with their sizes, shares and quotes, in a fixed number of queries."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from medvirk.insight.models import (
    Analysis,
    EventKind,
    Summary,
    SummaryEvent,
    SummaryStatus,
    Theme,
    ThemeInput,
)
from medvirk.participation.models import (
    Activity,
    Answer,
    Channel,
    Input,
    QuestionKind,
    Visibility,
)

INPUTS_PER_PAGE = 50
REASONS = {
    "empty": gettext_lazy("no text"),
    "other_language": gettext_lazy("not in Norwegian"),
    "no_content_words": gettext_lazy("only short common words"),
    "no_known_words": gettext_lazy("no word the language model knows"),
}


@dataclass(frozen=True)
class Share:
    label: str
    count: int
    percent: int


@dataclass
class ThemeView:
    theme: Theme
    size: int = 0
    percent: int = 0
    copies: int = 0
    districts: list[Share] = field(default_factory=list)
    channels: list[Share] = field(default_factory=list)
    quotes: list[Input] = field(default_factory=list)


@dataclass
class SummaryView:
    summary: Summary
    themes: list[ThemeView]
    analysed: int
    set_apart: list[Share]
    duplicate_groups: int
    duplicate_inputs: int

    @property
    def set_apart_total(self) -> int:
        return sum(s.count for s in self.set_apart)


def latest_analysis(*, activity: Activity) -> Analysis | None:
    return Analysis.objects.filter(activity=activity).first()


def analysis_get(*, activity: Activity, pk: int) -> Analysis:
    analysis = Analysis.objects.filter(activity=activity, pk=pk).first()
    if analysis is None:
        raise Http404
    return analysis


def draft_get(*, activity: Activity) -> Summary | None:
    return Summary.objects.filter(activity=activity, status=SummaryStatus.DRAFT).first()


def draft_reviewed(*, draft: Summary | None) -> bool:
    """Has anybody changed the draft since the analysis made it?"""
    return draft is not None and draft.events.exclude(kind=EventKind.CREATED).exists()


def published_get(*, activity: Activity) -> Summary | None:
    return Summary.objects.filter(activity=activity, status=SummaryStatus.PUBLISHED).first()


def theme_get(*, summary: Summary, pk: int) -> Theme:
    theme = Theme.objects.filter(summary=summary, pk=pk).first()
    if theme is None:
        raise Http404
    return theme


def events(*, activity: Activity, limit: int = 30) -> QuerySet[SummaryEvent]:
    return SummaryEvent.objects.filter(summary__activity=activity).select_related("actor")[:limit]


def _shares(counts: Counter[str], size: int, top: int) -> list[Share]:
    return [
        Share(label, count, round(100 * count / size) if size else 0)
        for label, count in counts.most_common(top)
    ]


def summary_view(
    *, summary: Summary, public: bool, facet_top: int = 3, include_facets: bool = True
) -> SummaryView:
    """The summary's themes, largest first, with their shares by district and channel,
    their quotes (only published inputs when ``public``) and near-duplicate counts."""
    themes = list(Theme.objects.filter(summary=summary).annotate(size=Count("members")))
    views = {t.pk: ThemeView(theme=t, size=t.size) for t in themes}
    analysed = sum(v.size for v in views.values())
    for view in views.values():
        view.percent = round(100 * view.size / analysed) if analysed else 0
    if include_facets and views:
        channel_labels = dict(Channel.choices)
        by_district: dict[int, Counter[str]] = {pk: Counter() for pk in views}
        by_channel: dict[int, Counter[str]] = {pk: Counter() for pk in views}
        rows = (
            ThemeInput.objects.filter(summary=summary)
            .values("theme_id", "input__district__name", "input__channel")
            .annotate(n=Count("id"))
        )
        for row in rows:
            district = row["input__district__name"] or _("Not tied to a district")
            by_district[row["theme_id"]][district] += row["n"]
            channel = str(channel_labels.get(row["input__channel"], row["input__channel"]))
            by_channel[row["theme_id"]][channel] += row["n"]
        for pk, view in views.items():
            view.districts = _shares(by_district[pk], view.size, facet_top)
            view.channels = _shares(by_channel[pk], view.size, facet_top)
    quote_ids = {q for t in themes for q in t.quote_ids}
    quotes = Input.objects.filter(pk__in=quote_ids, activity_id=summary.activity_id)
    if public:
        quotes = quotes.filter(visibility=Visibility.PUBLISHED)
    found = {i.pk: i for i in quotes.only("id", "title", "text", "activity_id", "visibility")}
    copy_ids = [m for group in summary.duplicates for m in group["member_ids"][1:]]
    duplicate_inputs = sum(len(group["member_ids"]) for group in summary.duplicates)
    if copy_ids:
        copy_counts = (
            ThemeInput.objects.filter(summary=summary, input_id__in=copy_ids)
            .values("theme_id")
            .annotate(n=Count("id"))
        )
        for copy_row in copy_counts:
            views[copy_row["theme_id"]].copies = copy_row["n"]
    with_bodies(list(found.values()))
    for theme in themes:
        views[theme.pk].quotes = [found[q] for q in theme.quote_ids if q in found]
    reasons = Counter(
        str(REASONS.get(item["reason"], item["reason"])) for item in summary.not_analysed
    )
    return SummaryView(
        summary=summary,
        themes=sorted(views.values(), key=lambda v: (-v.size, v.theme.position, v.theme.pk)),
        analysed=analysed,
        set_apart=_shares(reasons, len(summary.not_analysed), len(reasons)),
        duplicate_groups=len(summary.duplicates),
        duplicate_inputs=duplicate_inputs,
    )


def text_answers(**filters: Any) -> dict[int, list[str]]:
    """The free-text survey answers of the inputs the filters pick, by input id."""
    answers: dict[int, list[str]] = {}
    rows = (
        Answer.objects.filter(question__kind=QuestionKind.TEXT, **filters)
        .exclude(text="")
        .order_by("question__number")
        .values_list("input_id", "text")
    )
    for input_id, text in rows:
        answers.setdefault(input_id, []).append(text)
    return answers


def _joined(*parts: str) -> str:
    return "\n".join(part.strip() for part in parts if part and part.strip())


def analysis_texts(*, activity: Activity) -> list[tuple[int, str]]:
    """The text of every published input as the analysis reads it: title, text and
    free-text survey answers."""
    answers = text_answers(input__activity=activity, input__visibility=Visibility.PUBLISHED)
    rows = (
        Input.objects.filter(activity=activity, visibility=Visibility.PUBLISHED)
        .order_by("id")
        .values_list("id", "title", "text")
    )
    return [(pk, _joined(title, text, *answers.get(pk, []))) for pk, title, text in rows]


def with_bodies(inputs: list[Input]) -> list[Input]:
    """Give each input a ``body``: its text followed by its free-text survey answers (one
    query)."""
    answers = text_answers(input__in=[i.pk for i in inputs])
    for item in inputs:
        item.body = _joined(item.text, *answers.get(item.pk, []))  # type: ignore[attr-defined]
    return inputs


def theme_inputs_page(*, theme: Theme, page: Any) -> Page[Input]:
    inputs = (
        Input.objects.filter(theme_places__theme=theme)
        .select_related("district", "section")
        .order_by("created_at", "id")
    )
    return Paginator(inputs, INPUTS_PER_PAGE).get_page(page)


def other_themes(*, theme: Theme) -> list[Theme]:
    return list(Theme.objects.filter(summary_id=theme.summary_id).exclude(pk=theme.pk))


def member_ids(*, summary: Summary) -> dict[int, list[int]]:
    """The ids of each theme's inputs, in order, by theme id."""
    members: dict[int, list[int]] = {}
    rows = (
        ThemeInput.objects.filter(summary=summary)
        .order_by("input_id")
        .values_list("theme_id", "input_id")
    )
    for theme_id, input_id in rows:
        members.setdefault(theme_id, []).append(input_id)
    return members


def copies_of(*, summary: Summary) -> dict[int, int]:
    """For each representative of a near-duplicate group, how many copies it has."""
    return {g["representative_id"]: len(g["member_ids"]) - 1 for g in summary.duplicates}
