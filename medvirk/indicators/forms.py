"""Forms of the indicator pages. Every page works as a plain GET or POST form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from medvirk.indicators.models import Comparison, ImportFormat
from medvirk.indicators.selectors import sdg_goal_name


def _set_choices(form: forms.Form, name: str, choices: Any) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class CompareForm(forms.Form):
    indikator = forms.ChoiceField(label=_("Indicator"))
    kommuner = forms.MultipleChoiceField(
        label=_("Compare with"),
        required=False,
        help_text=_("Hold Ctrl (or Cmd) to choose more than one."),
    )
    periode = forms.ChoiceField(label=_("Year"), required=False)

    def __init__(
        self,
        *args: Any,
        indicators: list[tuple[str, str]],
        municipalities: list[tuple[str, str]],
        periods: list[str],
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        _set_choices(self, "indikator", indicators)
        _set_choices(self, "kommuner", municipalities)
        self.fields["kommuner"].widget.attrs["size"] = 8
        _set_choices(self, "periode", [("", _("Latest"))] + [(p, p) for p in periods])


class PeerForm(forms.Form):
    kontekst = forms.MultipleChoiceField(
        label=_("Context: what makes a municipality like ours"),
        widget=forms.CheckboxSelectMultiple,
    )
    mal = forms.MultipleChoiceField(
        label=_("Targets: where we want to do better"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        context_choices: list[tuple[str, str]],
        target_choices: list[tuple[str, str]],
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        _set_choices(self, "kontekst", context_choices)
        _set_choices(self, "mal", target_choices)


class SdgMappingForm(forms.Form):
    goal = forms.TypedChoiceField(label=_("Goal"), coerce=int)
    indicator = forms.ChoiceField(label=_("Indicator"))

    def __init__(self, *args: Any, indicators: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        _set_choices(self, "goal", [(g, f"{g}. {sdg_goal_name(g)}") for g in range(1, 18)])
        _set_choices(self, "indicator", indicators)


class ExperienceSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    mal = forms.TypedChoiceField(
        label=_("Sustainable development goal"), required=False, coerce=int, empty_value=None
    )
    tema = forms.ChoiceField(label=_("Theme"), required=False)
    indikator = forms.ChoiceField(label=_("Indicator"), required=False)

    def __init__(
        self, *args: Any, themes: list[str], indicators: list[tuple[str, str]], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        _set_choices(
            self,
            "mal",
            [("", _("All goals"))] + [(g, f"{g}. {sdg_goal_name(g)}") for g in range(1, 18)],
        )
        _set_choices(self, "tema", [("", _("All themes"))] + [(t, t) for t in themes])
        _set_choices(self, "indikator", [("", _("All indicators")), *indicators])


class ImportForm(forms.Form):
    file_format = forms.ChoiceField(label=_("Format"), choices=ImportFormat.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "JSON-stat 2.0 as SSB's API gives it, or CSV with the columns "
            "indicator, region, period, value and status."
        ),
    )


class ExperienceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    theme = forms.CharField(label=_("Theme"), max_length=100)
    challenge = forms.CharField(label=_("The challenge"), widget=forms.Textarea(attrs={"rows": 4}))
    what_was_done = forms.CharField(
        label=_("What was done"), widget=forms.Textarea(attrs={"rows": 4})
    )
    results = forms.CharField(label=_("Results"), widget=forms.Textarea(attrs={"rows": 4}))
    goals = forms.TypedMultipleChoiceField(
        label=_("Sustainable development goals"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    indicators = forms.MultipleChoiceField(
        label=_("Indicators it moved"),
        required=False,
        help_text=_("Hold Ctrl (or Cmd) to choose more than one."),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=150)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)

    def __init__(self, *args: Any, indicators: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        _set_choices(self, "goals", [(g, f"{g}. {sdg_goal_name(g)}") for g in range(1, 18)])
        _set_choices(self, "indicators", indicators)
        self.fields["indicators"].widget.attrs["size"] = 8


class FiscalRuleForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_(
            "As the council wrote it, for example “Net operating "
            "result at least 1.75 % of revenues”."
        ),
    )
    indicator = forms.ChoiceField(label=_("Indicator"))
    comparison = forms.ChoiceField(label=_("The figure must be"), choices=Comparison.choices)
    threshold = forms.FloatField(label=_("Threshold"))
    first_year = forms.IntegerField(label=_("From year"), min_value=1990, max_value=2100)
    target_threshold = forms.FloatField(
        label=_("Threshold to reach later"),
        required=False,
        help_text=_("For a rising target, for example 20 when 15 rises to 20."),
    )
    target_year = forms.IntegerField(
        label=_("Reached by year"), required=False, min_value=1990, max_value=2100
    )
    amber_margin = forms.FloatField(
        label=_("Margin for “nearly holds”"),
        min_value=0,
        initial=0.5,
        help_text=_("How far on the wrong side still counts as nearly holding."),
    )

    def __init__(self, *args: Any, indicators: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        _set_choices(self, "indicator", indicators)
