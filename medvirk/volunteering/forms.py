"""Forms of the volunteering app. They parse input; the services validate and store."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from medvirk.places.models import District, Hub, Room, Weekday
from medvirk.volunteering.models import (
    AgeGroup,
    Attendance,
    Frequency,
    PartOfDay,
    Skill,
    SpokenLanguage,
    Theme,
    Visibility,
)

CHECKBOXES = forms.CheckboxSelectMultiple


def _with_any(choices: Any, label: Any) -> list[tuple[Any, Any]]:
    return [("", label), *list(choices)]


class OfferFilterForm(forms.Form):
    """The filters of "offers near me"; every field is optional."""

    kommunedel = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.none(),
        required=False,
        empty_label=_("All districts"),
    )
    knutepunkt = forms.ModelChoiceField(
        label=_("Hub"), queryset=Hub.objects.none(), required=False, empty_label=_("All hubs")
    )
    tema = forms.ChoiceField(
        label=_("Theme"), required=False, choices=_with_any(Theme.choices, _("All themes"))
    )
    dag = forms.TypedChoiceField(
        label=_("Day"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=_with_any(Weekday.choices, _("Any day")),
    )
    sprak = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=_with_any(SpokenLanguage.choices, _("Any language")),
    )
    alder = forms.ChoiceField(
        label=_("For whom"), required=False, choices=_with_any(AgeGroup.choices[1:], _("Everyone"))
    )
    trinnfritt = forms.BooleanField(label=_("Only step-free places"), required=False)

    def __init__(
        self, *args: Any, districts: QuerySet[District], hubs: QuerySet[Hub], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kommunedel"].queryset = districts  # type: ignore[attr-defined]
        self.fields["knutepunkt"].queryset = hubs  # type: ignore[attr-defined]


class VolunteerForm(forms.Form):
    display_name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        help_text=_("The name coordinators and (if you allow it) other members see."),
    )
    district = forms.ModelChoiceField(
        label=_("Your district"),
        queryset=District.objects.none(),
        required=False,
        empty_label=_("Anywhere in the municipality"),
    )
    interests = forms.MultipleChoiceField(
        label=_("What would you like to help with?"),
        choices=Theme.choices,
        widget=CHECKBOXES,
        required=False,
    )
    skills = forms.MultipleChoiceField(
        label=_("What are you good at?"), choices=Skill.choices, widget=CHECKBOXES, required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=SpokenLanguage.choices,
        widget=CHECKBOXES,
        required=False,
    )
    available_days = forms.TypedMultipleChoiceField(
        label=_("Days you are free"),
        coerce=int,
        choices=Weekday.choices,
        widget=CHECKBOXES,
        required=False,
    )
    available_times = forms.MultipleChoiceField(
        label=_("Times of day you are free"),
        choices=PartOfDay.choices,
        widget=CHECKBOXES,
        required=False,
    )
    frequency = forms.ChoiceField(
        label=_("How often can you help?"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        initial=Frequency.MONTHLY,
    )
    visibility = forms.ChoiceField(
        label=_("Who may see you?"),
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        initial=Visibility.COORDINATORS,
        help_text=_(
            "Your e-mail and phone are only ever shown to the coordinators of groups you join."
        ),
    )
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    about = forms.CharField(
        label=_("Anything else you want to tell?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the municipality stores these answers to find volunteer tasks "
            "for me. I can see, download and delete them at any time."
        ),
        required=False,
    )

    def __init__(self, *args: Any, districts: QuerySet[District], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts  # type: ignore[attr-defined]


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name of the association"), max_length=150)
    purpose = forms.CharField(
        label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    activities = forms.CharField(
        label=_("Activities"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.none(),
        required=False,
        empty_label=_("The whole municipality"),
    )
    organisation_number = forms.CharField(
        label=_("Organisation number"),
        required=False,
        max_length=11,
        help_text=_(
            "Nine digits, from the Brønnøysund registers. Leave empty if the association has none."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    def __init__(self, *args: Any, districts: QuerySet[District], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts  # type: ignore[attr-defined]


class WorkingGroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    theme = forms.ChoiceField(label=_("Theme"), choices=Theme.choices)
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.none(),
        required=False,
        empty_label=_("The whole municipality"),
    )
    description = forms.CharField(
        label=_("What the group does"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    volunteers_needed = forms.IntegerField(
        label=_("Volunteers needed"), min_value=1, max_value=500, initial=5
    )
    wanted_skills = forms.MultipleChoiceField(
        label=_("Skills wanted"), choices=Skill.choices, widget=CHECKBOXES, required=False
    )
    meeting_days = forms.TypedMultipleChoiceField(
        label=_("Days the group meets"),
        coerce=int,
        choices=Weekday.choices,
        widget=CHECKBOXES,
        required=False,
    )
    meeting_times = forms.MultipleChoiceField(
        label=_("Times the group meets"),
        choices=PartOfDay.choices,
        widget=CHECKBOXES,
        required=False,
    )

    def __init__(self, *args: Any, districts: QuerySet[District], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts  # type: ignore[attr-defined]


class GroupMeetingForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Time"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    agenda = forms.CharField(
        label=_("Agenda"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class OfferForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    description = forms.CharField(
        label=_("Description"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    theme = forms.ChoiceField(label=_("Theme"), choices=Theme.choices)
    district = forms.ModelChoiceField(label=_("District"), queryset=District.objects.none())
    room = forms.ModelChoiceField(
        label=_("Hub room"),
        queryset=Room.objects.none(),
        required=False,
        empty_label=_("Not in a hub room"),
    )
    place = forms.CharField(label=_("Other place"), max_length=200, required=False)
    organisation = forms.ModelChoiceField(
        label=_("Association"), queryset=Room.objects.none(), required=False, empty_label=_("None")
    )
    weekday = forms.TypedChoiceField(label=_("Weekday"), coerce=int, choices=Weekday.choices)
    starts = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(label=_("To"), widget=forms.TimeInput(attrs={"type": "time"}))
    first_date = forms.DateField(
        label=_("First time"), widget=forms.DateInput(attrs={"type": "date"})
    )
    last_date = forms.DateField(
        label=_("Last time"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    age_group = forms.ChoiceField(label=_("For whom"), choices=AgeGroup.choices)
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=SpokenLanguage.choices, widget=CHECKBOXES, required=False
    )
    step_free = forms.BooleanField(label=_("Step-free access"), required=False)
    attendance = forms.ChoiceField(
        label=_("Attendance"),
        choices=Attendance.choices,
        widget=forms.RadioSelect,
        initial=Attendance.DROP_IN,
    )
    capacity = forms.IntegerField(label=_("Places"), min_value=1, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)

    def __init__(
        self,
        *args: Any,
        districts: QuerySet[District],
        rooms: QuerySet[Room],
        organisations: QuerySet[Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts  # type: ignore[attr-defined]
        self.fields["room"].queryset = rooms  # type: ignore[attr-defined]
        self.fields["room"].label_from_instance = lambda room: (  # type: ignore[attr-defined]
            f"{room.hub.name}: {room.name}"
        )
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
