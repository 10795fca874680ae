"""Forms of the followup app."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from medvirk.followup.models import ResponseStatus
from medvirk.followup.services import MAX_ANSWER


class AnswerForm(forms.Form):
    """One status and answer for the inputs ticked in the list."""

    inputs = forms.TypedMultipleChoiceField(coerce=int, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=ResponseStatus.choices)
    answer = forms.CharField(
        label=_("Public answer"),
        required=False,
        max_length=MAX_ANSWER + 1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown with each input, on the report and in the e-mail to contributors."),
    )

    def __init__(self, *args: object, input_ids: list[int], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["inputs"].choices = [(pk, str(pk)) for pk in input_ids]  # type: ignore[attr-defined]


class ReportForm(forms.Form):
    what_we_heard = forms.CharField(
        label=_("What we heard"), widget=forms.Textarea(attrs={"rows": 6})
    )
    what_we_did = forms.CharField(label=_("What we did"), widget=forms.Textarea(attrs={"rows": 6}))
    publish = forms.BooleanField(
        label=_("Publish the report and tell the contributors"), required=False
    )


class DecisionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("What was decided"), widget=forms.Textarea(attrs={"rows": 4}))
    decided_on = forms.DateField(
        label=_("Decided on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    decided_by = forms.CharField(label=_("Decided by"), max_length=150)
    reference = forms.CharField(label=_("Case number"), max_length=60, required=False)
    input_numbers = forms.CharField(
        label=_("Numbers of the inputs behind it"),
        required=False,
        help_text=_("Separate the numbers with commas, for example 12, 15, 40."),
    )

    def clean_input_numbers(self) -> list[int]:
        raw = self.cleaned_data.get("input_numbers") or ""
        numbers = []
        for part in raw.replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isdigit():
                raise forms.ValidationError(_("Use input numbers separated by commas."))
            numbers.append(int(part))
        return numbers
