"""API endpoints for personal API tokens, included under /api/v1/.

POST /tokens/ trades an e-mail address and a password for a new token. The password is
checked by ``django.contrib.auth.authenticate`` with the request, so django-axes counts
the wrong ones: after AXES_FAILURE_LIMIT of them for one account or from one address,
further attempts are answered 429, here and on the site's login page alike.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions, serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from medvirk.accounts.views import locked_out
from medvirk.api import selectors, services
from medvirk.api.models import ApiToken


class TokenSerializer(serializers.ModelSerializer[ApiToken]):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "last_used_at", "expires_at"]
        read_only_fields = fields


class TokenCreatedSerializer(TokenSerializer):
    token = serializers.SerializerMethodField(help_text="The token. Shown this once, never again.")

    class Meta(TokenSerializer.Meta):
        fields = [*TokenSerializer.Meta.fields, "token"]
        read_only_fields = fields

    def get_token(self, token: ApiToken) -> str:
        return str(self.context["secret"])


class TokenCreateSerializer(serializers.Serializer[Any]):
    email = serializers.CharField(max_length=254)
    password = serializers.CharField(max_length=4096, trim_whitespace=False)
    name = serializers.CharField(max_length=100)
    expires_in_days = serializers.IntegerField(
        min_value=1, max_value=services.MAX_LIFETIME_DAYS, required=False, allow_null=True
    )


class _CreateOpenReadSignedIn(permissions.BasePermission):
    """Anyone may trade a password for a token; listing tokens needs a signed-in person."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method == "POST":
            return True
        return bool(request.user and request.user.is_authenticated)


class TokenList(generics.ListAPIView[ApiToken]):
    """The signed-in person's tokens (never their secrets), newest first; and, with POST,
    a new token for an e-mail address and password."""

    serializer_class = TokenSerializer
    permission_classes = [_CreateOpenReadSignedIn]
    schema_error_statuses = ("429",)
    # No token or session needed to create one: the password is the credential.
    schema_anonymous_methods = ("POST",)

    def get_queryset(self) -> Any:
        return selectors.token_list_for_user(user=self.request.user)

    @extend_schema(
        request=TokenCreateSerializer,
        responses={201: TokenCreatedSerializer},
        description=(
            "Create a token from an e-mail address and password. After 10 wrong passwords "
            "for one account or from one address, attempts are refused with 429 for a while."
        ),
    )
    def post(self, request: Request) -> Response:
        serializer = TokenCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        django_request = request._request
        user = authenticate(
            request=django_request, username=data["email"], password=data["password"]
        )
        if getattr(django_request, "axes_locked_out", False):
            return locked_out(django_request)  # type: ignore[return-value]
        if user is None:
            raise ValidationError({"detail": _("Wrong e-mail address or password.")})
        try:
            created = services.token_create(
                user=user, name=data["name"], expires_in_days=data.get("expires_in_days")
            )
        except DjangoValidationError as error:
            raise ValidationError(
                error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages}
            ) from error
        payload = TokenCreatedSerializer(created.token, context={"secret": created.secret}).data
        return Response(payload, status=status.HTTP_201_CREATED)


class TokenDetail(APIView):
    """Revoke one of the signed-in person's tokens. It stops working at once."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={204: None})
    def delete(self, request: Request, token_id: int) -> Response:
        token = selectors.token_get_for_user(user=request.user, token_id=token_id)
        if token is None:
            raise NotFound(_("No such token."))
        services.token_revoke(user=request.user, token=token)
        return Response(status=status.HTTP_204_NO_CONTENT)


urlpatterns = [
    path("tokens/", TokenList.as_view(), name="token-list"),
    path("tokens/<int:token_id>/", TokenDetail.as_view(), name="token-detail"),
]
