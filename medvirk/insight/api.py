"""Public API endpoints of the insight app, included under /api/v1/: an activity's
published summary, theme by theme."""

from __future__ import annotations

from typing import Any

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from medvirk.insight import selectors
from medvirk.participation import selectors as participation
from medvirk.places.models import Municipality


class ShareSerializer(serializers.Serializer[Any]):
    label = serializers.CharField()  # type: ignore[assignment]
    count = serializers.IntegerField()
    percent = serializers.IntegerField()


class QuoteSerializer(serializers.Serializer[Any]):
    input = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    text = serializers.CharField()


class ThemeSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="theme.pk")
    label = serializers.CharField(source="theme.label")  # type: ignore[assignment]
    words = serializers.ListField(child=serializers.CharField(), source="theme.label_words")
    size = serializers.IntegerField()
    percent = serializers.IntegerField()
    near_identical_copies = serializers.IntegerField(source="copies")
    districts = ShareSerializer(many=True)
    channels = ShareSerializer(many=True)
    quotes = QuoteSerializer(many=True)
    inputs = serializers.ListField(child=serializers.IntegerField())


class SummarySerializer(serializers.Serializer[Any]):
    activity = serializers.CharField()
    published_at = serializers.DateTimeField()
    analysed = serializers.IntegerField()
    set_apart = ShareSerializer(many=True)
    near_identical_groups = serializers.IntegerField()
    themes = ThemeSerializer(many=True)


class SummaryDetail(APIView):
    """The published summary of an activity's inputs: its themes, largest first, each with
    its size, its share by district and channel, verbatim quotes and the ids of its inputs
    (see the activity's inputs endpoint for their text)."""

    @extend_schema(responses=SummarySerializer)
    def get(self, request: Request, number: str, slug: str) -> Response:
        municipality = generics.get_object_or_404(Municipality, number=number)
        activity = participation.activity_get(municipality=municipality, slug=slug)
        published = selectors.published_get(activity=activity)
        if published is None:
            raise NotFound("summary not published")
        view = selectors.summary_view(summary=published, public=True, facet_top=50)
        members = selectors.member_ids(summary=published)
        themes = [
            {
                "theme": item.theme,
                "size": item.size,
                "percent": item.percent,
                "copies": item.copies,
                "districts": item.districts,
                "channels": item.channels,
                "quotes": item.quotes,
                "inputs": members.get(item.theme.pk, []),
            }
            for item in view.themes
        ]
        return Response(
            SummarySerializer(
                {
                    "activity": activity.slug,
                    "published_at": published.published_at,
                    "analysed": view.analysed,
                    "set_apart": view.set_apart,
                    "near_identical_groups": view.duplicate_groups,
                    "themes": themes,
                }
            ).data
        )


urlpatterns = [
    path(
        "municipalities/<str:number>/activities/<slug:slug>/summary/",
        SummaryDetail.as_view(),
        name="insight-summary",
    ),
]
