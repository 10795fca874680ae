"""Forms of the insight pages. They only check the shape of what was sent; the services
decide whether it may be done."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from medvirk.insight.services import LABEL_MAX, MAX_THEMES


class StartForm(forms.Form):
    n_themes = forms.IntegerField(
        label=_("Number of themes"),
        help_text=_("Leave empty to let the analysis choose. Ask for fewer to get broader themes."),
        required=False,
        min_value=2,
        max_value=MAX_THEMES,
    )
    replace_draft = forms.BooleanField(label=_("Replace the reviewed draft"), required=False)


class RenameForm(forms.Form):
    label = forms.CharField(label=_("Name of the theme"), max_length=LABEL_MAX)


class MergeForm(forms.Form):
    themes = forms.TypedMultipleChoiceField(label=_("Themes"), coerce=int)
    label = forms.CharField(
        label=_("Name of the merged theme"), max_length=LABEL_MAX, required=False
    )

    def __init__(self, *args: Any, theme_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themes"].choices = [(pk, pk) for pk in theme_ids]  # type: ignore[attr-defined]


NEW_THEME = "ny"


class MoveForm(forms.Form):
    inputs = forms.TypedMultipleChoiceField(label=_("Inputs"), coerce=int)
    target = forms.ChoiceField(label=_("Move to"))
    new_label = forms.CharField(
        label=_("Name of the new theme"), max_length=LABEL_MAX, required=False
    )

    def __init__(
        self, *args: Any, input_ids: list[int], targets: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["inputs"].choices = [(pk, pk) for pk in input_ids]  # type: ignore[attr-defined]
        self.fields["target"].choices = [  # type: ignore[attr-defined]
            *((str(pk), label) for pk, label in targets),
            (NEW_THEME, _("A new theme")),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("target") == NEW_THEME and not (data.get("new_label") or "").strip():
            self.add_error("new_label", _("Give the new theme a name."))
        return data


class PublishForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have read the themes and the quotes, and they can be shown to the public."),
        error_messages={"required": _("Confirm that you have read the summary.")},
    )
