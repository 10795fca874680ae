"""Tasks used by the worker tests only (importable by a worker process by their path)."""

from __future__ import annotations

import time
from pathlib import Path

from django.tasks import TaskContext, task


@task(takes_context=True)
def record_attempt(context: TaskContext, folder: str, first_attempt_seconds: float) -> int:
    """Write ``attempt-N`` into ``folder`` when attempt N starts and ``done-N`` when it
    ends; the first attempt takes ``first_attempt_seconds`` (time to kill its worker)."""
    attempt = context.attempt
    Path(folder, f"attempt-{attempt}").write_text("started")
    if attempt == 1:
        time.sleep(first_attempt_seconds)
    Path(folder, f"done-{attempt}").write_text("done")
    return attempt
