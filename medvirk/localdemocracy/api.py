"""Public API of local democracy: committees with their public members and coordinator,
and public meetings with agendas. Included under /api/v1/."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import path
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from medvirk.api.params import query_bool, query_text
from medvirk.localdemocracy.models import (
    AgendaItem,
    Coordinator,
    LocalCommittee,
    Meeting,
    Membership,
)


class MembershipSerializer(serializers.ModelSerializer[Membership]):
    standing_committee = serializers.CharField(
        source="standing_committee.name", default=None, allow_null=True
    )

    class Meta:
        model = Membership
        fields = [
            "person_name",
            "role",
            "seat_kind",
            "standing_committee",
            "organisation",
            "starts_on",
        ]


class CoordinatorSerializer(serializers.ModelSerializer[Coordinator]):
    hub = serializers.CharField(source="hub.name", default=None, allow_null=True)

    class Meta:
        model = Coordinator
        fields = ["name", "title", "phone", "email", "hub", "presentation"]


class CommitteeSerializer(serializers.ModelSerializer[LocalCommittee]):
    district = serializers.SlugField(source="district.slug")
    district_name = serializers.CharField(source="district.name")
    term = serializers.CharField(source="term.name")
    members = MembershipSerializer(many=True, source="public_members")
    coordinator = serializers.SerializerMethodField()

    class Meta:
        model = LocalCommittee
        fields = [
            "id",
            "district",
            "district_name",
            "name",
            "term",
            "email",
            "members",
            "coordinator",
        ]

    @extend_schema_field(CoordinatorSerializer(allow_null=True))
    def get_coordinator(self, committee: LocalCommittee) -> dict[str, Any] | None:
        coordinator = getattr(committee.district, "coordinator", None)
        return CoordinatorSerializer(coordinator).data if coordinator else None


class AgendaItemSerializer(serializers.ModelSerializer[AgendaItem]):
    document = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = ["number", "title", "description", "document"]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_document(self, item: AgendaItem) -> str | None:
        """The document's address, served after the same access check as on the site."""
        url = item.document_url
        if not url:
            return None
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


class MeetingSerializer(serializers.ModelSerializer[Meeting]):
    district = serializers.SlugField(source="committee.district.slug")
    committee = serializers.IntegerField(source="committee_id")
    place = serializers.CharField(source="place_label")
    agenda = AgendaItemSerializer(many=True, source="agenda_items")

    class Meta:
        model = Meeting
        fields = [
            "id",
            "district",
            "committee",
            "kind",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "capacity",
            "status",
            "agenda",
        ]


class CommitteeList(generics.ListAPIView[LocalCommittee]):
    """The current local committees of a municipality, with public members and the
    coordinator's contact details."""

    serializer_class = CommitteeSerializer

    def get_queryset(self) -> QuerySet[LocalCommittee]:
        today = timezone.localdate()
        return (
            LocalCommittee.objects.filter(
                district__municipality__number=self.kwargs["number"],
                term__starts_on__lte=today,
                term__ends_on__gte=today,
            )
            .select_related("district__coordinator__hub", "term")
            .prefetch_related(
                Prefetch(
                    "memberships",
                    queryset=Membership.objects.filter(
                        is_public=True, ends_on__isnull=True
                    ).select_related("standing_committee"),
                    to_attr="public_members",
                )
            )
            .order_by("district__sort_order")
        )


class MeetingList(generics.ListAPIView[Meeting]):
    """Public meetings of a municipality's local committees, with agendas."""

    serializer_class = MeetingSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("district", str, description="Only this district (its slug)."),
            OpenApiParameter("upcoming", bool, description="Only meetings not yet ended."),
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Meeting]:
        meetings = (
            Meeting.objects.filter(
                committee__district__municipality__number=self.kwargs["number"],
                is_public=True,
            )
            # the municipality is in the agenda documents' addresses
            .select_related("committee__district__municipality", "room__hub")
            .prefetch_related("agenda_items")
            .order_by("starts_at", "pk")
        )
        district = query_text(self.request, "district")
        if district:
            meetings = meetings.filter(committee__district__slug=district)
        if query_bool(self.request, "upcoming"):
            meetings = meetings.filter(ends_at__gte=timezone.now())
        return meetings


urlpatterns = [
    path("municipalities/<str:number>/committees/", CommitteeList.as_view(), name="committee-list"),
    path("municipalities/<str:number>/meetings/", MeetingList.as_view(), name="meeting-list"),
]
