"""The two pages of an OpenID Connect (ID-porten) login: the start and the return.

The protocol lives in :mod:`medvirk.accounts.oidc`; these views only connect it to the
request, the session and the response. Failures are logged as warnings on the
``medvirk.accounts.oidc`` logger with the reason and shown to the person as a plain error
page (status 400) without technical detail.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from medvirk.accounts.oidc import OidcError, begin_login, clear_pending, complete_login

logger = logging.getLogger("medvirk.accounts.oidc")

#: The ``error`` a provider sends back when the person cancels (OAuth 2.0, RFC 6749).
_CANCELLED = "access_denied"


def _require_enabled() -> None:
    if not settings.OIDC.enabled:
        raise Http404


def _safe_next(request: HttpRequest, url: str) -> str:
    """``url`` when it points into this site, else an empty string."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def _error_page(
    request: HttpRequest, *, cancelled: bool = False, status: int = 400
) -> HttpResponse:
    try:
        back_url = resolve_url(settings.LOGIN_URL)
    except NoReverseMatch:
        back_url = "/"
    context = {
        "cancelled": cancelled,
        "provider_label": settings.OIDC.label,
        "back_url": back_url,
    }
    return render(request, "accounts/oidc_error.html", context, status=status)


@never_cache
@require_GET
def oidc_login(request: HttpRequest) -> HttpResponse:
    """Send the browser to the provider, remembering where to go afterwards."""
    _require_enabled()
    redirect_uri = request.build_absolute_uri(reverse("accounts:oidc-callback"))
    next_url = _safe_next(request, request.GET.get("next", ""))
    try:
        url = begin_login(request.session, redirect_uri=redirect_uri, next_url=next_url)
    except OidcError as exc:
        logger.warning("OpenID Connect login could not start: %s", exc)
        return _error_page(request, status=502)
    return HttpResponseRedirect(url)


@never_cache
@require_GET
def oidc_callback(request: HttpRequest) -> HttpResponse:
    """Finish the login when the provider sends the browser back."""
    _require_enabled()
    params = {key: request.GET.get(key, "") for key in request.GET}
    try:
        result = complete_login(request.session, params)
    except OidcError as exc:
        logger.warning("OpenID Connect login refused: %s", exc)
        clear_pending(request.session)
        return _error_page(request, cancelled=params.get("error") == _CANCELLED)
    login(request, result.user, backend="django.contrib.auth.backends.ModelBackend")
    request.session.cycle_key()
    logger.info("OpenID Connect login of user %s", result.user.pk)
    return HttpResponseRedirect(
        _safe_next(request, result.next_url) or resolve_url(settings.LOGIN_REDIRECT_URL)
    )
