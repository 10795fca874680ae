"""Run what is queued for the task worker, as the worker process would, from a test."""

from __future__ import annotations

from django.core.management import call_command


def run_queued_tasks() -> None:
    """Run the task worker (``manage.py worker``) in batch mode: every queued task, then
    return. The worker's own code path, in this process, on the test database."""
    call_command("worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
