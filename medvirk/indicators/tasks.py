"""Background tasks of the indicators app (run by ``medvirk worker``)."""

from __future__ import annotations

from django.tasks import TaskContext, task

from medvirk.core.worker import on_lost


@task(takes_context=True)
def import_job_task(context: TaskContext, job_id: int) -> None:
    """Run an import job; a rerun after a lost worker starts it again from the file."""
    from medvirk.indicators.services import import_job_run

    import_job_run(job_id=job_id)


@on_lost(import_job_task)
def import_job_lost(job_id: int) -> None:
    from medvirk.indicators.services import import_job_stopped

    import_job_stopped(job_id=job_id)
