"""Public API endpoints of the participation app, included under /api/v1/: the toolbox,
activities with their phases, and public inputs (never contact details)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import path
from rest_framework import generics, serializers

from medvirk.participation import selectors
from medvirk.participation.exports import response_of
from medvirk.participation.models import Activity, Input, Method, Phase, Visibility
from medvirk.places.models import Municipality


class MethodSerializer(serializers.ModelSerializer[Method]):
    class Meta:
        model = Method
        fields = [
            "slug",
            "effort",
            "input_kind",
            "is_shared",
            "name_nb",
            "name_nn",
            "name_en",
            "purpose_nb",
            "purpose_nn",
            "purpose_en",
            "when_nb",
            "when_nn",
            "when_en",
            "reaches_nb",
            "reaches_nn",
            "reaches_en",
            "misses_nb",
            "misses_nn",
            "misses_en",
            "accessibility_nb",
            "accessibility_nn",
            "accessibility_en",
            "steps_nb",
            "steps_nn",
            "steps_en",
        ]


class PhaseSerializer(serializers.ModelSerializer[Phase]):
    class Meta:
        model = Phase
        fields = ["kind", "starts_on", "ends_on"]


class ActivitySerializer(serializers.ModelSerializer[Activity]):
    municipality = serializers.CharField(source="municipality.number")
    district: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    method: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    phases = PhaseSerializer(many=True, read_only=True)
    current_phase = serializers.CharField(read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "municipality",
            "district",
            "method",
            "slug",
            "title",
            "summary",
            "description",
            "theme",
            "input_kind",
            "owner_kind",
            "owner_name",
            "participation_rule",
            "moderation",
            "current_phase",
            "phases",
        ]


class InputSerializer(serializers.ModelSerializer[Input]):
    """A public input. Hidden inputs carry only the moderator's public reason."""

    section = serializers.IntegerField(source="section_id", allow_null=True)
    district = serializers.IntegerField(source="district_id", allow_null=True)
    title = serializers.SerializerMethodField()
    text = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    answer = serializers.SerializerMethodField()

    class Meta:
        model = Input
        fields = [
            "id",
            "kind",
            "title",
            "text",
            "section",
            "district",
            "latitude",
            "longitude",
            "channel",
            "visibility",
            "hidden_reason",
            "support_count",
            "created_at",
            "status",
            "answer",
        ]

    def _hidden(self, obj: Input) -> bool:
        return obj.visibility == Visibility.HIDDEN

    def get_title(self, obj: Input) -> str:
        return "" if self._hidden(obj) else obj.title

    def get_text(self, obj: Input) -> str:
        return "" if self._hidden(obj) else obj.text

    def get_status(self, obj: Input) -> str:
        response = response_of(obj)
        return str(response.status) if response else "received"

    def get_answer(self, obj: Input) -> str:
        response = response_of(obj)
        return str(response.answer) if response else ""


class MethodList(generics.ListAPIView[Method]):
    """The toolbox: the installation's methods and those municipalities share."""

    serializer_class = MethodSerializer

    def get_queryset(self) -> QuerySet[Method]:
        from django.db.models import Q

        return Method.objects.filter(Q(municipality=None) | Q(is_shared=True)).order_by("slug")


class ActivityList(generics.ListAPIView[Activity]):
    """The activities of one municipality, with their phases."""

    serializer_class = ActivitySerializer

    def get_queryset(self) -> QuerySet[Activity]:
        municipality = generics.get_object_or_404(Municipality, number=self.kwargs["number"])
        return selectors.activity_list(municipality=municipality)


class ActivityDetail(generics.RetrieveAPIView[Activity]):
    serializer_class = ActivitySerializer

    def get_object(self) -> Activity:
        municipality = generics.get_object_or_404(Municipality, number=self.kwargs["number"])
        return selectors.activity_get(municipality=municipality, slug=self.kwargs["slug"])


class InputList(generics.ListAPIView[Input]):
    """The public inputs of an activity with their status and public answer."""

    serializer_class = InputSerializer

    def get_queryset(self) -> QuerySet[Input]:
        municipality = generics.get_object_or_404(Municipality, number=self.kwargs["number"])
        activity = selectors.activity_get(municipality=municipality, slug=self.kwargs["slug"])
        return (
            selectors.input_queryset(activity=activity)
            .exclude(visibility=Visibility.PENDING)
            .order_by("created_at", "id")
        )


urlpatterns = [
    path("methods/", MethodList.as_view(), name="participation-method-list"),
    path(
        "municipalities/<str:number>/activities/",
        ActivityList.as_view(),
        name="participation-activity-list",
    ),
    path(
        "municipalities/<str:number>/activities/<slug:slug>/",
        ActivityDetail.as_view(),
        name="participation-activity-detail",
    ),
    path(
        "municipalities/<str:number>/activities/<slug:slug>/inputs/",
        InputList.as_view(),
        name="participation-input-list",
    ),
]
