"""A job's progress is written when the database allows, and skipped when it is busy; its
state changes wait out a lock."""

from __future__ import annotations

import pytest
from django.db import OperationalError
from django.db.models import QuerySet

from medvirk.core.jobs import progress_save, retry_locked
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


def test_a_state_change_waits_out_a_lock_and_then_is_written(monkeypatch) -> None:
    job = ImportJob.objects.create(file_format="csv", filename="a.csv", content="x")
    calls = []
    real_update = QuerySet.update

    def locked_twice(self, **fields):
        calls.append(fields)
        if len(calls) <= 2:
            raise OperationalError("database table is locked: indicators_importjob")
        return real_update(self, **fields)

    monkeypatch.setattr(QuerySet, "update", locked_twice)
    changed = retry_locked(lambda: ImportJob.objects.filter(pk=job.pk).update(status="done"))
    monkeypatch.undo()
    assert changed == 1
    assert len(calls) == 3
    job.refresh_from_db()
    assert job.status == "done"


def test_a_lock_that_outlasts_the_wait_and_other_errors_are_raised() -> None:
    attempts = []

    def always_locked() -> None:
        attempts.append(1)
        raise OperationalError("database is locked")

    with pytest.raises(OperationalError, match="locked"):
        retry_locked(always_locked, seconds=0.05)
    assert len(attempts) >= 2

    def broken() -> None:
        attempts.clear()
        attempts.append(1)
        raise OperationalError("no such table: x")

    with pytest.raises(OperationalError, match="no such table"):
        retry_locked(broken, seconds=5)
    assert attempts == [1]  # not retried
