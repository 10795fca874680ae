"""API endpoints of the localdemocracy app, included under /api/v1/."""

urlpatterns: list = []
