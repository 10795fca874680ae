"""API endpoints of the bookings app, included under /api/v1/: a hub's bookings (closed
ones as "busy"), its occupancy, and booking requests by signed-in people."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from medvirk.api.params import query_date
from medvirk.bookings import selectors
from medvirk.bookings.models import Booking
from medvirk.bookings.services import booking_request
from medvirk.places.models import Hub, Room

PERIOD_PARAMETERS = [
    OpenApiParameter("from", date, description="First local date (default: today)."),
    OpenApiParameter(
        "to",
        date,
        description="Day after the last local date (default: "
        "seven days after 'from'); at most 93 days after 'from'.",
    ),
]


def _period(request: Request) -> tuple[date, date]:
    start = query_date(request, "from") or timezone.localdate()
    end = query_date(request, "to") or start + timedelta(days=7)
    if end <= start or (end - start).days > 93:
        raise ValidationError(
            {"to": [_("'to' must be after 'from', and at most 93 days after it.")]}
        )
    return start, end


class PublicBookingSerializer(serializers.ModelSerializer[Booking]):
    room = serializers.IntegerField(source="room_id")
    room_name = serializers.CharField(source="room.name")
    title = serializers.SerializerMethodField()
    organisation = serializers.SerializerMethodField()

    class Meta:
        model = Booking
        fields = [
            "id",
            "room",
            "room_name",
            "starts_at",
            "ends_at",
            "status",
            "title",
            "organisation",
            "is_public",
        ]

    def get_title(self, booking: Booking) -> str:
        return (
            selectors.booking_public_label(booking) if not booking.is_public else (booking.purpose)
        )

    def get_organisation(self, booking: Booking) -> str | None:
        if booking.is_public and booking.organisation is not None:
            return booking.organisation.name
        return None


class HubBookingList(generics.ListAPIView[Booking]):
    """Confirmed bookings of a hub's rooms in a period. Closed bookings are titled
    "busy" and name no association."""

    serializer_class = PublicBookingSerializer
    pagination_class = None

    @extend_schema(parameters=PERIOD_PARAMETERS)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        hub = generics.get_object_or_404(Hub, pk=self.kwargs["hub_id"])
        start, end = _period(self.request)
        return selectors.booking_list_for_hub(hub=hub, start=start, end=end)


class OccupancySerializer(serializers.Serializer[Any]):
    hub = serializers.IntegerField()
    start = serializers.DateField()
    end = serializers.DateField()
    hours_booked = serializers.FloatField()
    hours_open = serializers.FloatField()
    ratio = serializers.FloatField(allow_null=True)


class HubOccupancy(APIView):
    """Confirmed room hours booked against room hours open (opening hours × bookable
    rooms) in a period."""

    @extend_schema(parameters=PERIOD_PARAMETERS, responses=OccupancySerializer)
    def get(self, request: Request, hub_id: int) -> Response:
        hub = generics.get_object_or_404(Hub, pk=hub_id)
        start, end = _period(request)
        occupancy = selectors.hub_occupancy(hub=hub, start=start, end=end)
        return Response(
            OccupancySerializer(
                {
                    "hub": hub.pk,
                    "start": start,
                    "end": end,
                    "hours_booked": occupancy.hours_booked,
                    "hours_open": occupancy.hours_open,
                    "ratio": occupancy.ratio,
                }
            ).data
        )


class BookingRequestSerializer(serializers.Serializer[Any]):
    room = serializers.PrimaryKeyRelatedField(queryset=Room.objects.filter(is_bookable=True))
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    purpose = serializers.CharField(max_length=200)
    attendees = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    is_public = serializers.BooleanField(default=True)


class BookingCreatedSerializer(serializers.ModelSerializer[Booking]):
    class Meta:
        model = Booking
        fields = [
            "id",
            "room",
            "starts_at",
            "ends_at",
            "status",
            "purpose",
            "is_public",
            "attendees",
            "cancel_token",
        ]


class BookingRequestCreate(APIView):
    """Ask for a room (signed in). The request waits for the hub host; the answer holds
    the cancel token for the booking's secret link."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=BookingRequestSerializer, responses={201: BookingCreatedSerializer})
    def post(self, request: Request) -> Response:
        serializer = BookingRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            booking = booking_request(
                room=data["room"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                booked_by=request.user,
                purpose=data["purpose"],
                attendees=data.get("attendees"),
                is_public=data["is_public"],
            )
        except DjangoValidationError as exc:
            raise ValidationError(
                exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
            ) from exc
        return Response(BookingCreatedSerializer(booking).data, status=status.HTTP_201_CREATED)


urlpatterns = [
    path("hubs/<int:hub_id>/bookings/", HubBookingList.as_view(), name="hub-bookings"),
    path("hubs/<int:hub_id>/occupancy/", HubOccupancy.as_view(), name="hub-occupancy"),
    path("bookings/", BookingRequestCreate.as_view(), name="booking-create"),
]
