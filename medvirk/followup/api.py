"""API endpoints of the followup app, included under /api/v1/."""

urlpatterns: list = []
