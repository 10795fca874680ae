"""Writes of the insight app: start and run an analysis, review its draft, publish it.

Every review action locks the summary row and checks that it is still a draft, so two
people (or two clicks) cannot half-apply a change; a change that no longer fits what is
stored (a theme merged away meanwhile) is refused with a message, not applied.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from medvirk.core.jobs import progress_save, retry_locked
from medvirk.insight import access, selectors
from medvirk.insight.models import (
    UNFINISHED,
    Analysis,
    AnalysisStatus,
    EventKind,
    Failure,
    Summary,
    SummaryEvent,
    SummaryStatus,
    Theme,
    ThemeInput,
)
from medvirk.participation.models import Activity, Input, Visibility

logger = logging.getLogger(__name__)

MAX_THEMES = 60
MAX_QUOTES = 5
LABEL_MAX = 150
STALE_AFTER = datetime.timedelta(minutes=15)


# --- starting and running an analysis ------------------------------------------------


def analysis_start(
    *, actor: Any, activity: Activity, n_themes: int | None = None, replace_draft: bool = False
) -> Analysis:
    """Record an analysis of the activity's published inputs and queue it for the task
    worker once the request's transaction commits."""
    if not access.user_can_summarise(actor, activity=activity):
        raise PermissionDenied
    if not access.activity_can_be_analysed(activity):
        raise ValidationError(_("The input can be analysed once the input period is over."))
    if n_themes is not None and not 2 <= n_themes <= MAX_THEMES:
        raise ValidationError(
            _("Ask for between %(low)s and %(high)s themes, or leave it empty.")
            % {"low": 2, "high": MAX_THEMES}
        )
    # An analysis whose server stopped mid-run would block new ones for ever.
    Analysis.objects.filter(
        activity=activity, status__in=UNFINISHED, updated_at__lt=timezone.now() - STALE_AFTER
    ).update(status=AnalysisStatus.FAILED, failure=Failure.STOPPED, finished_at=timezone.now())
    if not replace_draft and selectors.draft_reviewed(draft=selectors.draft_get(activity=activity)):
        raise ValidationError(
            _(
                "There is a draft you have already reviewed. Tick “Replace the reviewed "
                "draft” to analyse again; the draft is kept in the history."
            )
        )
    if not Input.objects.filter(activity=activity, visibility=Visibility.PUBLISHED).exists():
        raise ValidationError(_("The activity has no published input to analyse."))
    try:
        with transaction.atomic():
            analysis = Analysis.objects.create(
                activity=activity,
                requested_by=actor if getattr(actor, "is_authenticated", False) else None,
                requested_themes=n_themes,
            )
            transaction.on_commit(lambda: launch_job(analysis.pk))
    except IntegrityError:
        raise ValidationError(
            _("An analysis of this activity is already running. Wait for it to finish.")
        ) from None
    return analysis


def _enqueue(analysis_id: int) -> None:
    from medvirk.insight.tasks import analysis_task

    analysis_task.enqueue(analysis_id)


# Tests replace this to run analyses inline, or not at all.
launch_job: Callable[[int], None] = _enqueue


