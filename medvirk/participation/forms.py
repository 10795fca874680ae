"""Forms of the participation app. They check the shape of what is sent; the services
check the rules (phase, participation rule, place, duplicates)."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from medvirk.participation.models import (
    Activity,
    Channel,
    InputKind,
    Method,
    Moderation,
    ModerationActionKind,
    OwnerKind,
    ParticipationRule,
    Question,
    QuestionKind,
    Residency,
    Section,
)
from medvirk.participation.services import (
    MAX_STATEMENT,
    MAX_TEXT,
    MAX_TITLE,
    ContactDetails,
    Submission,
)
from medvirk.places.models import District


class InputForm(forms.Form):
    """The input form of one activity: the fields its kind asks for, contact details
    (optional) and a honeypot field that people never see."""

    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE + 50, required=False)
    text = forms.CharField(
        label=_("Your input"),
        required=False,
        max_length=MAX_TEXT + 1000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    section = forms.TypedChoiceField(label=_("Section"), coerce=int, required=False)
    latitude = forms.FloatField(
        label=_("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        widget=forms.NumberInput(attrs={"step": "any"}),
    )
    longitude = forms.FloatField(
        label=_("Longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        widget=forms.NumberInput(attrs={"step": "any"}),
    )
    line = forms.CharField(
        label=_("A line"),
        required=False,
        max_length=5000,
        help_text=_(
            "To mark a stretch of road or path: the next points after the place, one per line "
            "as latitude, longitude (for example 59.7431, 10.2045). With JavaScript, tick "
            "“Draw a line” and click along the map."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG, GIF or WebP, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("We tell you when your input is answered. Only staff see it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
    )
    consent = forms.BooleanField(
        label=_("The municipality may contact me about my input"), required=False
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    KIND_FIELDS: dict[str, tuple[str, ...]] = {
        InputKind.IDEA: ("title", "text", "photo", "latitude", "longitude"),
        InputKind.COMMENT: ("section", "text"),
        InputKind.MAP: ("latitude", "longitude", "line", "text", "photo"),
        InputKind.STATEMENT: ("text",),
        InputKind.SURVEY: (),
    }

    def __init__(
        self,
        *args: Any,
        activity: Activity,
        sections: list[Section] | None = None,
        questions: list[Question] | None = None,
        ask_contact: bool = True,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {}).setdefault("submission_key", uuid.uuid4().hex)
        super().__init__(*args, **kwargs)
        self.activity = activity
        self.questions = questions or []
        keep = set(self.KIND_FIELDS[activity.input_kind]) | {"submission_key", "website", "channel"}
        if ask_contact:
            keep |= {"name", "email", "phone", "consent"}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if "section" in self.fields:
            options = [("", _("Choose a section"))] + [
                (s.pk, f"{s.number}. {s.heading}") for s in (sections or [])
            ]
            self.fields["section"].choices = options  # type: ignore[attr-defined]
        required = {
            "text": _("Write your input."),
            "title": _("Give your idea a title."),
            "section": _("Choose the section you comment on."),
        }
        if activity.input_kind == InputKind.MAP:
            required |= {
                "latitude": _("Mark a place on the map."),
                "longitude": _("Mark a place on the map."),
            }
        for name, message in required.items():
            if name in self.fields:
                self.fields[name].required = True
                self.fields[name].error_messages["required"] = message
        if activity.input_kind == InputKind.IDEA:
            self.fields["text"].label = _("Describe your idea")
        if activity.input_kind == InputKind.STATEMENT:
            self.fields["text"].label = _("A new statement")
            self.fields["text"].max_length = MAX_STATEMENT + 100  # type: ignore[attr-defined]
            self.fields["text"].widget.attrs["rows"] = 2
        if activity.input_kind == InputKind.MAP:
            self.fields["text"].label = _("What is here?")
        for question in self.questions:
            self.fields[f"q{question.pk}"] = _question_field(question)

    def clean_line(self) -> list[tuple[float, float]]:
        """The extra points of a line as (latitude, longitude); a bad line names its row."""
        points = []
        for number, row in enumerate(self.cleaned_data.get("line", "").splitlines(), start=1):
            if not row.strip():
                continue
            try:
                latitude, longitude = (float(part) for part in row.replace(";", ",").split(","))
            except ValueError:
                raise forms.ValidationError(
                    _("Line %(row)s: write latitude, longitude, for example 59.7431, 10.2045.")
                    % {"row": number}
                ) from None
            if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
                raise forms.ValidationError(
                    _("Line %(row)s: that is not a place on Earth.") % {"row": number}
                )
            points.append((latitude, longitude))
        return points

    def question_fields(self) -> list[forms.BoundField]:
        return [self[f"q{q.pk}"] for q in self.questions]

    @staticmethod
    def _line(data: dict[str, Any]) -> list[list[float]] | None:
        """The marked place followed by the extra points, as GeoJSON (longitude, latitude)."""
        extra = data.get("line") or []
        if not extra or data.get("latitude") is None or data.get("longitude") is None:
            return None
        start = [data["longitude"], data["latitude"]]
        return [start, *([longitude, latitude] for latitude, longitude in extra)]

    def submission(self) -> Submission:
        data = self.cleaned_data
        answers: dict[int, Any] = {}
        for question in self.questions:
            value = data.get(f"q{question.pk}")
            if question.kind == QuestionKind.SCALE and value not in (None, ""):
                value = int(value)
            answers[question.pk] = value
        return Submission(
            kind=self.activity.input_kind,
            submission_key=data["submission_key"],
            title=data.get("title") or "",
            text=data.get("text") or "",
            section_id=data.get("section") or None,
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            line=self._line(data),
            photo=data.get("photo") or None,
            answers=answers,
            contact=ContactDetails(
                name=data.get("name") or "",
                email=data.get("email") or "",
                phone=data.get("phone") or "",
                consent=bool(data.get("consent")),
            ),
            honeypot=data.get("website") or "",
        )


def _question_field(question: Question) -> forms.Field:
    label = question.text
    choices = [(c, c) for c in question.choices]
    if question.kind == QuestionKind.SINGLE:
        return forms.ChoiceField(
            label=label, choices=choices, required=False, widget=forms.RadioSelect
        )
    if question.kind == QuestionKind.MULTIPLE:
        return forms.MultipleChoiceField(
            label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
        )
    if question.kind == QuestionKind.SCALE:
        scale = [(str(n), str(n)) for n in range(1, 6)]
        return forms.ChoiceField(
            label=label,
            choices=scale,
            required=False,
            widget=forms.RadioSelect,
            help_text=_("1 is the lowest, 5 the highest."),
        )
    return forms.CharField(
        label=label,
        required=False,
        max_length=MAX_TEXT + 1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class StaffInputForm(InputForm):
    """Input registered by staff on behalf of a resident, with the channel recorded."""

    channel = forms.ChoiceField(
        label=_("How the input came in"),
        choices=[(c.value, c.label) for c in Channel if c != Channel.WEB],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = _("The person agreed to be contacted about the input")

    def submission(self) -> Submission:
        submission = super().submission()
        submission.channel = self.cleaned_data["channel"]
        return submission


class FlagForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this input?"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ModerationForm(forms.Form):
    action = forms.ChoiceField(choices=ModerationActionKind.choices, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason (shown publicly when hiding)"), max_length=400, required=False
    )


class ActivityFilterForm(forms.Form):
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.none(),
        required=False,
        empty_label=_("All districts"),
        to_field_name="slug",
    )
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    open = forms.BooleanField(label=_("Only open for input"), required=False)

    def __init__(self, *args: Any, districts: Any, themes: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts  # type: ignore[attr-defined]
        choices = [("", _("All themes"))] + [(t, t) for t in themes]
        self.fields["theme"].choices = choices  # type: ignore[attr-defined]


class ActivityStartForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    slug = forms.SlugField(
        label=_("Address name"),
        max_length=120,
        help_text=_("Lower-case letters, digits and hyphens."),
    )
    summary = forms.CharField(label=_("Summary"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    theme = forms.CharField(label=_("Theme"), max_length=60, required=False)
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.none(),
        required=False,
        empty_label=_("The whole municipality"),
    )
    input_kind = forms.ChoiceField(label=_("Kind of input"), choices=InputKind.choices)
    owner_kind = forms.ChoiceField(label=_("Owner kind"), choices=OwnerKind.choices)
    owner_name = forms.CharField(label=_("Owner"), max_length=150)
    participation_rule = forms.ChoiceField(
        label=_("Who may take part"), choices=ParticipationRule.choices
    )
    residency = forms.ChoiceField(
        label=_("Verified residents living"),
        choices=Residency.choices,
        initial=Residency.DISTRICT,
        required=False,
        help_text=_(
            "For verified residents only. Residents verify themselves by logging in with "
            "ID-porten, or by showing identification at a hub or the service centre."
        ),
    )
    minimum_age = forms.IntegerField(
        label=_("Minimum age"),
        required=False,
        min_value=0,
        max_value=120,
        help_text=_("For verified residents only. Leave empty for no age limit."),
    )
    moderation = forms.ChoiceField(label=_("Moderation"), choices=Moderation.choices)
    opens_on = forms.DateField(
        label=_("Open for input from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    closes_on = forms.DateField(
        label=_("Open for input until"), widget=forms.DateInput(attrs={"type": "date"})
    )
    report_on = forms.DateField(
        label=_("Report back from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, districts: Any, method: Method, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("input_kind", method.input_kind)
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The closing date must come after the opening date."))
        report = cleaned.get("report_on")
        if report and closes and report <= closes:
            self.add_error("report_on", _("Report back after the activity closes for input."))
        cleaned["residency"] = cleaned.get("residency") or Residency.DISTRICT
        if (
            cleaned.get("minimum_age") is not None
            and cleaned.get("participation_rule") != ParticipationRule.VERIFIED
        ):
            self.add_error(
                "minimum_age",
                _(
                    "A minimum age can be checked for verified residents only: choose "
                    "verified residents under who may take part, or leave the age empty."
                ),
            )
        return cleaned


class DraftForm(forms.Form):
    """A new version of the draft that residents comment on, section by section."""

    title = forms.CharField(label=_("Title of the draft"), max_length=200)
    change_note = forms.CharField(
        label=_("What changed since the last version"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    text = forms.CharField(
        label=_("The draft"),
        help_text=_(
            "Start each section with a line beginning with #, for example “# 1. Purpose”. "
            "Residents comment on one section at a time."
        ),
        widget=forms.Textarea(attrs={"rows": 18}),
    )


class QuestionForm(forms.Form):
    """One question of a survey."""

    kind = forms.ChoiceField(label=_("Kind of question"), choices=QuestionKind.choices)
    text = forms.CharField(label=_("Question"), max_length=300)
    choices = forms.CharField(
        label=_("Choices, one per line"),
        help_text=_("Only for questions with one or several choices."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)

    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["choices"].splitlines() if line.strip()]
