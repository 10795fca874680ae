from django.apps import AppConfig


class BookingsConfig(AppConfig):
    name = "medvirk.bookings"
    label = "bookings"
    verbose_name = "Room bookings"
