"""Form helpers shared by every app."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from medvirk.core.feedback import MAX_DESCRIPTION, MAX_PAGE
from medvirk.places.models import Municipality


def form_add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names where the form
    has that field, otherwise at the top of the form."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            for message in messages:
                form.add_error(name if name in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


class AccessibilityFeedbackForm(forms.Form):
    """A resident's report of an accessibility problem: to which municipality, where,
    what, and (optionally) where to answer. ``website`` is a honeypot people never see."""

    municipality: forms.ModelChoiceField[Municipality] = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        empty_label=_("Choose a municipality"),
        error_messages={
            "required": _("Choose the municipality the message should go to."),
            "invalid_choice": _("Choose the municipality the message should go to."),
        },
    )
    page = forms.CharField(
        label=_("Which page or part of the site"),
        help_text=_("The address of the page, or what you were doing, for example “the map”."),
        max_length=MAX_PAGE,
        error_messages={
            "required": _("Tell us which page or part of the site the problem is on."),
            "max_length": _("Make it shorter: at most %(limit_value)s characters."),
        },
    )
    description = forms.CharField(
        label=_("What is the problem"),
        help_text=_(
            "Describe what did not work for you, and what you use: a screen reader, zoom, "
            "only a keyboard, a phone."
        ),
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Describe the problem you met."),
            "max_length": _("Make it shorter: at most %(limit_value)s characters."),
        },
    )
    email = forms.CharField(
        label=_("Your e-mail address"),
        help_text=_("Only if you want an answer. We use it for nothing else."),
        required=False,
        max_length=254,
        error_messages={
            "max_length": _("Write a whole e-mail address, like ola@example.no, or leave it empty.")
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("submission_key", uuid.uuid4().hex)
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = municipalities
        field.to_field_name = "slug"
