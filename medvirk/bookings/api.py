"""API endpoints of the bookings app, included under /api/v1/."""

urlpatterns: list = []
