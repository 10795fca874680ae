"""Budget pages below /<municipality>/<district>/budsjett/ (a reserved path word)."""

from django.urls import path

from medvirk.budgets import views

app_name = "budgets"

D = "<slug:municipality_slug>/<slug:district_slug>"

urlpatterns = [
    path(f"{D}/budsjett/", views.budget_detail, name="budget"),
    path(f"{D}/budsjett/<int:year>/", views.budget_detail, name="budget_year"),
    path(f"{D}/budsjett/<int:year>/logg/", views.budget_log, name="log"),
    path(f"{D}/budsjett/<int:year>/eksport.<str:fmt>", views.budget_export, name="export"),
    path(
        f"{D}/budsjett/<int:year>/utgift/<int:pk>/fjern/",
        views.expense_remove,
        name="expense_remove",
    ),
]
