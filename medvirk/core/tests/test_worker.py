"""The task worker recovers tasks whose worker stopped: queued again while attempts
remain, then given up with a reason (and the app told); a live worker's task is left
alone. One test runs real worker processes and kills one with SIGKILL mid-task."""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.tasks.base import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from medvirk.core import worker
from medvirk.core.models import WorkerHeartbeat
from medvirk.core.tests.worker_tasks import record_attempt

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[3]


def _running(worker_ids: list[str], started: datetime.datetime | None = None) -> DBTaskResult:
    result = record_attempt.enqueue("unused", 0)
    row = DBTaskResult.objects.get(pk=result.id)
    row.status = TaskResultStatus.RUNNING
    row.worker_ids = worker_ids
    row.started_at = started or timezone.now()
    row.save()
    return row


def _beat(worker_id: str, *, seen: datetime.datetime, pid: int | None = None) -> None:
    WorkerHeartbeat.objects.create(
        worker_id=worker_id,
        hostname=os.uname().nodename,
        pid=pid or os.getpid(),
        started_at=seen,
        last_seen=seen,
    )


def test_a_task_of_a_stale_worker_is_queued_again() -> None:
    now = timezone.now()
    _beat("gone", seen=now - worker.STALE_AFTER - datetime.timedelta(seconds=1))
    row = _running(["gone"])
    recovered = worker.tasks_recover(now=now)
    assert [(r.task_id, r.outcome) for r in recovered] == [(str(row.pk), "requeued")]
    row.refresh_from_db()
    assert row.status == TaskResultStatus.READY
    assert row.started_at is None
    assert row.worker_ids == ["gone"]  # the attempt is counted


def test_a_task_of_a_live_worker_is_left_alone() -> None:
    now = timezone.now()
    _beat("alive", seen=now)
    row = _running(["alive"])
    assert worker.tasks_recover(now=now) == []
    row.refresh_from_db()
    assert row.status == TaskResultStatus.RUNNING


def test_a_task_whose_worker_process_is_gone_is_queued_at_once() -> None:
    """On the same machine a dead process is seen at once, heartbeat fresh or not."""
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    dead_pid = ended.pid  # a process that has just ended
    now = timezone.now()
    _beat("killed", seen=now, pid=dead_pid)
    row = _running(["killed"])
    assert [r.outcome for r in worker.tasks_recover(now=now)] == ["requeued"]
    row.refresh_from_db()
    assert row.status == TaskResultStatus.READY


def test_after_the_last_attempt_the_task_fails_with_a_reason_and_the_app_is_told(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    told: list[tuple[object, ...]] = []
    monkeypatch.setitem(
        worker._LOST_HANDLERS, record_attempt.module_path, lambda *args: told.append(args)
    )
    now = timezone.now()
    stale = now - worker.STALE_AFTER - datetime.timedelta(seconds=1)
    ids = [f"w{i}" for i in range(worker.MAX_ATTEMPTS)]
    for worker_id in ids:
        _beat(worker_id, seen=stale)
    row = _running(ids)
    assert [r.outcome for r in worker.tasks_recover(now=now)] == ["failed"]
    row.refresh_from_db()
    assert row.status == TaskResultStatus.FAILED
    assert row.exception_class_path == "medvirk.core.worker.WorkerLost"
    assert "stopped" in row.traceback
    assert told == [("unused", 0)]


def test_a_task_claimed_without_a_heartbeat_is_recovered_only_once_stale() -> None:
    now = timezone.now()
    fresh = _running(["no-heartbeat"], started=now)
    assert worker.tasks_recover(now=now) == []
    fresh.refresh_from_db()
    assert fresh.status == TaskResultStatus.RUNNING
    later = now + worker.STALE_AFTER + datetime.timedelta(seconds=1)
    assert [r.outcome for r in worker.tasks_recover(now=later)] == ["requeued"]


def test_old_heartbeats_are_forgotten() -> None:
    now = timezone.now()
    _beat("long-gone", seen=now - worker.FORGET_WORKERS_AFTER - datetime.timedelta(minutes=1))
    _beat("recent", seen=now)
    worker.tasks_recover(now=now)
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["recent"]


def _wait_for(path: Path, seconds: float) -> float:
    start = time.monotonic()
    while not path.exists():
        if time.monotonic() - start > seconds:
            raise AssertionError(f"{path.name} did not appear within {seconds} s")
        time.sleep(0.05)
    return time.monotonic() - start


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_task_is_replaced_and_the_task_finishes(tmp_path: Path) -> None:
    """Real processes on a database of their own: a worker takes a task and is killed
    with SIGKILL; a new worker recovers the task at start and finishes it."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "PYTEST_XDIST_WORKER"}
    }
    env["MEDVIRK_VAR_DIR"] = str(tmp_path / "var")
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    medvirk = [sys.executable, "-m", "medvirk.cli"]
    subprocess.run([*medvirk, "migrate"], env=env, cwd=REPO, check=True, capture_output=True)
    marks = tmp_path / "marks"
    marks.mkdir()
    enqueue = (
        "import django; django.setup();"
        "from medvirk.core.tests.worker_tasks import record_attempt;"
        f"print(record_attempt.enqueue({str(marks)!r}, 60).id)"
    )
    task_id = (
        subprocess.run(
            [sys.executable, "-c", enqueue], env=env, cwd=REPO, check=True, capture_output=True
        )
        .stdout.decode()
        .strip()
    )

    first = subprocess.Popen([*medvirk, "worker"], env=env, cwd=REPO)
    try:
        _wait_for(marks / "attempt-1", 60)
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    killed_at = time.monotonic()
    second = subprocess.Popen([*medvirk, "worker"], env=env, cwd=REPO)
    try:
        _wait_for(marks / "done-2", 60)
        recovered_after = time.monotonic() - killed_at
    finally:
        second.send_signal(signal.SIGTERM)
        assert second.wait(timeout=30) == 0
    status = (
        "import django; django.setup();"
        "from django_tasks_db.models import DBTaskResult;"
        f"r = DBTaskResult.objects.get(pk={task_id!r}); print(r.status, len(r.worker_ids))"
    )
    out = subprocess.run(
        [sys.executable, "-c", status], env=env, cwd=REPO, check=True, capture_output=True
    )
    print(f"task finished by the second worker {recovered_after:.1f} s after the first was killed")
    assert out.stdout.decode().split() == ["SUCCESSFUL", "2"]
    assert not (marks / "done-1").exists()
