"""Forms of the bookings app. They only parse input; the service validates the booking."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from medvirk.places.models import Facility, Room, Weekday


class RoomChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(
            _("%(name)s (up to %(capacity)s people)") % {"name": obj.name, "capacity": obj.capacity}
        )


class BookingForm(forms.Form):
    room = RoomChoiceField(label=_("Room"), queryset=Room.objects.none(), empty_label=None)
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    starts = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(label=_("To"), widget=forms.TimeInput(attrs={"type": "time"}))
    purpose = forms.CharField(
        label=_("What is the room for?"),
        max_length=200,
        help_text=_("Shown on the hub's calendar if the booking is open to the public."),
    )
    attendees = forms.IntegerField(
        label=_("Expected number of people"), min_value=1, required=False
    )
    organisation = forms.ModelChoiceField(
        label=_("On behalf of an association"),
        queryset=Room.objects.none(),
        required=False,
        empty_label=_("No, for myself"),
    )
    is_public = forms.BooleanField(
        label=_("Show what the room is for on the public calendar"), required=False, initial=True
    )
    repeat_until = forms.DateField(
        label=_("Repeat every week until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for a single booking."),
    )

    def __init__(
        self, *args: Any, rooms: QuerySet[Room], organisations: QuerySet[Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        room_field = self.fields["room"]
        assert isinstance(room_field, forms.ModelChoiceField)
        room_field.queryset = rooms
        organisation_field = self.fields["organisation"]
        assert isinstance(organisation_field, forms.ModelChoiceField)
        organisation_field.queryset = organisations
        if not organisations.exists():
            del self.fields["organisation"]

    def clean_day(self) -> date:
        day: date = self.cleaned_data["day"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a later date."))
        return day

    def span(self) -> tuple[datetime, datetime]:
        day = self.cleaned_data["day"]
        return (
            timezone.make_aware(datetime.combine(day, self.cleaned_data["starts"])),
            timezone.make_aware(datetime.combine(day, self.cleaned_data["ends"])),
        )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the person who asked)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class OpeningHoursForm(forms.Form):
    """Opening hours for each weekday: one span per day, empty for closed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for day, label in Weekday.choices:
            self.fields[f"opens_{day}"] = forms.TimeField(
                label=_("%(day)s opens") % {"day": label},
                required=False,
                widget=forms.TimeInput(attrs={"type": "time"}),
            )
            self.fields[f"closes_{day}"] = forms.TimeField(
                label=_("%(day)s closes") % {"day": label},
                required=False,
                widget=forms.TimeInput(attrs={"type": "time"}),
            )

    def days(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [
            (str(label), self[f"opens_{day}"], self[f"closes_{day}"])
            for day, label in Weekday.choices
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for day, label in Weekday.choices:
            opens, closes = cleaned.get(f"opens_{day}"), cleaned.get(f"closes_{day}")
            if (opens is None) != (closes is None):
                self.add_error(f"closes_{day}", _("Give both times, or neither for closed."))
            elif opens is not None and closes is not None and closes <= opens:
                self.add_error(
                    f"closes_{day}", _("%(day)s must close after it opens.") % {"day": label}
                )
        return cleaned

    def opening_hours(self) -> list[tuple[int, Any, Any]]:
        return [
            (day, self.cleaned_data[f"opens_{day}"], self.cleaned_data[f"closes_{day}"])
            for day, _label in Weekday.choices
            if self.cleaned_data.get(f"opens_{day}") is not None
        ]


class RoomForm(forms.Form):
    """A hub's room: name, capacity, facilities and whether it can be booked."""

    name = forms.CharField(label=_("Name of the room"), max_length=100)
    capacity = forms.IntegerField(label=_("Capacity (people)"), min_value=1, max_value=10000)
    facilities = forms.MultipleChoiceField(
        label=_("Facilities"),
        choices=Facility.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    is_bookable = forms.BooleanField(label=_("Can be booked"), required=False, initial=True)
