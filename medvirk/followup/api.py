"""Public API endpoints of the followup app, included under /api/v1/: an activity's
published report with its counts and decisions."""

from __future__ import annotations

from typing import Any

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from medvirk.followup import selectors
from medvirk.followup.models import Decision
from medvirk.participation import selectors as participation
from medvirk.places.models import Municipality


class DecisionSerializer(serializers.ModelSerializer[Decision]):
    inputs: Any = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Decision
        fields = ["id", "title", "text", "decided_on", "decided_by", "reference", "inputs"]


class CountSerializer(serializers.Serializer[Any]):
    label = serializers.CharField()  # type: ignore[assignment]
    count = serializers.IntegerField()


class ReportSerializer(serializers.Serializer[Any]):
    activity = serializers.CharField()
    what_we_heard = serializers.CharField()
    what_we_did = serializers.CharField()
    published_at = serializers.DateTimeField()
    total = serializers.IntegerField()
    by_channel = CountSerializer(many=True)
    by_district = CountSerializer(many=True)
    by_status = CountSerializer(many=True)
    decisions = DecisionSerializer(many=True)


class ReportDetail(APIView):
    """The published "what we heard / what we did" report of an activity. The inputs and
    their answers are at the activity's inputs endpoint."""

    @extend_schema(responses=ReportSerializer)
    def get(self, request: Request, number: str, slug: str) -> Response:
        municipality = generics.get_object_or_404(Municipality, number=number)
        activity = participation.activity_get(municipality=municipality, slug=slug)
        report = selectors.report_get(activity=activity)
        if report is None or not report.is_published:
            raise NotFound("report not published")
        data = selectors.report_data(activity=activity)
        return Response(
            ReportSerializer(
                {
                    "activity": activity.slug,
                    "what_we_heard": report.what_we_heard,
                    "what_we_did": report.what_we_did,
                    "published_at": report.published_at,
                    "total": data.total,
                    "by_channel": data.by_channel,
                    "by_district": data.by_district,
                    "by_status": data.by_status,
                    "decisions": data.decisions,
                }
            ).data
        )


urlpatterns = [
    path(
        "municipalities/<str:number>/activities/<slug:slug>/report/",
        ReportDetail.as_view(),
        name="followup-report",
    ),
]
