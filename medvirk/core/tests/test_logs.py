"""With LOG_FORMAT=json every log record is one JSON object on one line: an ISO 8601 UTC
timestamp, level, logger, message, the traceback when there is one, and the request id
inside a request."""

from __future__ import annotations

import datetime
import json
import logging

from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory

from medvirk.core.logs import JsonFormatter, RequestIdMiddleware, request_id


def record(message: str, *args: object, **kwargs: object) -> logging.LogRecord:
    return logging.getLogger("medvirk.test").makeRecord(
        "medvirk.test", logging.WARNING, __file__, 1, message, args, None, **kwargs
    )


def test_one_json_object_per_line() -> None:
    line = JsonFormatter().format(record("Rom %s er dobbeltbooket\nneste linje", "Sal 1"))
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "medvirk.test"
    assert entry["message"] == "Rom Sal 1 er dobbeltbooket\nneste linje"
    assert "exception" not in entry and "request_id" not in entry


def test_timestamp_is_iso_8601_utc() -> None:
    entry = json.loads(JsonFormatter().format(record("hei")))
    assert entry["timestamp"].endswith("Z")
    stamp = datetime.datetime.fromisoformat(entry["timestamp"])
    assert stamp.utcoffset() == datetime.timedelta(0)
    assert abs((datetime.datetime.now(datetime.UTC) - stamp).total_seconds()) < 60


def test_exception_text_is_included() -> None:
    try:
        raise ValueError("feil i importen")
    except ValueError:
        import sys

        exc_info = sys.exc_info()
    item = logging.getLogger("medvirk.test").makeRecord(
        "medvirk.test", logging.ERROR, __file__, 1, "import failed", (), exc_info
    )
    entry = json.loads(JsonFormatter().format(item))
    assert entry["message"] == "import failed"
    assert "Traceback" in entry["exception"]
    assert "ValueError: feil i importen" in entry["exception"]


def test_extra_fields_and_request_id() -> None:
    token = request_id.set("abc-123")
    try:
        item = record("svar sendt", extra={"activity": 7, "obj": object()})
        entry = json.loads(JsonFormatter().format(item))
    finally:
        request_id.reset(token)
    assert entry["request_id"] == "abc-123"
    assert entry["activity"] == 7
    assert entry["obj"].startswith("<object")


def test_middleware_keeps_a_plain_request_id_and_replaces_a_strange_one() -> None:
    """The proxy's X-Request-ID is kept when it is short and plain; otherwise (or when
    missing) a fresh one is made. It is set while the view runs and sent back."""
    seen: list[str | None] = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(request_id.get())
        return HttpResponse("ok")

    middleware = RequestIdMiddleware(view)
    factory = RequestFactory()
    response = middleware(factory.get("/", headers={"X-Request-ID": "lb-42.7"}))
    assert seen[-1] == "lb-42.7" and response["X-Request-ID"] == "lb-42.7"
    response = middleware(factory.get("/", headers={"X-Request-ID": 'x"}\n{"level":"ERROR'}))
    assert seen[-1] != 'x"}\n{"level":"ERROR' and len(seen[-1] or "") == 32
    assert response["X-Request-ID"] == seen[-1]
    assert request_id.get() is None


def test_every_response_carries_a_request_id(client: Client) -> None:
    assert len(client.get("/healthz")["X-Request-ID"]) == 32
