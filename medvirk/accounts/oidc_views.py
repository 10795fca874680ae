"""The pages of an OpenID Connect (ID-porten) login: the start, the return, logging out
at the provider, and the provider's front-channel logout.

The protocol lives in :mod:`medvirk.accounts.oidc`; these views only connect it to the
request, the session and the response. Failures are logged as warnings on the
``medvirk.accounts.oidc`` logger with the reason and shown to the person as a plain error
page (status 400) without technical detail.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from medvirk.accounts import oidc
from medvirk.accounts.oidc import OidcError, begin_login, clear_pending, complete_login
from medvirk.core.http import safe_next
from medvirk.places.models import Municipality

logger = logging.getLogger("medvirk.accounts.oidc")

#: The ``error`` a provider sends back when the person cancels (OAuth 2.0, RFC 6749).
_CANCELLED = "access_denied"


def _require_enabled() -> None:
    if not settings.OIDC.enabled:
        raise Http404


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
    next_url = safe_next(request, request.GET.get("next", ""), "")
    # A login started from a municipality's page asks for that municipality's level.
    slug = request.GET.get("kommune", "")
    municipality = Municipality.objects.filter(slug=slug).first() if slug else None
    try:
        url = begin_login(
            request.session,
            redirect_uri=redirect_uri,
            next_url=next_url,
            municipality=municipality,
        )
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
    oidc.remember_login(request.session, result)
    logger.info("OpenID Connect login of user %s", result.user.pk)
    return HttpResponseRedirect(
        safe_next(request, result.next_url, resolve_url(settings.LOGIN_REDIRECT_URL))
    )


def with_provider_logout(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap the site's logout view: a person who logged in through the provider is
    logged out here and then sent to the provider's ``end_session_endpoint`` (with
    ``id_token_hint`` and ``post_logout_redirect_uri``), which ends the provider's
    session too and comes back to :func:`oidc_logged_out`. Anyone else, or when the
    provider has no logout endpoint, goes through ``view`` as before."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if request.method != "POST" or not settings.OIDC.enabled:
            return view(request, *args, **kwargs)
        provider = oidc.provider_login(request.session)
        if provider is None:
            return view(request, *args, **kwargs)
        url = oidc.end_session_url(
            provider,
            post_logout_redirect_uri=request.build_absolute_uri(
                reverse("accounts:oidc-logged-out")
            ),
        )
        if url is None:
            oidc.forget_session(request.session.session_key)
            return view(request, *args, **kwargs)
        oidc.forget_session(request.session.session_key)
        logout(request)
        response = HttpResponseRedirect(url)
        response["Cache-Control"] = "no-store"
        return response

    return wrapped


@never_cache
@require_GET
def oidc_logged_out(request: HttpRequest) -> HttpResponse:
    """Where the provider sends the browser back after logging out there."""
    _require_enabled()
    if request.user.is_authenticated:  # logged in again in the meantime: leave it
        return HttpResponseRedirect(resolve_url(settings.LOGOUT_REDIRECT_URL))
    messages.info(request, _("You are logged out."))
    return HttpResponseRedirect(resolve_url(settings.LOGOUT_REDIRECT_URL))


@never_cache
@require_GET
def oidc_front_channel_logout(request: HttpRequest) -> HttpResponse:
    """The provider's front-channel logout (OpenID Connect Front-Channel Logout 1.0):
    when a person logs out of ID-porten, or of another service in its single sign-on,
    ID-porten's logout page loads this route in an invisible iframe with ``iss`` and
    ``sid``. Every local session that provider session logged in ends.

    The browser rarely sends our session cookie into a third-party iframe (SameSite=Lax,
    and browsers block third-party cookies), so the sessions are found by ``sid`` on the
    server. The page must be allowed in the provider's frame: X-Frame-Options is left
    out and the Content-Security-Policy's ``frame-ancestors`` names the provider's
    origins instead of 'none'. The page shows nothing and changes nothing but sessions,
    so framing it cannot be used for clickjacking."""
    _require_enabled()
    issuer = request.GET.get("iss", "")
    sid = request.GET.get("sid", "")
    ended = oidc.front_channel_logout(issuer=issuer, sid=sid)
    own = oidc.provider_login(request.session)
    if own is not None and sid and own["sid"] == sid and own["issuer"] == issuer.rstrip("/"):
        logout(request)
        ended += 1
    logger.info("Front-channel logout ended %s session(s)", ended)
    response = HttpResponse(b"", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-cache, no-store"
    response["Pragma"] = "no-cache"
    response.xframe_options_exempt = True
    response._csp_replace = {  # type: ignore[attr-defined]
        "frame-ancestors": oidc.frame_ancestors(settings.OIDC)
    }
    return response
