"""API endpoints of the volunteering app, included under /api/v1/."""

urlpatterns: list = []
