"""Public API endpoints for municipalities, districts and hubs (read only)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from medvirk.api.fields import WallClockTimeField
from medvirk.api.params import query_bool
from medvirk.places import selectors
from medvirk.places.forms import FindDistrictForm
from medvirk.places.models import (
    District,
    Hub,
    Municipality,
    Neighbourhood,
    OpeningHours,
    Postcode,
    Room,
)


class MunicipalitySerializer(serializers.ModelSerializer[Municipality]):
    county = serializers.CharField(source="county.name")
    county_number = serializers.CharField(source="county.number")

    class Meta:
        model = Municipality
        fields = [
            "number",
            "name",
            "slug",
            "county",
            "county_number",
            "written_form",
            "enabled_languages",
            "population",
            "area_km2",
            "administrative_centre",
            "kostra_group",
            "website",
            "is_participating",
        ]


class DistrictSerializer(serializers.ModelSerializer[District]):
    municipality = serializers.CharField(source="municipality.number")
    postcodes: serializers.SlugRelatedField[Postcode] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="code"
    )
    neighbourhoods: serializers.SlugRelatedField[Neighbourhood] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="name"
    )

    class Meta:
        model = District
        fields = [
            "id",
            "municipality",
            "name",
            "slug",
            "description",
            "population",
            "postcodes",
            "neighbourhoods",
            "boundary",
        ]


class OpeningHoursSerializer(serializers.ModelSerializer[OpeningHours]):
    opens = WallClockTimeField()
    closes = WallClockTimeField()

    class Meta:
        model = OpeningHours
        fields = ["weekday", "opens", "closes"]


class RoomSerializer(serializers.ModelSerializer[Room]):
    class Meta:
        model = Room
        fields = ["id", "name", "capacity", "facilities", "is_bookable"]


class HubSerializer(serializers.ModelSerializer[Hub]):
    district = serializers.IntegerField(source="district_id")
    opening_hours = OpeningHoursSerializer(many=True, read_only=True)
    rooms = RoomSerializer(many=True, read_only=True)

    class Meta:
        model = Hub
        fields = [
            "id",
            "district",
            "name",
            "slug",
            "kind",
            "description",
            "address",
            "postcode",
            "postal_place",
            "latitude",
            "longitude",
            "accessibility",
            "email",
            "phone",
            "opening_hours",
            "rooms",
        ]


class MunicipalityList(generics.ListAPIView[Municipality]):
    """All municipalities on this installation."""

    serializer_class = MunicipalitySerializer

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "participating", bool, description="Only those that run participation here."
            )
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Municipality]:
        queryset = selectors.municipality_list_all()
        if query_bool(self.request, "participating"):
            queryset = queryset.filter(is_participating=True)
        return queryset


class MunicipalityDetail(generics.RetrieveAPIView[Municipality]):
    serializer_class = MunicipalitySerializer
    lookup_field = "number"
    queryset = Municipality.objects.select_related("county")


class DistrictList(generics.ListAPIView[District]):
    """The districts of one municipality, with boundaries as GeoJSON geometries."""

    serializer_class = DistrictSerializer

    def get_queryset(self) -> QuerySet[District]:
        municipality = generics.get_object_or_404(Municipality, number=self.kwargs["number"])
        return (
            District.objects.filter(municipality=municipality)
            .select_related("municipality")
            .prefetch_related("postcodes", "neighbourhoods")
        )


class HubList(generics.ListAPIView[Hub]):
    """The hubs of one municipality, with opening hours and rooms."""

    serializer_class = HubSerializer

    def get_queryset(self) -> QuerySet[Hub]:
        return (
            Hub.objects.filter(district__municipality__number=self.kwargs["number"])
            .prefetch_related("opening_hours", "rooms")
            .order_by("district__sort_order", "name")
        )


class FindDistrictResult(serializers.Serializer[Any]):
    district = DistrictSerializer()
    found_by = serializers.ChoiceField(choices=["postcode", "point"])


class FindDistrict(APIView):
    """Which district a postcode or a point (latitude, longitude) belongs to."""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "postnummer",
                {"type": "string", "pattern": "^[0-9]{4}$"},
                description="Four-digit postcode.",
            ),
            OpenApiParameter(
                "breddegrad",
                {"type": "number", "minimum": -90, "maximum": 90},
                description="Latitude (WGS84).",
            ),
            OpenApiParameter(
                "lengdegrad",
                {"type": "number", "minimum": -180, "maximum": 180},
                description="Longitude (WGS84).",
            ),
        ],
        responses=FindDistrictResult,
    )
    def get(self, request: Request, number: str) -> Response:
        municipality = generics.get_object_or_404(Municipality, number=number)
        form = FindDistrictForm(request.query_params)
        if not form.is_valid():
            raise ValidationError(form.errors.get_json_data())
        code = form.cleaned_data.get("postnummer")
        if code:
            match = selectors.district_find_by_postcode(municipality=municipality, code=code)
            district = match.district if match else None
            found_by = "postcode"
        else:
            district = selectors.district_find_by_point(
                municipality=municipality,
                latitude=form.cleaned_data["breddegrad"],
                longitude=form.cleaned_data["lengdegrad"],
            )
            found_by = "point"
        if district is None:
            raise NotFound(_("No district found there."))
        return Response(FindDistrictResult({"district": district, "found_by": found_by}).data)


urlpatterns = [
    path("municipalities/", MunicipalityList.as_view(), name="municipality-list"),
    path("municipalities/<str:number>/", MunicipalityDetail.as_view(), name="municipality-detail"),
    path("municipalities/<str:number>/districts/", DistrictList.as_view(), name="district-list"),
    path("municipalities/<str:number>/hubs/", HubList.as_view(), name="hub-list"),
    path(
        "municipalities/<str:number>/find-district/", FindDistrict.as_view(), name="find-district"
    ),
]
