"""Run what is queued for the task worker, as the worker process would, from a test."""

from __future__ import annotations

from unittest import mock

from django.core.management import call_command
from django_tasks_db.management.commands import db_worker


def run_queued_tasks() -> None:
    """Run the task worker (``manage.py worker``) in batch mode: every queued task, then
    return. The worker's own code path, in this process, on the test database.

    The worker calls ``close_old_connections`` between tasks, as Django does around each
    request; inside a test's transaction that would close the connection (on
    PostgreSQL), so it is switched off here, as Django's test client switches it off
    for requests."""
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        call_command("worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
