"""``manage.py worker``: the task worker (django-tasks-db's ``db_worker`` with a heartbeat
and the recovery of tasks whose worker stopped; see :mod:`medvirk.core.worker`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import translation
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from medvirk.core.worker import Heartbeat, load_task_modules


class Command(DatabaseWorkerCommand):
    help = "Run the background task worker (with a heartbeat; recovers tasks of lost workers)."

    def handle(self, **options: Any) -> None:
        # The reloader would run the worker in a child of this process, away from the
        # heartbeat: never reload.
        options["reload"] = False
        # Texts a task stores (a job's message, say) are written in the site's language.
        translation.activate(settings.LANGUAGE_CODE)
        load_task_modules()
        heartbeat = Heartbeat(options["worker_id"])
        heartbeat.start()
        try:
            super().handle(**options)
        finally:
            heartbeat.stop()
