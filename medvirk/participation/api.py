"""API endpoints of the participation app, included under /api/v1/."""

urlpatterns: list = []
