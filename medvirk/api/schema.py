"""The OpenAPI schema's shared parts: the Bearer-token security scheme, and the error
answers (400, 401, 403, 404, 429) every operation can give, documented where they can
happen."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "An error: 'detail' says what went wrong, in the person's language.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
VALIDATION_ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": (
        "Bad input: each key names a parameter or field (or 'detail' or "
        "'non_field_errors'), each value says what is wrong with it."
    ),
    "additionalProperties": {
        "oneOf": [
            {"type": "string"},
            {"type": "array", "items": {}},
            {"type": "object"},
        ]
    },
}

ERROR_DESCRIPTIONS = {
    "400": "Bad input: a parameter or a field has a value that is not allowed.",
    "401": "The token is unknown, expired or revoked, or signing in is required.",
    "403": "Not allowed (for a signed-in session, also a missing CSRF token).",
    "404": "Not found.",
    "429": "Too many attempts; wait as long as the Retry-After header says.",
}
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """Documents ``medvirk.api.authentication.BearerTokenAuthentication``."""

    target_class = "medvirk.api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "A personal API token, created at /api/tokens/ or with POST "
                "/api/v1/tokens/, sent as 'Authorization: Bearer <token>'."
            ),
        }


class ApiAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema, plus the error answers an operation can give."""

    def get_operation(
        self, path: str, path_regex: str, path_prefix: str, method: str, registry: Any
    ) -> dict[str, Any] | None:
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        error = self._error_component("Error", ERROR_SCHEMA)
        invalid = self._error_component("ValidationError", VALIDATION_ERROR_SCHEMA)
        responses: dict[str, Any] = operation.setdefault("responses", {})
        parameters = operation.get("parameters", [])
        # Any request can be malformed (a bad path parameter, too many fields, a header
        # Django refuses as suspicious): 400 is a possible answer of every operation.
        codes: list[str] = ["400", "401"]
        if self.method in UNSAFE_METHODS:
            codes.append("403")
        if any(p.get("in") == "path" for p in parameters):
            codes.append("404")
        codes.extend(getattr(self.view, "schema_error_statuses", ()))
        for code in sorted(set(codes)):
            if code in responses:
                continue
            body = invalid if code == "400" else error
            responses[code] = {
                "description": ERROR_DESCRIPTIONS[code],
                "content": {"application/json": {"schema": body}},
            }
        return operation

    def get_auth(self) -> list[dict[str, list[Any]]]:
        """The security requirements; an empty one where the view lets anyone call the
        method (``schema_anonymous_methods``), which DRF's permissions cannot tell."""
        auth: list[dict[str, list[Any]]] = list(super().get_auth())
        if self.method in getattr(self.view, "schema_anonymous_methods", ()) and {} not in auth:
            auth.append({})
        return auth

    def _error_component(self, name: str, schema: dict[str, Any]) -> dict[str, Any]:
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.SCHEMA, object=name, schema=schema
        )
        self.registry.register_on_missing(component)
        return component.ref
