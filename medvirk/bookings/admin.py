from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from medvirk.bookings.models import Booking, BookingSeries
from medvirk.core.admin import MunicipalityScopedAdmin


@admin.register(Booking)
class BookingAdmin(MunicipalityScopedAdmin):
    municipality_path = "room__hub__district__municipality"
    list_display = ["purpose", "room", "starts_at", "ends_at", "status"]
    list_filter = ["status"]
    search_fields = ["purpose", "room__name", "room__hub__name"]
    date_hierarchy = "starts_at"
    list_select_related = ["room__hub"]
    # Bookings change only through the booking service (the hub's requests page), which
    # guards against double bookings; the back office shows them.
    readonly_fields = [
        "room",
        "starts_at",
        "ends_at",
        "status",
        "booked_by",
        "organisation",
        "series",
        "decided_by",
        "decided_at",
        "decline_reason",
        "attendees",
    ]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(BookingSeries)
class BookingSeriesAdmin(MunicipalityScopedAdmin):
    municipality_path = "room__hub__district__municipality"
    list_display = ["purpose", "room", "first_date", "last_date", "starts", "ends"]
    raw_id_fields = ["booked_by", "organisation"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
