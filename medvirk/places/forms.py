"""The "find my district" form: by postcode, or by a point (latitude and longitude)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _


class FindDistrictForm(forms.Form):
    postnummer = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=10,
        validators=[RegexValidator(r"^\d{4}$", _("A postcode has four digits, like 3015."))],
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "postal-code", "size": 6}
        ),
    )
    breddegrad = forms.FloatField(
        label=_("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        widget=forms.NumberInput(attrs={"step": "any"}),
    )
    lengdegrad = forms.FloatField(
        label=_("Longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        widget=forms.NumberInput(attrs={"step": "any"}),
    )

    def clean_postnummer(self) -> str:
        return str(self.cleaned_data.get("postnummer") or "").strip()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        latitude, longitude = cleaned.get("breddegrad"), cleaned.get("lengdegrad")
        if (latitude is None) != (longitude is None) and not self.errors:
            raise forms.ValidationError(_("Give both latitude and longitude, or neither."))
        if not cleaned.get("postnummer") and latitude is None and not self.errors:
            raise forms.ValidationError(_("Give a postcode, or a latitude and a longitude."))
        return cleaned
