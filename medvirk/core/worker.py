"""The task worker: django-tasks-db's database worker, plus a heartbeat and the recovery
of tasks whose worker stopped.

django-tasks-db marks a task ``RUNNING`` when a worker claims it and ``SUCCESSFUL`` or
``FAILED`` when it ends; a worker killed in between (SIGKILL, a crash, a lost machine)
leaves the task ``RUNNING`` for ever. Every ``medvirk worker`` process therefore writes a
heartbeat row (:class:`~medvirk.core.models.WorkerHeartbeat`) every few seconds from a
small thread of its own (the worker process, never the web process), and
:func:`tasks_recover` finds running tasks whose worker is gone: a worker on this machine
whose process no longer exists, or any worker whose heartbeat is older than
:data:`STALE_AFTER`. Such a task is queued again while it has had fewer than
:data:`MAX_ATTEMPTS` attempts (tasks must therefore be safe to run again), else marked
failed with :class:`WorkerLost` as the reason, and the handler registered for it with
:func:`on_lost` is called (to mark the app's own job row failed, say). Recovery runs when
a worker starts and then every :data:`RECOVER_SECONDS` in each worker.
"""

from __future__ import annotations

import datetime
import importlib
import logging
import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.apps import apps
from django.db import DatabaseError, connection, transaction
from django.tasks import Task
from django.tasks.base import TaskResultStatus
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

from medvirk.core.jobs import retry_locked
from medvirk.core.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 5.0
RECOVER_SECONDS = 15.0
STALE_AFTER = datetime.timedelta(seconds=30)
MAX_ATTEMPTS = 3
FORGET_WORKERS_AFTER = datetime.timedelta(days=1)

LostHandler = Callable[..., None]
_LOST_HANDLERS: dict[str, LostHandler] = {}


class WorkerLost(Exception):
    """The worker running this task stopped before the task ended, too many times."""


def on_lost(task: Task[Any, Any]) -> Callable[[LostHandler], LostHandler]:
    """Register ``handler(*args, **kwargs)``, called with the task's arguments when the
    task is given up after its worker stopped :data:`MAX_ATTEMPTS` times."""

    def register(handler: LostHandler) -> LostHandler:
        _LOST_HANDLERS[task.module_path] = handler
        return handler

    return register


def load_task_modules() -> None:
    """Import every installed app's ``tasks`` module, so that its tasks and handlers are
    registered (as the worker and the scheduler find them)."""
    for config in apps.get_app_configs():
        if config.name.startswith("medvirk.") and module_has_submodule(config.module, "tasks"):
            importlib.import_module(f"{config.name}.tasks")


@dataclass(frozen=True)
class Recovered:
    """One running task whose worker was gone: queued again, or given up."""

    task_id: str
    task_path: str
    outcome: str  # "requeued" or "failed"


def _gone(
    beat: WorkerHeartbeat | None, started_at: datetime.datetime | None, now: datetime.datetime
) -> bool:
    """Whether the worker that claimed a task (its heartbeat, if it has one) is gone."""
    stale = now - STALE_AFTER
    if beat is None:
        # No heartbeat (a worker started without one): judge by how long ago it claimed.
        return started_at is None or started_at < stale
    if beat.hostname == socket.gethostname() and beat.pid != os.getpid():
        try:
            os.kill(beat.pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            pass  # some other user's live process: fall back on the heartbeat
    return beat.last_seen < stale


def tasks_recover(*, now: datetime.datetime | None = None) -> list[Recovered]:
    """Queue again, or give up, every running task whose worker is gone. The handlers of
    :func:`on_lost` are those of the task modules loaded (the worker loads them all)."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    running = list(DBTaskResult.objects.running())
    claimed_by = {result.worker_ids[-1] for result in running if result.worker_ids}
    beats = {b.worker_id: b for b in WorkerHeartbeat.objects.filter(worker_id__in=claimed_by)}
    recovered = []
    for result in running:
        last_worker = result.worker_ids[-1] if result.worker_ids else ""
        if not _gone(beats.get(last_worker), result.started_at, now):
            continue
        outcome = retry_locked(partial(_recover_one, result))
        if outcome is not None:
            recovered.append(Recovered(str(result.pk), result.task_path, outcome))
    WorkerHeartbeat.objects.filter(last_seen__lt=now - FORGET_WORKERS_AFTER).delete()
    return recovered


def _recover_one(result: Any) -> str | None:
    from django_tasks_db.models import DBTaskResult

    with transaction.atomic():
        row = (
            DBTaskResult.objects.select_for_update()
            .filter(pk=result.pk, status=TaskResultStatus.RUNNING)
            .first()
        )
        if row is None or row.worker_ids != result.worker_ids:
            return None  # it ended, or another worker took it meanwhile
        if len(row.worker_ids) < MAX_ATTEMPTS:
            row.status = TaskResultStatus.READY
            row.started_at = None
            row.save(update_fields=["status", "started_at"])
            logger.warning(
                "task %s (%s) queued again: its worker %s stopped",
                row.pk,
                row.task_path,
                row.worker_ids[-1],
            )
            return "requeued"
        row.set_failed(
            WorkerLost(f"its worker stopped during each of {len(row.worker_ids)} attempts")
        )
        args = row.args_kwargs
        handler = _LOST_HANDLERS.get(row.task_path)
        logger.error("task %s (%s) given up: its worker stopped", row.pk, row.task_path)
    if handler is not None:
        try:
            handler(*args["args"], **args["kwargs"])
        except Exception:
            logger.exception("the handler of lost task %s failed", row.pk)
    return "failed"


class Heartbeat:
    """The worker's heartbeat row, written every :data:`HEARTBEAT_SECONDS` from a thread
    of the worker process, which also runs :func:`tasks_recover` now and then."""

    def __init__(self, worker_id: str) -> None:
        self.worker_id = worker_id
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="heartbeat", daemon=True)

    def start(self) -> None:
        now = timezone.now()
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "hostname": socket.gethostname(),
                "pid": os.getpid(),
                "started_at": now,
                "last_seen": now,
            },
        )
        for item in tasks_recover():
            logger.warning("recovered task %s: %s", item.task_id, item.outcome)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=HEARTBEAT_SECONDS * 2)
        try:
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
        except DatabaseError:
            logger.warning("heartbeat of worker %s not removed", self.worker_id)

    def _run(self) -> None:
        since_recovery = 0.0
        try:
            while not self._stop.wait(HEARTBEAT_SECONDS):
                try:
                    retry_locked(
                        lambda: WorkerHeartbeat.objects.filter(worker_id=self.worker_id).update(
                            last_seen=timezone.now()
                        ),
                        seconds=HEARTBEAT_SECONDS,
                    )
                    since_recovery += HEARTBEAT_SECONDS
                    if since_recovery >= RECOVER_SECONDS:
                        since_recovery = 0.0
                        for item in tasks_recover():
                            logger.warning("recovered task %s: %s", item.task_id, item.outcome)
                except DatabaseError:
                    logger.exception("worker %s: heartbeat not written", self.worker_id)
        finally:
            connection.close()
