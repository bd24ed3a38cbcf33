"""/api/auth/token/: get (POST) or revoke (DELETE) the caller's API token."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view, inline_serializer
from rest_framework import permissions, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from claims.api.throttling import LiveScopedRateThrottle
from claims.api.views.common import ApiViewMixin, errors


@extend_schema_view(
    post=extend_schema(
        summary="Get an API token",
        description="Send username and password; the answer holds the user's token (the same "
        "one on every call until it is revoked). Throttled (`token_auth` rate).",
        responses={
            200: inline_serializer("Token", {"token": serializers.CharField()}),
            **errors(400, 429),
        },
    ),
    delete=extend_schema(
        summary="Revoke your API token",
        description="Deletes the caller's token; the next POST makes a new one.",
        request=None,
        responses={204: None, **errors(401)},
    ),
)
class AuthTokenView(ApiViewMixin, ObtainAuthToken):
    throttle_classes = [LiveScopedRateThrottle]
    throttle_scope = "token_auth"
    renderer_classes = [JSONRenderer]
    schema = api_settings.DEFAULT_SCHEMA_CLASS()

    def get_permissions(self) -> list[permissions.BasePermission]:
        if self.request.method == "DELETE":
            return [permissions.IsAuthenticated()]
        return [permissions.AllowAny()]

    def delete(self, request: Request) -> Response:
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
