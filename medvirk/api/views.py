"""The open data page (what is open, under which licence, and how to reach it), and the
token page: a signed-in person lists, creates and revokes their API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from medvirk.api import selectors, services
from medvirk.api.forms import TokenCreateForm
from medvirk.core.forms import form_add_service_errors


@require_http_methods(["GET", "HEAD"])
def open_data(request: HttpRequest) -> HttpResponse:
    """A page for people about the open data and the API: what data is open, the
    licence, where the machine-readable description is, and how to get a key for
    writing. The schema itself is for programs."""
    return render(request, "api/open_data.html", {})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """The person's tokens and a form for a new one. A new token's secret is shown on the
    answer to the form, once; it is never stored and cannot be shown again."""
    form = TokenCreateForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            created = services.token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                expires_in_days=form.cleaned_data["expires_in_days"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            form = TokenCreateForm()
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "created": created,
            "tokens": selectors.token_list_for_user(user=request.user),
        },
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    """Revoke one of the person's own tokens; another person's token is not found."""
    token = selectors.token_get_for_user(user=request.user, token_id=token_id)
    if token is None:
        raise Http404
    services.token_revoke(user=request.user, token=token)
    messages.success(
        request, _("The token “%(name)s” is revoked and no longer works.") % {"name": token.name}
    )
    return redirect("api:tokens")
