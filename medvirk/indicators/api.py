"""API endpoints of the indicators app, included under /api/v1/: indicators,
observations (JSON and CSV), fiscal-rule verdicts, peer-finder answers and the
experience library. All read only and public, like the statistics they serve."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from medvirk.api.params import query_int, query_text, query_texts
from medvirk.core.csvexport import csv_text
from medvirk.indicators import selectors
from medvirk.indicators.models import ExperienceEntry, Indicator, Observation
from medvirk.places.models import Municipality


class IndicatorSerializer(serializers.ModelSerializer[Indicator]):
    class Meta:
        model = Indicator
        fields = [
            "code",
            "name_nb",
            "name_nn",
            "name_en",
            "theme",
            "unit",
            "decimals",
            "direction",
            "source",
            "source_note",
            "ssb_table",
            "ssb_contents_code",
            "ssb_filters",
        ]


class ObservationSerializer(serializers.ModelSerializer[Observation]):
    indicator = serializers.CharField(source="indicator.code")
    region = serializers.CharField(source="region.code")
    region_kind = serializers.CharField(source="region.kind")
    region_name = serializers.CharField(source="region.name")

    class Meta:
        model = Observation
        fields = [
            "indicator",
            "region",
            "region_kind",
            "region_name",
            "period",
            "value",
            "status",
            "source",
            "retrieved_at",
        ]


class IndicatorList(generics.ListAPIView[Indicator]):
    """Every indicator in the registry."""

    serializer_class = IndicatorSerializer
    queryset = Indicator.objects.order_by("code")


class IndicatorDetail(generics.RetrieveAPIView[Indicator]):
    serializer_class = IndicatorSerializer
    lookup_field = "code"
    queryset = Indicator.objects.all()


# The CSV download has the same columns as the JSON observations.
CSV_FIELDS = ObservationSerializer.Meta.fields


class ObservationCSVRenderer(BaseRenderer):
    """Observations as CSV, in the long format the CSV import reads."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        rows = data.get("results", data) if isinstance(data, dict) else data
        # Machine CSV: comma, no BOM, the same in every language (see core.csvexport).
        body = (
            (["" if row.get(f) is None else row.get(f) for f in CSV_FIELDS] for row in rows)
            if isinstance(rows, list)
            else ()
        )
        return csv_text(CSV_FIELDS, body, for_people=False).encode("utf-8")


