"""Background tasks of the insight app (run by ``medvirk worker``)."""

from __future__ import annotations

from django.tasks import TaskContext, task

from medvirk.core.worker import on_lost


@task(takes_context=True)
def analysis_task(context: TaskContext, analysis_id: int) -> None:
    """Run an analysis; a rerun after a lost worker starts it again (an analysis writes
    its draft in one transaction at the end, so nothing half-written is left)."""
    from medvirk.insight.services import analysis_run

    analysis_run(analysis_id=analysis_id, rerun=context.attempt > 1)


@on_lost(analysis_task)
def analysis_lost(analysis_id: int) -> None:
    from medvirk.insight.services import analysis_stopped

    analysis_stopped(analysis_id=analysis_id)
