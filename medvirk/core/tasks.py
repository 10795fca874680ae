"""Background tasks of the core app: sending queued e-mail (see :mod:`medvirk.core.mail`),
and recurring upkeep of the task queue and the outbox, scheduled by ``medvirk scheduler``
(crontask)."""

from __future__ import annotations

import datetime

from crontask import cron
from django.tasks import TaskContext, task
from django.utils import timezone

from medvirk.core.worker import on_lost, tasks_recover

KEEP_FINISHED_TASKS = datetime.timedelta(days=30)


@cron("* * * * *")
@task
def tasks_recover_lost() -> int:
    """Every minute: queue again (or give up) tasks whose worker stopped. Workers also do
    this themselves; the scheduler covers the time when no worker is running."""
    return len(tasks_recover())


@cron("17 3 * * *")
@task
def task_results_prune() -> int:
    """Every night: forget finished tasks older than 30 days (their own records, such as
    an import job or an analysis, are kept)."""
    from django_tasks_db.models import DBTaskResult

    deleted, _detail = (
        DBTaskResult.objects.finished()
        .filter(finished_at__lt=timezone.now() - KEEP_FINISHED_TASKS)
        .delete()
    )
    return deleted


@task(takes_context=True)
def mail_send(context: TaskContext, mail_id: int) -> str:
    """Send one queued e-mail; a refusing mail server means another attempt later (the
    task queues it itself). Safe to run twice: a sent message is not sent again."""
    from medvirk.core.mail import mail_deliver

    return mail_deliver(mail_id=mail_id, task_id=str(context.task_result.id))


@on_lost(mail_send)
def mail_send_lost(mail_id: int) -> None:
    from medvirk.core.mail import mail_give_up

    mail_give_up(mail_id=mail_id, reason="its worker stopped during every attempt")


@cron("*/5 * * * *")
@task
def mail_requeue() -> int:
    """Every five minutes: queue again e-mail whose sending task was lost."""
    from medvirk.core.mail import mail_requeue_stalled

    return mail_requeue_stalled()
