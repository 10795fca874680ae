"""Serializer fields shared by the apps' API modules."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field(
    {
        "type": "string",
        "format": "partial-time",
        "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$",
        "example": "17:00:00",
        "description": (
            "A local wall-clock time in the municipality (Europe/Oslo), HH:MM:SS: RFC 3339 "
            "'partial-time', without an offset, because a weekly time keeps its clock time "
            "across summer and winter time."
        ),
    }
)
class WallClockTimeField(serializers.TimeField):
    """A recurring local time (opening hours, a weekly offer), always written HH:MM:SS."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("format", "%H:%M:%S")
        super().__init__(**kwargs)  # type: ignore[arg-type]
