"""A PostgreSQL exclusion constraint that other databases skip.

On PostgreSQL, :class:`PostgresOnlyExclusionConstraint` is an ordinary
``ExclusionConstraint``. On SQLite it creates nothing and validates nothing; there the
booking service's transaction (``BEGIN IMMEDIATE``, which serialises writers) is the
guarantee.
"""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Func


class TsTzRange(Func):
    """``tstzrange(start, end, '[)')``: the half-open time span of a booking."""

    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


def _is_postgresql(schema_editor: Any) -> bool:
    return bool(schema_editor.connection.vendor == "postgresql")


class PostgresOnlyExclusionConstraint(ExclusionConstraint):
    def check(self, model: Any, connection: Any) -> list[Any]:
        # The constraint is plain SQL on PostgreSQL and absent elsewhere, so it does not
        # need django.contrib.postgres's lookups and type handlers installed.
        return [
            error
            for error in super().check(model, connection)
            if getattr(error, "id", "") != "postgres.E005"
        ]

    def constraint_sql(self, model: Any, schema_editor: Any) -> Any:
        if not _is_postgresql(schema_editor):
            return None
        return super().constraint_sql(model, schema_editor)

    def create_sql(self, model: Any, schema_editor: Any) -> Any:
        if not _is_postgresql(schema_editor):
            return None
        return super().create_sql(model, schema_editor)

    def remove_sql(self, model: Any, schema_editor: Any) -> Any:
        if not _is_postgresql(schema_editor):
            return None
        return super().remove_sql(model, schema_editor)

    def validate(
        self, model: Any, instance: Any, exclude: Any = None, using: str = DEFAULT_DB_ALIAS
    ) -> None:
        if connections[using].vendor != "postgresql":
            return
        super().validate(model, instance, exclude=exclude, using=using)
