"""API endpoints of the volunteering app, included under /api/v1/: offers, associations,
working groups (no personal data) and the simple measures per district."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from medvirk.api.fields import WallClockTimeField
from medvirk.api.params import query_bool, query_int, query_text
from medvirk.places.models import District, Municipality
from medvirk.volunteering import selectors
from medvirk.volunteering.models import Offer, Organisation, Theme, WorkingGroup


class OfferSerializer(serializers.ModelSerializer[Offer]):
    district: serializers.SlugRelatedField[District] = serializers.SlugRelatedField(
        read_only=True, slug_field="slug"
    )
    hub = serializers.SerializerMethodField()
    room = serializers.SerializerMethodField()
    organisation = serializers.SerializerMethodField()
    starts = WallClockTimeField()
    ends = WallClockTimeField()

    class Meta:
        model = Offer
        fields = [
            "id",
            "slug",
            "title",
            "description",
            "theme",
            "district",
            "hub",
            "room",
            "place",
            "organisation",
            "age_group",
            "languages",
            "step_free",
            "accessibility",
            "weekday",
            "starts",
            "ends",
            "interval_weeks",
            "first_date",
            "last_date",
            "attendance",
            "capacity",
        ]

    def get_hub(self, offer: Offer) -> str | None:
        return offer.hub.name if offer.hub else None

    def get_room(self, offer: Offer) -> str | None:
        return offer.room.name if offer.room else None

    def get_organisation(self, offer: Offer) -> str | None:
        return offer.organisation.name if offer.organisation else None


class OfferList(generics.ListAPIView[Offer]):
    """Published low-threshold offers of a municipality, filtered like the web page."""

    serializer_class = OfferSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("district", str, description="District address name."),
            OpenApiParameter("theme", str, enum=Theme.values),
            OpenApiParameter(
                "weekday",
                {"type": "integer", "minimum": 0, "maximum": 6},
                description="0 = Monday … 6 = Sunday.",
            ),
            OpenApiParameter("language", str, description="Language code, for example 'ar'."),
            OpenApiParameter("step_free", bool),
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Offer]:
        municipality = generics.get_object_or_404(Municipality, number=self.kwargs["number"])
        params = self.request.query_params
        district = None
        if query_text(self.request, "district"):
            district = generics.get_object_or_404(
                District, municipality=municipality, slug=params["district"]
            )
        filters = selectors.OfferFilters(
            district=district,
            theme=query_text(self.request, "theme"),
            weekday=query_int(self.request, "weekday", minimum=0, maximum=6),
            language=query_text(self.request, "language"),
            step_free=query_bool(self.request, "step_free"),
        )
        return selectors.offer_list(municipality=municipality, filters=filters)


class OrganisationSerializer(serializers.ModelSerializer[Organisation]):
    district: serializers.SlugRelatedField[District] = serializers.SlugRelatedField(
        read_only=True, slug_field="slug"
    )

    class Meta:
        model = Organisation
        fields = [
            "id",
            "slug",
            "name",
            "purpose",
            "activities",
            "district",
            "organisation_number",
            "email",
            "website",
        ]


class OrganisationList(generics.ListAPIView[Organisation]):
    """The associations of a municipality (their public page)."""

    serializer_class = OrganisationSerializer

    def get_queryset(self) -> QuerySet[Organisation]:
        municipality = generics.get_object_or_404(Municipality, number=self.kwargs["number"])
        return selectors.organisation_list(municipality=municipality)


class WorkingGroupSerializer(serializers.ModelSerializer[WorkingGroup]):
    district: serializers.SlugRelatedField[District] = serializers.SlugRelatedField(
        read_only=True, slug_field="slug"
    )
    members = serializers.IntegerField(source="member_count", read_only=True)

    class Meta:
        model = WorkingGroup
        fields = [
            "id",
            "slug",
            "name",
            "theme",
            "description",
            "district",
            "volunteers_needed",
            "members",
            "is_open",
        ]


class WorkingGroupList(generics.ListAPIView[WorkingGroup]):
    """Working groups with their need and number of members (no names)."""

    serializer_class = WorkingGroupSerializer

    def get_queryset(self) -> QuerySet[WorkingGroup]:
        municipality = generics.get_object_or_404(Municipality, number=self.kwargs["number"])
        return selectors.working_group_list(municipality=municipality)


class DistrictMeasuresSerializer(serializers.Serializer[Any]):
    district = serializers.CharField(source="district.slug")
    volunteers_needed = serializers.IntegerField()
    volunteers_placed = serializers.IntegerField()
    volunteers = serializers.IntegerField()
    offers_per_week = serializers.FloatField()
    people_reached = serializers.IntegerField()
    hours_booked = serializers.FloatField()
    hours_open = serializers.FloatField()
    occupancy = serializers.FloatField(allow_null=True)


class VolunteeringMeasures(APIView):
    """The simple measures per district for the current month: volunteers in working
    groups against their need, room hours booked against hours open, offers per week and
    people reached. Feeds the indicators."""

    @extend_schema(responses=DistrictMeasuresSerializer(many=True))
    def get(self, request: Request, number: str) -> Response:
        municipality = generics.get_object_or_404(Municipality, number=number)
        districts = list(municipality.districts.order_by("sort_order", "name"))
        start, end = selectors.measures_period()
        rows = []
        for measures in selectors.district_measures(districts=districts, start=start, end=end):
            booked = sum(o.hours_booked for _hub, o in measures.hubs)
            open_hours = sum(o.hours_open for _hub, o in measures.hubs)
            rows.append(
                {
                    "district": measures.district,
                    "volunteers_needed": measures.volunteers_needed,
                    "volunteers_placed": measures.volunteers_placed,
                    "volunteers": measures.volunteers,
                    "offers_per_week": measures.offers_per_week,
                    "people_reached": measures.people_reached,
                    "hours_booked": round(booked, 2),
                    "hours_open": round(open_hours, 2),
                    "occupancy": round(min(booked / open_hours, 1.0), 3) if open_hours else None,
                }
            )
        return Response(DistrictMeasuresSerializer(rows, many=True).data)


urlpatterns = [
    path("municipalities/<str:number>/offers/", OfferList.as_view(), name="offer-list"),
    path(
        "municipalities/<str:number>/organisations/",
        OrganisationList.as_view(),
        name="organisation-list",
    ),
    path(
        "municipalities/<str:number>/working-groups/",
        WorkingGroupList.as_view(),
        name="working-group-list",
    ),
    path(
        "municipalities/<str:number>/volunteering-measures/",
        VolunteeringMeasures.as_view(),
        name="volunteering-measures",
    ),
]
