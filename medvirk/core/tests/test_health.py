"""/healthz says the process is up without touching anything; /readyz checks the database,
the cache and the task queue and answers 503 with the same JSON when one fails. Both
answer plain HTTP (no redirect to HTTPS) but only to allowed host names."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from medvirk.core import health

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        # Nothing listens on port 1 of the loopback: the connection is refused at once.
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


def test_healthz_is_up_without_database(client: Client) -> None:
    """Answers without the database: this test has no database mark, so pytest-django
    fails any query."""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_reports_each_dependency(client: Client) -> None:
    """Database, cache and the database task queue all answer: 200 with each status."""
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"status": "ok"}
    assert body["checks"]["cache"] == {"status": "ok"}
    assert body["checks"]["queue"] == {"status": "ok", "ready": 0}


@pytest.mark.django_db
def test_readyz_fails_when_the_cache_is_unreachable(client: Client, settings: Any) -> None:
    """A cache that cannot be reached makes the site not ready: 503, the cache named as
    failed (by the kind of error, not its details), the others still reported."""
    settings.CACHES = UNREACHABLE_REDIS
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failed"
    assert body["checks"]["cache"]["status"] == "failed"
    assert body["checks"]["cache"]["error"]
    assert "127.0.0.1" not in response.content.decode()
    assert body["checks"]["database"] == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_fails_when_the_database_fails(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> dict[str, Any]:
        raise ConnectionError("database is down")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {
        "status": "failed",
        "error": "ConnectionError",
    }


@pytest.mark.django_db
def test_queue_not_configured_is_still_ready(client: Client, settings: Any) -> None:
    """Another task backend (not the database queue) is reported, not failed."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["queue"] == {"status": "not configured"}


@pytest.mark.django_db
def test_health_checks_are_not_redirected_to_https(client: Client, settings: Any) -> None:
    """With the HTTPS redirect on, pages redirect but the load balancer's plain-HTTP
    probes are answered."""
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/").status_code == 301
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200


def test_health_checks_still_need_an_allowed_host(client: Client) -> None:
    """ALLOWED_HOSTS still applies: a probe must use an allowed host name."""
    assert client.get("/healthz", headers={"host": "evil.example"}).status_code == 400


def test_health_checks_only_answer_reads(client: Client) -> None:
    assert client.post("/healthz").status_code == 405
