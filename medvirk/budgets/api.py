"""Public API of participation budgets: allocation, spent and expenses per district and
year. Included under /api/v1/."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from medvirk.api.params import MAX_YEAR, MIN_YEAR, query_int
from medvirk.budgets.models import Expense, ParticipationBudget


class ExpenseSerializer(serializers.ModelSerializer[Expense]):
    meeting = serializers.IntegerField(source="meeting_id", allow_null=True)

    class Meta:
        model = Expense
        fields = ["date", "amount", "purpose", "meeting", "activity"]


class BudgetSerializer(serializers.ModelSerializer[ParticipationBudget]):
    district = serializers.SlugField(source="district.slug")
    balance = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)
    expenses = ExpenseSerializer(many=True)

    class Meta:
        model = ParticipationBudget
        fields = ["district", "year", "allocation", "spent", "balance", "expenses"]


class BudgetList(generics.ListAPIView[ParticipationBudget]):
    """District participation budgets of a municipality, with their expenses."""

    serializer_class = BudgetSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "year",
                {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
                description="Only this year.",
            )
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[ParticipationBudget]:
        budgets = (
            ParticipationBudget.objects.filter(district__municipality__number=self.kwargs["number"])
            .select_related("district")
            .prefetch_related("expenses")
            .order_by("district__sort_order", "-year")
        )
        year = query_int(self.request, "year", minimum=MIN_YEAR, maximum=MAX_YEAR)
        if year is not None:
            budgets = budgets.filter(year=year)
        return budgets


urlpatterns = [
    path("municipalities/<str:number>/budgets/", BudgetList.as_view(), name="budget-list"),
]
