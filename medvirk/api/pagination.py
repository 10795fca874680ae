"""The API's pagination: limit and offset, with a cap on the limit and a clear 400 for
values that are not whole numbers."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request

from medvirk.api.params import parse_int

MAX_LIMIT = 500
# Past the end of any list; larger offsets would only overflow the database's integers.
MAX_OFFSET = 10**12


class ApiPagination(LimitOffsetPagination):
    """``limit`` (1 to 500, default 100; larger values are capped at 500) and ``offset``
    (0 or more). Anything else is answered with 400."""

    default_limit = 100
    max_limit = MAX_LIMIT

    def get_limit(self, request: Request) -> int | None:
        raw = request.query_params.get(self.limit_query_param)
        if raw is None or raw == "":
            return self.default_limit
        limit = parse_int(
            raw,
            name=self.limit_query_param,
            minimum=1,
            message=_("The limit is a whole number from 1 to %(max)d.") % {"max": MAX_LIMIT},
        )
        return min(limit, MAX_LIMIT)

    def get_offset(self, request: Request) -> int:
        raw = request.query_params.get(self.offset_query_param)
        if raw is None or raw == "":
            return 0
        return parse_int(
            raw,
            name=self.offset_query_param,
            minimum=0,
            maximum=MAX_OFFSET,
            message=_("The offset is a whole number, 0 or more."),
        )

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.limit_query_param:
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": MAX_LIMIT,
                    "default": self.default_limit,
                }
                parameter["description"] = (
                    f"Number of results to return per page (1 to {MAX_LIMIT})."
                )
            elif parameter["name"] == self.offset_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET}
        return parameters
