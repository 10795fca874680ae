"""Health checks for a load balancer or an orchestrator.

``/healthz`` says the process answers (it touches nothing else); ``/readyz`` says it can
serve: the database answers ``SELECT 1``, the cache keeps a probe key, and the task queue's
table can be read when the task backend is the database one. Both answer plain HTTP too
(they are exempt from the HTTPS redirect) but still only to host names in ALLOWED_HOSTS.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

OK = "ok"
FAILED = "failed"
NOT_CONFIGURED = "not configured"
DATABASE_TASK_BACKEND = "django_tasks_db.DatabaseBackend"

Check = Callable[[], dict[str, Any]]


def health_database() -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"status": OK}


def health_cache() -> dict[str, Any]:
    key = f"readyz:{uuid.uuid4().hex}"
    value = uuid.uuid4().hex
    try:
        cache.set(key, value, timeout=10)
        if cache.get(key) != value:
            return {"status": FAILED, "error": "the probe key did not come back"}
    finally:
        cache.delete(key)
    return {"status": OK}


def health_queue() -> dict[str, Any]:
    """The database queue's table answers; any other task backend is not checked here."""
    backend = getattr(settings, "TASKS", {}).get("default", {}).get("BACKEND", "")
    if backend != DATABASE_TASK_BACKEND or not apps.is_installed("django_tasks_db"):
        return {"status": NOT_CONFIGURED}
    from django_tasks_db.models import DBTaskResult

    return {"status": OK, "ready": DBTaskResult.objects.ready().count()}


CHECKS: dict[str, Check] = {
    "database": health_database,
    "cache": health_cache,
    "queue": health_queue,
}


def health_run(checks: dict[str, Check]) -> dict[str, dict[str, Any]]:
    """Run every check; a check that raises is failed, named by its exception's type (the
    details go to the log, not to whoever asks)."""
    results = {}
    for name, check in checks.items():
        try:
            results[name] = check()
        except Exception as error:
            logger.exception("Readiness check %s failed", name)
            results[name] = {"status": FAILED, "error": type(error).__name__}
    return results


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """The process is up. Touches neither the database nor the cache."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    """200 when every dependency answers, 503 (with the same JSON) when one does not."""
    results = health_run(CHECKS)
    ready = all(result["status"] != FAILED for result in results.values())
    return JsonResponse(
        {"status": OK if ready else FAILED, "checks": results}, status=200 if ready else 503
    )
