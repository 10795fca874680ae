"""Forms of the budget pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from medvirk.localdemocracy.forms import DateInput
from medvirk.localdemocracy.models import Meeting
from medvirk.places.models import District


class ExpenseForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    amount = forms.DecimalField(label=_("Amount (NOK)"), max_digits=12, decimal_places=2)
    purpose = forms.CharField(label=_("Purpose"), max_length=200)
    meeting = forms.ModelChoiceField(
        label=_("Meeting it paid for"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("No meeting"),
    )
    activity = forms.CharField(
        label=_("Or the activity it paid for"), max_length=200, required=False
    )
    receipt = forms.FileField(
        label=_("Receipt"), required=False, help_text=_("PDF or image, at most 10 MB.")
    )

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["meeting"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Meeting.objects.filter(committee__district=district).order_by("-starts_at")


class AllocationForm(forms.Form):
    allocation = forms.DecimalField(
        label=_("Allocation (NOK)"), max_digits=12, decimal_places=2, min_value=0
    )
