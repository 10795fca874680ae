"""Helpers for background jobs that write their progress to a row (indicator imports,
analyses of input)."""

from __future__ import annotations

import logging
from typing import Any

from django.db import OperationalError, models
from django.utils import timezone

logger = logging.getLogger(__name__)


def progress_save(model: type[models.Model], pk: int, **fields: Any) -> None:
    """Write a job's progress. Progress only feeds a progress bar, so a busy database
    delays the bar rather than failing the job."""
    try:
        model._default_manager.filter(pk=pk).update(**fields, updated_at=timezone.now())
    except OperationalError:
        logger.warning("progress of %s %s not saved", model.__name__, pk)
