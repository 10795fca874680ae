"""API endpoints of the budgets app, included under /api/v1/."""

urlpatterns: list = []
