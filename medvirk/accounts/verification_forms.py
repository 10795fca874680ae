"""Forms of the staff page that verifies residents in person."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from medvirk.accounts.models import IdentityDocument
from medvirk.accounts.national_id import InvalidNationalId, normalise, parse_national_id
from medvirk.accounts.residents import national_id_error
from medvirk.places.models import District


class FindPersonForm(forms.Form):
    email = forms.EmailField(
        label=_("The person's e-mail address"),
        help_text=_("Exactly the address the person uses to log in."),
    )


class ResidentVerifyForm(forms.Form):
    email = forms.EmailField(widget=forms.HiddenInput)
    birth_date = forms.DateField(
        label=_("Date of birth"),
        help_text=_("As on the identity document."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    document_type = forms.ChoiceField(
        label=_("Identity document you checked"),
        choices=[("", "---------"), *IdentityDocument.choices],
    )
    district = forms.ModelChoiceField(
        label=_("District where the person lives"),
        queryset=District.objects.none(),
        required=False,
        empty_label=_("Not known / not in a district"),
    )
    national_id = forms.CharField(
        label=_("National identity number"),
        required=False,
        max_length=20,
        help_text=_(
            "11 digits, from the document. Then a later login with ID-porten finds this "
            "account. The number is not stored, only a code made from it."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, districts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts  # type: ignore[attr-defined]

    def clean_national_id(self) -> str:
        value = normalise(self.cleaned_data.get("national_id", ""))
        if not value:
            return ""
        try:
            parse_national_id(value)
        except InvalidNationalId as error:
            raise forms.ValidationError(national_id_error(error)) from None
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        number, birth_date = cleaned.get("national_id"), cleaned.get("birth_date")
        if number and birth_date and parse_national_id(number).birth_date != birth_date:
            self.add_error(
                "national_id", _("The date of birth does not match the national identity number.")
            )
        return cleaned
