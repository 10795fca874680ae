"""Registration, login and logout with e-mail and password."""

from __future__ import annotations

from typing import Any, cast

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import (
    LoginView,
    LogoutView,
    PasswordChangeView,
    PasswordResetCompleteView,
    PasswordResetConfirmView,
    PasswordResetDoneView,
    PasswordResetView,
)
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from medvirk.accounts.forms import (
    EmailAuthenticationForm,
    OutboxPasswordResetForm,
    ProfileForm,
    RegistrationForm,
)
from medvirk.accounts.models import User
from medvirk.accounts.residents import resident_verification_current
from medvirk.accounts.selectors import districts_to_choose, my_pages_of
from medvirk.accounts.services import (
    user_register,
    user_send_email_verification,
    user_update_profile,
    user_verify_email,
)
from medvirk.core.forms import form_add_service_errors


def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:home")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = user_register(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                full_name=form.cleaned_data["full_name"],
                preferred_language=get_language() or "",
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            _send_verification(request, user)
            messages.success(
                request,
                _(
                    "Welcome! Your account has been created. We have sent a link to "
                    "%(email)s: open it to confirm your address before you take part."
                )
                % {"email": user.email},
            )
            return redirect("accounts:profile")
    return render(request, "accounts/register.html", {"form": form})


class EmailLoginView(LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True


class SiteLogoutView(LogoutView):
    pass


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """What django-axes answers once an account or an address has had too many wrong
    passwords: a page that says how long to wait and how to get in anyway, or, for the API,
    a JSON error. Both with status 429 and a Retry-After header."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _(
        "Too many wrong passwords. For your safety, logging in is paused for %(minutes)d "
        "minutes. You can reset your password in the meantime."
    ) % {"minutes": minutes}
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=429)
    else:
        response = render(request, "accounts/locked_out.html", {"message": message}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


def _send_verification(request: HttpRequest, user: Any) -> bool:
    return user_send_email_verification(
        user=user,
        confirm_url=lambda token: request.build_absolute_uri(
            reverse("accounts:verify-email-confirm", args=[token])
        ),
    )


#: Seconds between two verification messages asked for by one person.
RESEND_INTERVAL_SECONDS = 60


@login_required
def verify_email(request: HttpRequest) -> HttpResponse:
    """Whether my address is confirmed, and a button to send the link again (at most once
    a minute, so the button cannot be used to flood a mailbox)."""
    user = cast(User, request.user)
    if request.method == "POST":
        if not cache.add(f"accounts:verify-resend:{user.pk}", 1, RESEND_INTERVAL_SECONDS):
            messages.error(
                request, _("We sent a link less than a minute ago. Wait a little and try again.")
            )
        elif _send_verification(request, user):
            messages.success(
                request, _("We have sent a new link to %(email)s.") % {"email": user.email}
            )
        else:
            messages.info(request, _("Your e-mail address is confirmed already."))
        return redirect("accounts:verify-email")
    return render(
        request,
        "accounts/verify_email.html",
        {"breadcrumbs": _breadcrumbs(request, _("Confirm e-mail"))},
    )


def verify_email_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the e-mail. Works without being logged in on this device."""
    try:
        user = user_verify_email(token=token)
    except ValidationError as error:
        return render(
            request,
            "accounts/verify_email_failed.html",
            {"message": " ".join(error.messages)},
            status=400,
        )
    messages.success(request, _("Thank you! %(email)s is confirmed.") % {"email": user.email})
    if request.user.is_authenticated and request.user.pk == user.pk:
        return redirect("accounts:profile")
    return redirect("accounts:login")


def _breadcrumbs(request: HttpRequest, label: str) -> list[dict[str, str]]:
    crumbs = [{"label": _("Front page"), "url": reverse("core:home")}]
    if request.path != reverse("accounts:profile"):
        crumbs.append({"label": _("My page"), "url": reverse("accounts:profile")})
    crumbs.append({"label": label, "url": request.path})
    return crumbs


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """My page: my details, whether my address is confirmed, and the way to everything of
    mine (input, bookings, volunteering, my data, API keys, deleting the account)."""
    user = cast(User, request.user)
    districts = districts_to_choose()
    initial = {
        "full_name": user.full_name,
        "email": user.email,
        "preferred_language": user.preferred_language,
        "district": user.district_id,
    }
    form = ProfileForm(request.POST or None, initial=initial, districts=districts)
    if request.method == "POST" and form.is_valid():
        by_pk = {d.pk: d for d in districts}
        try:
            changed = user_update_profile(
                user=user,
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"],
                preferred_language=form.cleaned_data["preferred_language"],
                district=by_pk.get(form.cleaned_data["district"]),
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            if changed:
                _send_verification(request, user)
                messages.success(
                    request,
                    _("Saved. We have sent a link to %(email)s to confirm the new address.")
                    % {"email": user.email},
                )
            else:
                messages.success(request, _("Your details are saved."))
            response = redirect("accounts:profile")
            if user.preferred_language:
                response.set_cookie(
                    settings.LANGUAGE_COOKIE_NAME,
                    user.preferred_language,
                    max_age=settings.LANGUAGE_COOKIE_AGE,
                    samesite="Lax",
                    secure=settings.LANGUAGE_COOKIE_SECURE,
                )
            return response
    context = {
        "form": form,
        "pages": my_pages_of(user),
        "verification": resident_verification_current(user),
        "has_password": user.has_usable_password(),
        "breadcrumbs": _breadcrumbs(request, _("My page")),
    }
    return render(request, "accounts/profile.html", context)


class SitePasswordResetView(PasswordResetView):
    """Ask for a link to set a new password. The answer is the same whether or not the
    address has an account, so the form cannot be used to find out who has one."""

    form_class = OutboxPasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-sent")


class SitePasswordResetDoneView(PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


class SitePasswordResetConfirmView(PasswordResetConfirmView):
    """Set a new password from the link. Opening the link proves the address, so it is
    marked confirmed, and the pause after too many wrong passwords is lifted."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user = form.user
        if user.email_verified_at is None:
            user.email_verified_at = timezone.now()
            user.save(update_fields=["email_verified_at"])
        axes_reset(username=user.email)
        return response


class SitePasswordResetCompleteView(PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class SitePasswordChangeView(PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is changed."))
        return response
