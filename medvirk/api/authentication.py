"""Bearer-token authentication for the REST API (``Authorization: Bearer <token>``).

The API also accepts the site's session (DRF's SessionAuthentication, with CSRF on
writes). There is no HTTP Basic authentication: passwords are only ever checked by the
token endpoint and the login page, both behind django-axes.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from medvirk.api import selectors, services
from medvirk.api.models import ApiToken

KEYWORD = "Bearer"


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """A personal API token in the Authorization header. Unknown, revoked and expired
    tokens, and tokens of deactivated people, are refused with 401."""

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Write the header as 'Authorization: Bearer <token>'.")
            )
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(_("The token is not valid.")) from error
        token = selectors.token_find_usable(token=secret)
        if token is None:
            raise exceptions.AuthenticationFailed(
                _("The token is not valid, or it has expired or been revoked.")
            )
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("This account is deactivated."))
        services.token_mark_used(token=token)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return f'{KEYWORD} realm="api"'
