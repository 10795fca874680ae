"""The form on the token page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

LIFETIME_CHOICES = [
    ("", _("Never expires")),
    ("30", _("30 days")),
    ("90", _("90 days")),
    ("365", _("One year")),
]


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, for example the name of a script or an app."),
    )
    expires_in_days = forms.TypedChoiceField(
        label=_("Expires"),
        choices=LIFETIME_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )
