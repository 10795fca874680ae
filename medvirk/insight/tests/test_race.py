"""Two people (or two clicks) act on the same summary at the same moment, each on its
own database connection: one analysis is started, one merge is applied, one publication
is made; the other is refused with a message and nothing is half written."""

from __future__ import annotations

import pytest
from django.tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from medvirk.accounts.models import Role
from medvirk.accounts.tests.factories import user_with_role
from medvirk.core.jobs import retry_locked
from medvirk.insight import services
from medvirk.insight.models import Analysis, Summary, SummaryStatus, Theme, ThemeInput
from medvirk.insight.tests.factories import analysable_activity
from medvirk.testing.race import race
from medvirk.testing.tasks import run_queued_tasks

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def draft(started):
    activity, _made = analysable_activity()
    officer = user_with_role(Role.CASE_OFFICER, municipality=activity.municipality)
    analysis = Analysis.objects.create(activity=activity, requested_by=officer)
    summary = services.analysis_run(analysis_id=analysis.pk).summary
    return activity, officer, summary


def test_two_starts_at_once_make_one_analysis(draft) -> None:
    activity, officer, _summary = draft
    start = lambda: services.analysis_start(actor=officer, activity=activity)  # noqa: E731
    assert sorted(race(start, start)) == ["ok", "refused"]
    assert Analysis.objects.filter(activity=activity, status="pending").count() == 1


def test_two_merges_of_the_same_themes_apply_once(draft) -> None:
    _activity, officer, summary = draft
    first, second = list(Theme.objects.filter(summary=summary))[:2]
    members = ThemeInput.objects.filter(summary=summary).count()

    def merge() -> None:
        services.themes_merge(actor=officer, summary=summary, theme_ids=[first.pk, second.pk])

    assert sorted(race(merge, merge)) == ["ok", "refused"]
    assert not Theme.objects.filter(pk=second.pk).exists()
    assert ThemeInput.objects.filter(summary=summary).count() == members
    assert ThemeInput.objects.filter(theme=first).count() > 0


def test_two_publications_at_once_publish_once(draft) -> None:
    activity, officer, summary = draft
    publish = lambda: services.summary_publish(actor=officer, summary=summary)  # noqa: E731
    assert sorted(race(publish, publish)) == ["ok", "refused"]
    assert Summary.objects.filter(activity=activity, status=SummaryStatus.PUBLISHED).count() == 1
    assert summary.events.filter(kind="published").count() == 1


def test_a_started_analysis_is_queued_and_the_worker_runs_it_to_the_end() -> None:
    """Without a test's stand-in, starting queues a task (nothing runs in the web
    process); the task worker runs the analysis and leaves the draft."""
    activity, _made = analysable_activity()
    officer = user_with_role(Role.CASE_OFFICER, municipality=activity.municipality)
    analysis = services.analysis_start(actor=officer, activity=activity)
    queued = DBTaskResult.objects.get()
    assert (queued.task_path, queued.status) == (
        "medvirk.insight.tasks.analysis_task",
        TaskResultStatus.READY,
    )
    assert queued.args_kwargs["args"] == [analysis.pk]
    retry_locked(analysis.refresh_from_db)
    assert analysis.status == "pending"
    run_queued_tasks()
    retry_locked(analysis.refresh_from_db)
    assert analysis.status == "done", analysis.detail
    assert Summary.objects.get(analysis=analysis).status == SummaryStatus.DRAFT
