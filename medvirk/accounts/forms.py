"""Forms for registration and login. They validate shape; services decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class RegistrationForm(forms.Form):
    full_name = forms.CharField(
        label=_("Name"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters. Not only digits, and not a common password."),
    )
    password_again = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password = cleaned.get("password")
        if password and cleaned.get("password_again") != password:
            self.add_error("password_again", _("The two passwords are not the same."))
        elif password:
            try:
                password_validation.validate_password(password)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _("Wrong e-mail address or password."),
        "inactive": _("This account is not active."),
    }


class ProfileForm(forms.Form):
    """The person's own details on their page."""

    full_name = forms.CharField(
        label=_("Name"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("If you change it, we send a link to the new address to confirm it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Language for e-mail"),
        choices=[("", _("Same as the site"))],
        required=False,
    )
    district = forms.TypedChoiceField(
        label=_("My district"),
        help_text=_("Shown first when you visit. This does not verify where you live."),
        required=False,
        coerce=int,
        empty_value=None,
    )

    def __init__(self, *args: Any, districts: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        languages = self.fields["preferred_language"]
        assert isinstance(languages, forms.ChoiceField)
        languages.choices = [("", _("Same as the site")), *settings.LANGUAGES]
        grouped: dict[str, list[tuple[int, str]]] = {}
        for district in districts:
            grouped.setdefault(district.municipality.name, []).append((district.pk, district.name))
        district_field = self.fields["district"]
        assert isinstance(district_field, forms.ChoiceField)
        district_field.choices = [("", _("None chosen")), *grouped.items()]


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's password reset, with the message written to medvirk's outbox so that the
    worker sends it (and retries) instead of the web request."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        from medvirk.core.mail import mail_queue

        user = context.get("user")
        language = getattr(user, "preferred_language", "") or translation.get_language()
        with translation.override(language):
            subject = "".join(render_to_string(subject_template_name, context).splitlines())
            body = render_to_string(email_template_name, context)
        mail_queue(municipality=None, to=to_email, subject=subject, body=body)
