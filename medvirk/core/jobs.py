"""Helpers for background jobs that write their state and progress to a row (indicator
imports, analyses of input).

A job runs as a task in the worker process (``medvirk worker``; see
:mod:`medvirk.core.worker`) while the page that started it polls the same row. SQLite
lets one connection write at a time: a writer that meets a reader mid-statement is told
the database (or, with a shared cache, the table) is locked. Django's busy timeout covers
the first case but not the second, so a job's state changes go through
:func:`retry_locked`, and progress, which only feeds a progress bar, is skipped rather
than waited for.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import OperationalError, models
from django.utils import timezone

logger = logging.getLogger(__name__)

T = TypeVar("T")

STATE_WAIT_SECONDS = 30.0
PROGRESS_WAIT_SECONDS = 0.5


def _is_lock(error: OperationalError) -> bool:
    return "locked" in str(error).lower()


def retry_locked(action: Callable[[], T], *, seconds: float = STATE_WAIT_SECONDS) -> T:
    """Run ``action`` (one statement, or a whole ``transaction.atomic`` block), running it
    again while the database reports itself locked, for at most ``seconds``. Any other
    error, or a lock that outlasts the wait, is raised."""
    deadline = time.monotonic() + seconds
    pause = 0.01
    while True:
        try:
            return action()
        except OperationalError as error:
            if not _is_lock(error) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.5)


def progress_save(model: type[models.Model], pk: int, **fields: Any) -> None:
    """Write a job's progress. Progress only feeds a progress bar, so a busy database
    delays the bar rather than failing the job."""
    rows = model._default_manager.filter(pk=pk)
    try:
        retry_locked(
            lambda: rows.update(**fields, updated_at=timezone.now()), seconds=PROGRESS_WAIT_SECONDS
        )
    except OperationalError:
        logger.warning("progress of %s %s not saved", model.__name__, pk)
