"""The OpenAPI schema agrees with the API's answers.

Schemathesis loads the schema from the app in process (WSGI, no network) and calls every
operation with generated input, once as an anonymous caller and once with a personal
token, against a database that holds real objects at every endpoint. No answer may be a
server error, and every answer must be documented: its status code, its content type and
its body (nullable fields nullable, dates and times in their formats). A third run sends
input that breaks the schema and demands a documented 4xx answer, never a 500.

Bounded and deterministic: a fixed number of examples per operation, derandomized, no
example database.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from medvirk.accounts.models import User
from medvirk.api import services

pytestmark = pytest.mark.django_db

EXAMPLES = 30
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def wsgi_schema(settings: Any) -> Iterator[Any]:
    """The schema, loaded from the app in process. Requests go through Django's WSGI
    handler as the test client runs them: the request signals do not close the test's
    database connection (which would end its transaction on PostgreSQL), and the
    expected 404s and 400s are not logged; both are put back afterwards."""
    from django.core.wsgi import get_wsgi_application

    quiet = {
        name: logging.getLogger(name) for name in ("django.request", "django.security.csrf", "axes")
    }
    levels = {name: logger.level for name, logger in quiet.items()}
    for logger in quiet.values():
        logger.setLevel(logging.ERROR)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        for name, logger in quiet.items():
            logger.setLevel(levels[name])


def _run(
    schema: Any,
    *,
    known: dict[str, Any],
    headers: dict[str, str],
    mode: GenerationMode = GenerationMode.POSITIVE,
    checks: list[Any] = CHECKS,
) -> tuple[int, list[str]]:
    """Every operation, EXAMPLES times: half with generated path parameters, half with
    those of real objects. Returns the number of calls and the distinct failures."""
    failures: dict[str, None] = {}
    calls = 0
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 25, "the schema lists the API's operations"
    for operation in operations:
        names = {p.name for p in operation.path_parameters}
        fixed = {name: known[name] for name in names if name in known}
        strategy = st.one_of(
            operation.as_strategy(generation_mode=mode),
            operation.as_strategy(generation_mode=mode, path_parameters=fixed),
        )
        calls += _exercise(operation, strategy, headers=headers, checks=checks, into=failures)
    return calls, list(failures)


def _exercise(
    operation: Any,
    strategy: Any,
    *,
    headers: dict[str, str],
    checks: list[Any],
    into: dict[str, None],
) -> int:
    """Call one operation EXAMPLES times; record each distinct failure in ``into``."""
    calls = 0

    @hypothesis_settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def call(case: Any) -> None:
        nonlocal calls
        calls += 1
        response = case.call(headers=headers)
        try:
            case.validate_response(response, checks=checks)
        except (Exception, BaseExceptionGroup) as error:  # each failure is reported at the end
            summary = str(error).strip().splitlines()
            key = (
                f"{operation.label} → {response.status_code}: "
                + " | ".join(summary[:8])
                + f" | request: {response.request.method} {response.request.url}"
                + f" headers={dict(response.request.headers)!r}"
                + f" body={response.request.body!r:.200}"
            )
            into.setdefault(key[:1500])

    # Negative mode only: an operation without parameters or body has nothing to break.
    with contextlib.suppress(Unsatisfiable):
        call()
    return calls


def _report(failures: list[str]) -> str:
    return "\n\n".join(failures[:30])


def test_anonymous_answers_conform_to_the_schema(api_world: Any, wsgi_schema: Any) -> None:
    """Anonymous callers get no server error and only documented answers."""
    schema = wsgi_schema
    calls, failures = _run(schema, known=api_world, headers={})
    assert calls > 500
    assert not failures, _report(failures)


def test_token_answers_conform_to_the_schema(
    api_world: Any, resident: User, wsgi_schema: Any
) -> None:
    """A caller with a personal token gets no server error and only documented answers,
    also on the endpoints that write (bookings, tokens)."""
    schema = wsgi_schema
    used = services.token_create(user=resident, name="schemathesis")
    other = services.token_create(user=resident, name="to revoke")
    calls, failures = _run(
        schema,
        known={**api_world, "token_id": other.token.pk},
        headers={"Authorization": f"Bearer {used.secret}"},
    )
    assert calls > 500
    assert not failures, _report(failures)


def test_bad_input_is_a_documented_client_error(api_world: Any, wsgi_schema: Any) -> None:
    """Input that breaks the schema (wrong types, out-of-range numbers, bad dates) is
    answered with a documented status and body, never a server error."""
    schema = wsgi_schema
    calls, failures = _run(
        schema,
        known=api_world,
        headers={},
        mode=GenerationMode.NEGATIVE,
        checks=[not_a_server_error, status_code_conformance, content_type_conformance],
    )
    assert calls > 200
    assert not failures, _report(failures)