def analysis_stopped(*, analysis_id: int) -> None:
    """Mark an analysis failed whose worker stopped each time it ran it."""
    retry_locked(
        lambda: Analysis.objects.filter(pk=analysis_id, status__in=UNFINISHED).update(
            status=AnalysisStatus.FAILED,
            failure=Failure.STOPPED,
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
    )


def _progress_writer(analysis_id: int) -> Callable[[float, str], None]:
    last = {"percent": -1, "stage": ""}

    def write(fraction: float, stage: str) -> None:
        # The engine's work is 95 % of the whole; saving the draft is the rest.
        percent = min(95, max(0, round(95 * fraction)))
        if percent != last["percent"] or stage != last["stage"]:
            last.update(percent=percent, stage=stage)
            progress_save(Analysis, analysis_id, percent=percent, stage=stage)

    return write


def analysis_run(*, analysis_id: int, rerun: bool = False) -> Analysis:
    """Run the engine and store its result as the activity's draft summary. With
    ``rerun`` (the worker that ran it stopped) a running analysis is started again."""
    from medvirk.algorithms.themes import TextItem, analyse

    startable = UNFINISHED if rerun else (AnalysisStatus.PENDING,)
    updated = retry_locked(
        lambda: Analysis.objects.filter(pk=analysis_id, status__in=startable).update(
            status=AnalysisStatus.RUNNING, updated_at=timezone.now()
        )
    )
    analysis = retry_locked(lambda: Analysis.objects.select_related("activity").get(pk=analysis_id))
    if not updated:  # already run, or running elsewhere
        return analysis
    try:
        texts = retry_locked(lambda: selectors.analysis_texts(activity=analysis.activity))
        progress_save(Analysis, analysis_id, input_count=len(texts))  # shown while it runs
        result = analyse(
            [TextItem(id=str(pk), text=text) for pk, text in texts],
            n_themes=analysis.requested_themes,
            seed=0,
            on_progress=_progress_writer(analysis_id),
        )
        progress_save(Analysis, analysis_id, stage="saving", percent=96)
        retry_locked(lambda: _result_save(analysis=analysis, result=result, input_count=len(texts)))
    except Exception as error:  # a bug, not bad input: record it, keep the server running
        logger.exception("insight analysis %s failed", analysis_id)
        detail = f"{type(error).__name__}: {error}"[:2000]
        retry_locked(
            lambda: Analysis.objects.filter(pk=analysis_id).update(
                status=AnalysisStatus.FAILED,
                failure=Failure.ERROR,
                detail=detail,
                finished_at=timezone.now(),
                updated_at=timezone.now(),
            )
        )
    retry_locked(analysis.refresh_from_db)
    return analysis


@transaction.atomic
def _result_save(*, analysis: Analysis, result: Any, input_count: int) -> None:
    """Store the draft and mark the analysis done, together or not at all."""
    _summary_create(analysis=analysis, result=result)
    Analysis.objects.filter(pk=analysis.pk).update(
        status=AnalysisStatus.DONE,
        percent=100,
        stage="done",
        finished_at=timezone.now(),
        theme_count=result.n_themes,
        input_count=input_count,
        updated_at=timezone.now(),
    )


def _summary_create(*, analysis: Analysis, result: Any) -> Summary:
    Summary.objects.select_for_update().filter(
        activity=analysis.activity, status=SummaryStatus.DRAFT
    ).update(status=SummaryStatus.REPLACED, updated_at=timezone.now())
    summary = Summary.objects.create(
        activity=analysis.activity,
        analysis=analysis,
        backend=result.backend,
        written_forms=dict(result.written_forms),
        not_analysed=[
            {"input_id": int(item.item_id), "reason": item.reason} for item in result.not_analysed
        ],
        duplicates=[
            {
                "representative_id": int(group.representative_id),
                "member_ids": [int(m) for m in group.member_ids],
            }
            for group in result.duplicates
            if group.count > 1
        ],
    )
    for theme in result.themes:
        row = Theme.objects.create(
            summary=summary,
            position=theme.number,
            label=theme.label[:LABEL_MAX],
            engine_label=theme.label[:LABEL_MAX],
            label_words=list(theme.label_words),
            quote_ids=[int(q.item_id) for q in theme.quotes][:MAX_QUOTES],
        )
        ThemeInput.objects.bulk_create(
            ThemeInput(summary=summary, theme=row, input_id=int(m)) for m in theme.member_ids
        )
    _event(
        summary,
        analysis.requested_by,
        EventKind.CREATED,
        _("%(themes)s themes") % {"themes": len(result.themes)},
    )
    return summary


# --- reviewing the draft -------------------------------------------------------------


def _event(summary: Summary, actor: Any, kind: str, detail: str = "") -> None:
    SummaryEvent.objects.create(
        summary=summary,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        kind=kind,
        detail=detail[:400],
    )


def _locked_draft(actor: Any, summary: Summary) -> Summary:
    """The summary, locked for this transaction; refused unless it is a draft the actor
    may review."""
    if not access.user_can_summarise(actor, activity=summary.activity):
        raise PermissionDenied
    locked = Summary.objects.select_for_update().get(pk=summary.pk)
    if locked.status != SummaryStatus.DRAFT:
        raise ValidationError(
            _("This summary is no longer a draft; open the latest one to make changes.")
        )
    return locked


def _themes(summary: Summary, ids: Iterable[int]) -> list[Theme]:
    wanted = list(dict.fromkeys(ids))
    found = {t.pk: t for t in Theme.objects.filter(summary=summary, pk__in=wanted)}
    if len(found) != len(wanted):
        raise ValidationError(
            _("One of the themes no longer exists. Reload the page to see the current themes.")
        )
    return [found[pk] for pk in wanted]


def _clean_label(label: str) -> str:
    label = " ".join(label.split())
    if not label:
        raise ValidationError(_("Give the theme a name."))
    if len(label) > LABEL_MAX:
        raise ValidationError(
            _("The name can be at most %(max)s characters long.") % {"max": LABEL_MAX}
        )
    return label


def _tidy(summary: Summary) -> None:
    """Drop quotes of inputs that left their theme, and themes left without inputs."""
    members: dict[int, set[int]] = {}
    for theme_id, input_id in ThemeInput.objects.filter(summary=summary).values_list(
        "theme_id", "input_id"
    ):
        members.setdefault(theme_id, set()).add(input_id)
    for theme in Theme.objects.filter(summary=summary):
        own = members.get(theme.pk, set())
        if not own:
            theme.delete()
            continue
        quotes = [q for q in theme.quote_ids if q in own]
        if quotes != theme.quote_ids:
            theme.quote_ids = quotes
            theme.save(update_fields=["quote_ids"])


@transaction.atomic
def theme_rename(*, actor: Any, theme: Theme, label: str) -> Theme:
    summary = _locked_draft(actor, theme.summary)
    (theme,) = _themes(summary, [theme.pk])
    label = _clean_label(label)
    old = theme.label
    theme.label = label
    theme.save(update_fields=["label"])
    _event(summary, actor, EventKind.RENAMED, f"«{old}» → «{label}»")
    return theme


@transaction.atomic
def themes_merge(
    *, actor: Any, summary: Summary, theme_ids: Sequence[int], label: str = ""
) -> Theme:
    """Merge the themes into the first one; its name is kept unless a new one is given."""
    summary = _locked_draft(actor, summary)
    if len(set(theme_ids)) < 2:
        raise ValidationError(_("Choose at least two themes to merge."))
    themes = _themes(summary, theme_ids)
    target, others = themes[0], themes[1:]
    ThemeInput.objects.filter(summary=summary, theme__in=others).update(theme=target)
    quotes = list(target.quote_ids)
    for other in others:
        quotes += [q for q in other.quote_ids if q not in quotes]
    target.quote_ids = quotes[:MAX_QUOTES]
    if label.strip():
        target.label = _clean_label(label)
    target.save(update_fields=["quote_ids", "label"])
    names = ", ".join(f"«{t.label}»" for t in others)
    Theme.objects.filter(pk__in=[t.pk for t in others]).delete()
    _event(summary, actor, EventKind.MERGED, f"{names} → «{target.label}»")
    return target


@transaction.atomic
def theme_split(*, actor: Any, theme: Theme) -> list[Theme]:
    """Split a theme in two by running the engine on its inputs alone."""
    from medvirk.algorithms.themes import TextItem, analyse

    summary = _locked_draft(actor, theme.summary)
    (theme,) = _themes(summary, [theme.pk])
    member_ids = list(
        ThemeInput.objects.filter(theme=theme)
        .order_by("input_id")
        .values_list("input_id", flat=True)
    )
    members = set(member_ids)
    rows = {
        pk: text
        for pk, text in selectors.analysis_texts(activity=summary.activity)
        if pk in members
    }
    items = [TextItem(id=str(pk), text=rows.get(pk, "")) for pk in member_ids]
    if len({t.strip().lower() for t in rows.values() if t.strip()}) < 2:
        raise ValidationError(_("This theme has too few different inputs to split."))
    result = analyse(items, n_themes=2, seed=0)
    if len(result.themes) < 2:
        raise ValidationError(_("The inputs of this theme could not be told apart."))
    first, *rest = result.themes
    theme.quote_ids = [int(q.item_id) for q in first.quotes][:MAX_QUOTES]
    theme.label_words = list(first.label_words)
    theme.save(update_fields=["quote_ids", "label_words"])
    position = (
        Theme.objects.filter(summary=summary).order_by("-position").first() or theme
    ).position
    created = []
    for part in rest:
        position += 1
        new = Theme.objects.create(
            summary=summary,
            position=position,
            label=part.label[:LABEL_MAX],
            engine_label=part.label[:LABEL_MAX],
            label_words=list(part.label_words),
            quote_ids=[int(q.item_id) for q in part.quotes][:MAX_QUOTES],
        )
        ThemeInput.objects.filter(
            summary=summary, input_id__in=[int(m) for m in part.member_ids]
        ).update(theme=new)
        created.append(new)
    # Inputs the engine set apart stay in the original theme.
    _tidy(summary)
    _event(
        summary,
        actor,
        EventKind.SPLIT,
        f"«{theme.label}» → " + ", ".join(f"«{t.label}»" for t in created),
    )
    return [theme, *created]


@transaction.atomic
def inputs_move(
    *,
    actor: Any,
    summary: Summary,
    input_ids: Sequence[int],
    theme_id: int | None = None,
    new_label: str = "",
) -> Theme:
    """Move inputs to another theme, or to a new theme with the given name."""
    summary = _locked_draft(actor, summary)
    ids = sorted(set(input_ids))
    if not ids:
        raise ValidationError(_("Choose the inputs to move."))
    places = ThemeInput.objects.filter(summary=summary, input_id__in=ids)
    if places.count() != len(ids):
        raise ValidationError(_("Some of the inputs are not in this summary."))
    if theme_id is not None:
        (target,) = _themes(summary, [theme_id])
    else:
        label = _clean_label(new_label)
        top = Theme.objects.filter(summary=summary).order_by("-position").first()
        target = Theme.objects.create(
            summary=summary,
            position=(top.position if top else 0) + 1,
            label=label,
            engine_label="",
        )
    places.update(theme=target)
    _tidy(summary)
    target.refresh_from_db()
    _event(
        summary,
        actor,
        EventKind.MOVED,
        _("%(count)s inputs to «%(theme)s»") % {"count": len(ids), "theme": target.label},
    )
    return target


@transaction.atomic
def theme_quote_toggle(*, actor: Any, theme: Theme, input_id: int) -> Theme:
    """Quote an input of the theme, or stop quoting it (at most five quotes)."""
    summary = _locked_draft(actor, theme.summary)
    (theme,) = _themes(summary, [theme.pk])
    if not ThemeInput.objects.filter(theme=theme, input_id=input_id).exists():
        raise ValidationError(_("Only inputs of the theme can be quoted."))
    if input_id in theme.quote_ids:
        theme.quote_ids = [q for q in theme.quote_ids if q != input_id]
    else:
        if len(theme.quote_ids) >= MAX_QUOTES:
            raise ValidationError(
                _("A theme can have at most %(max)s quotes. Remove one first.")
                % {"max": MAX_QUOTES}
            )
        theme.quote_ids = [*theme.quote_ids, input_id]
    theme.save(update_fields=["quote_ids"])
    _event(summary, actor, EventKind.QUOTES, f"«{theme.label}»")
    return theme


# --- publishing ----------------------------------------------------------------------


@transaction.atomic
def summary_publish(*, actor: Any, summary: Summary) -> Summary:
    """A person approves the draft: it replaces any published summary of the activity."""
    summary = _locked_draft(actor, summary)
    if not Theme.objects.filter(summary=summary).exists():
        raise ValidationError(_("The summary has no themes to publish."))
    empty = Theme.objects.filter(summary=summary).annotate(n=Count("members")).filter(n=0).exists()
    if empty:
        _tidy(summary)
    Summary.objects.select_for_update().filter(
        activity=summary.activity, status=SummaryStatus.PUBLISHED
    ).update(status=SummaryStatus.WITHDRAWN, updated_at=timezone.now())
    summary.status = SummaryStatus.PUBLISHED
    summary.published_at = timezone.now()
    summary.published_by = actor
    summary.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    _event(summary, actor, EventKind.PUBLISHED)
    return summary


@transaction.atomic
def summary_withdraw(*, actor: Any, summary: Summary) -> Summary:
    """Take a published summary off the public pages."""
    if not access.user_can_summarise(actor, activity=summary.activity):
        raise PermissionDenied
    summary = Summary.objects.select_for_update().get(pk=summary.pk)
    if summary.status != SummaryStatus.PUBLISHED:
        raise ValidationError(_("Only a published summary can be withdrawn."))
    summary.status = SummaryStatus.WITHDRAWN
    summary.save(update_fields=["status", "updated_at"])
    _event(summary, actor, EventKind.WITHDRAWN)
    return summary
