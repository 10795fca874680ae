"""Forms of the local democracy pages. They only parse input; the rules live in
``services.py``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from medvirk.localdemocracy.models import (
    AttendanceStatus,
    InterestKind,
    MeetingKind,
    MemberRole,
    Membership,
    SeatKind,
    StandingCommittee,
)
from medvirk.places.models import Municipality, Room


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=MeetingKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    day = forms.DateField(label=_("Date"), widget=DateInput())
    starts = forms.TimeField(label=_("Starts"), widget=TimeInput())
    ends = forms.TimeField(label=_("Ends"), widget=TimeInput())
    room = forms.ModelChoiceField(
        label=_("Hub room"),
        queryset=Room.objects.none(),
        required=False,
        empty_label=_("No room (at an address or online)"),
        help_text=_(
            "The room is booked for the meeting. If it is taken at that time, you are told "
            "and can choose another time or room."
        ),
    )
    address = forms.CharField(label=_("Or an address"), max_length=200, required=False)
    online_url = forms.URLField(
        label=_("Or an online meeting link"), required=False, assume_scheme="https"
    )
    is_public = forms.BooleanField(label=_("Open to the public"), required=False, initial=True)
    capacity = forms.IntegerField(
        label=_("Places for the public"),
        required=False,
        min_value=1,
        help_text=_("Leave empty to use the room's capacity, or no limit elsewhere."),
    )

    already_held = forms.BooleanField(
        label=_("The meeting has already been held"),
        required=False,
        help_text=_(
            "Tick to record a meeting that took place, so that you can write its attendance "
            "and minutes. A meeting you plan must start later than now."
        ),
    )

    def __init__(self, *args: Any, rooms: QuerySet[Room], new: bool = True, **kwargs: Any) -> None:
        """``rooms``: the rooms the person may choose, those of the hubs they host
        (``bookings.selectors.room_list_for_host``). ``new``: a meeting being planned or
        recorded; a change to an existing meeting has no "already held" box."""
        super().__init__(*args, **kwargs)
        if not new:
            del self.fields["already_held"]
        field = self.fields["room"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = rooms

    def datetimes(self) -> tuple[datetime, datetime]:
        day = self.cleaned_data["day"]
        return (
            timezone.make_aware(datetime.combine(day, self.cleaned_data["starts"])),
            timezone.make_aware(datetime.combine(day, self.cleaned_data["ends"])),
        )


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    document = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_("PDF, Word, OpenDocument, Excel, text or image, at most 10 MB."),
    )


class AttendanceForm(forms.Form):
    def __init__(
        self, *args: Any, members: list[Membership], current: dict[int, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.members = members
        for member in members:
            self.fields[f"member_{member.pk}"] = forms.ChoiceField(
                label=member.person_name,
                choices=AttendanceStatus.choices,
                widget=forms.RadioSelect,
                initial=current.get(member.pk),
                required=False,
            )

    def statuses(self) -> dict[int, str]:
        return {
            member.pk: self.cleaned_data[f"member_{member.pk}"]
            for member in self.members
            if self.cleaned_data.get(f"member_{member.pk}")
        }


class MinutesForm(forms.Form):
    text = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 10}))


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send the confirmation and a cancel link here."),
    )


class ReferralForm(forms.Form):
    case_reference = forms.CharField(label=_("Case number"), max_length=50)
    title = forms.CharField(label=_("Case"), max_length=200)
    question = forms.CharField(
        label=_("Question to the committee"), widget=forms.Textarea(attrs={"rows": 4})
    )
    deadline = forms.DateField(label=_("Deadline for the statement"), widget=DateInput())


class StatementForm(forms.Form):
    statement = forms.CharField(
        label=_("The committee's statement"), widget=forms.Textarea(attrs={"rows": 6})
    )


class MembershipForm(forms.Form):
    person_name = forms.CharField(label=_("Name"), max_length=150)
    seat_kind = forms.ChoiceField(label=_("Seat"), choices=SeatKind.choices)
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices, initial=MemberRole.MEMBER)
    standing_committee = forms.ModelChoiceField(
        label=_("From standing committee"),
        queryset=StandingCommittee.objects.none(),
        required=False,
        empty_label=_("None (not an elected representative)"),
        help_text=_("For elected representatives."),
    )
    organisation = forms.CharField(
        label=_("Association"),
        max_length=150,
        required=False,
        help_text=_("For members from a local association."),
    )
    starts_on = forms.DateField(label=_("Starts"), widget=DateInput())
    is_public = forms.BooleanField(
        label=_("Show name and role on the public page"), required=False, initial=True
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["standing_committee"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = StandingCommittee.objects.filter(municipality=municipality)


class JoinInterestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("I want to join"), choices=InterestKind.choices, widget=forms.RadioSelect
    )
    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(label=_("Your e-mail address"))
    message = forms.CharField(
        label=_("Tell us a little about yourself"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
