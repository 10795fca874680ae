"""A job's progress is written when the database allows, and skipped when it is busy."""

from __future__ import annotations

import pytest
from django.db import OperationalError
from django.db.models import QuerySet

from medvirk.core.jobs import progress_save
from medvirk.indicators.models import ImportJob

pytestmark = pytest.mark.django_db


def test_progress_is_saved_and_a_busy_database_is_survived(monkeypatch, caplog) -> None:
    job = ImportJob.objects.create(file_format="csv", filename="a.csv", content="x")
    progress_save(ImportJob, job.pk, processed=3, total=10)
    job.refresh_from_db()
    assert (job.processed, job.total) == (3, 10)

    def locked(self, **fields):
        raise OperationalError("database table is locked")

    monkeypatch.setattr(QuerySet, "update", locked)
    progress_save(ImportJob, job.pk, processed=4, total=10)  # does not raise
    monkeypatch.undo()
    job.refresh_from_db()
    assert job.processed == 3
    assert "not saved" in caplog.text