class ObservationList(generics.ListAPIView[Observation]):
    """Observations, filtered by indicator code, region code(s) and period. With
    ``format=csv`` the answer is CSV (every matching row, unpaginated) in the same long
    format the CSV import reads."""

    serializer_class = ObservationSerializer
    renderer_classes = [JSONRenderer, ObservationCSVRenderer]
    # An unknown ``format`` is answered 404, as DRF does.
    schema_error_statuses = ("404",)

    @extend_schema(
        parameters=[
            OpenApiParameter("indicator", str, description="Indicator code."),
            OpenApiParameter(
                "region", str, many=True, description="Region code(s): 3301, EKG12, EAK, 33 …"
            ),
            OpenApiParameter("period", str, description="For example 2024."),
            OpenApiParameter("format", str, enum=["json", "csv"]),
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        if getattr(request.accepted_renderer, "format", "") == "csv":
            data = self.get_serializer(self.get_queryset(), many=True).data
            return Response(
                data, headers={"Content-Disposition": 'attachment; filename="observations.csv"'}
            )
        return super().get(request, *args, **kwargs)

    def handle_exception(self, exc: Exception) -> Response:
        """Errors are answered in JSON, also when CSV was asked for."""
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)

    def get_queryset(self) -> QuerySet[Observation]:
        params = self.request.query_params
        query_text(self.request, "indicator")
        query_text(self.request, "period")
        query_texts(self.request, "region")
        if not params.get("indicator") and not params.getlist("region"):
            raise ValidationError({"indicator": _("Give an indicator or a region.")})
        queryset = Observation.objects.select_related("indicator", "region").order_by(
            "indicator__code", "region__code", "period"
        )
        if params.get("indicator"):
            queryset = queryset.filter(indicator__code=params["indicator"])
        if params.getlist("region"):
            queryset = queryset.filter(region__code__in=params.getlist("region"))
        if params.get("period"):
            queryset = queryset.filter(period=params["period"])
        return queryset


class VerdictSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    value = serializers.FloatField(allow_null=True)
    status = serializers.CharField()
    threshold = serializers.FloatField()
    colour = serializers.CharField(allow_null=True)
    margin = serializers.FloatField(allow_null=True)


class RuleVerdictsSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(source="rule.name")
    indicator = serializers.CharField(source="rule.indicator.code")
    comparison = serializers.CharField(source="rule.comparison")
    threshold = serializers.FloatField(source="rule.threshold")
    target_threshold = serializers.FloatField(source="rule.target_threshold", allow_null=True)
    target_year = serializers.IntegerField(source="rule.target_year", allow_null=True)
    has_data = serializers.BooleanField()
    verdicts = VerdictSerializer(many=True)


class FiscalRuleVerdicts(APIView):
    """The municipality's fiscal rules with a green, amber or red verdict per year."""

    @extend_schema(responses=RuleVerdictsSerializer(many=True))
    def get(self, request: Request, number: str) -> Response:
        municipality = generics.get_object_or_404(Municipality, number=number)
        rules = selectors.fiscal_rule_verdicts(municipality=municipality)
        return Response(RuleVerdictsSerializer(rules, many=True).data)


class MeasureMatchSerializer(serializers.Serializer[Any]):
    column = serializers.CharField()
    home_value = serializers.JSONField()
    value = serializers.JSONField()
    difference_sd = serializers.FloatField(allow_null=True)
    similarity = serializers.FloatField(allow_null=True)


class TargetGainSerializer(serializers.Serializer[Any]):
    column = serializers.CharField()
    home_value = serializers.FloatField(allow_null=True)
    value = serializers.FloatField(allow_null=True)
    gain = serializers.FloatField(allow_null=True)
    gain_sd = serializers.FloatField(allow_null=True)
    better = serializers.BooleanField()


class PeerSerializer(serializers.Serializer[Any]):
    municipality = serializers.CharField(source="row")
    rank = serializers.IntegerField()
    similarity = serializers.FloatField()
    distance = serializers.FloatField()
    context = MeasureMatchSerializer(many=True)  # type: ignore[assignment]
    targets = TargetGainSerializer(many=True)


class PeerAnswerSerializer(serializers.Serializer[Any]):
    home = serializers.CharField()
    considered = serializers.IntegerField()
    matching = serializers.IntegerField()
    peers = PeerSerializer(many=True)


class PeerFinder(APIView):
    """Municipalities with a similar context that do better on the targets, most similar
    first. Context measures: population, area, density, kostra_group or indicator
    codes; targets: indicator codes."""

    @extend_schema(
        parameters=[
            OpenApiParameter("context", str, many=True, required=True),
            OpenApiParameter("target", str, many=True),
            OpenApiParameter("limit", {"type": "integer", "minimum": 1, "maximum": 50}),
        ],
        responses=PeerAnswerSerializer,
    )
    def get(self, request: Request, number: str) -> Response:
        municipality = generics.get_object_or_404(Municipality, number=number)
        context = query_texts(request, "context")
        targets = query_texts(request, "target")
        limit = query_int(request, "limit", minimum=1, maximum=50, default=10) or 10
        known = {code for code, _name in selectors.peer_measure_choices()}
        unknown = [code for code in [*context, *targets] if code not in known]
        if not context or unknown:
            raise ValidationError(
                {
                    "context": _("Choose known measures (unknown: %(codes)s).")
                    % {"codes": ", ".join(unknown) or "–"}
                }
            )
        result = selectors.peer_find(
            municipality=municipality, context=context, targets=targets, limit=limit
        )
        return Response(PeerAnswerSerializer(result.answer).data)


class ExperienceSerializer(serializers.ModelSerializer[ExperienceEntry]):
    municipality = serializers.CharField(source="municipality.number")
    indicators: serializers.SlugRelatedField[Indicator] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="code"
    )

    class Meta:
        model = ExperienceEntry
        fields = [
            "id",
            "municipality",
            "title",
            "theme",
            "challenge",
            "what_was_done",
            "results",
            "goals",
            "indicators",
            "contact_name",
            "is_demo",
            "updated_at",
        ]


class ExperienceList(generics.ListAPIView[ExperienceEntry]):
    """Published experience entries, searchable by goal, theme and indicator."""

    serializer_class = ExperienceSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("goal", {"type": "integer", "minimum": 1, "maximum": 17}),
            OpenApiParameter("theme", str),
            OpenApiParameter("indicator", str),
            OpenApiParameter("q", str),
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[ExperienceEntry]:
        request = self.request
        return selectors.experience_search(
            goal=query_int(request, "goal", minimum=1, maximum=17),
            theme=query_text(request, "theme"),
            indicator=query_text(request, "indicator"),
            text=query_text(request, "q"),
        )


urlpatterns = [
    path("indicators/", IndicatorList.as_view(), name="indicator-list"),
    path("indicators/<str:code>/", IndicatorDetail.as_view(), name="indicator-detail"),
    path("observations/", ObservationList.as_view(), name="observation-list"),
    path(
        "municipalities/<str:number>/fiscal-rules/",
        FiscalRuleVerdicts.as_view(),
        name="fiscal-rule-verdicts",
    ),
    path("municipalities/<str:number>/peers/", PeerFinder.as_view(), name="peer-finder"),
    path("experiences/", ExperienceList.as_view(), name="experience-list"),
]
