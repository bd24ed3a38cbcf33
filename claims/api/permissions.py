"""Who may read and who may write through the API."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from rest_framework import permissions

if TYPE_CHECKING:  # rest_framework.views imports this module through its settings
    from rest_framework.request import Request
    from rest_framework.views import APIView

# The permission the Editors group has and every API write requires.
EDITOR_PERMISSION = "claims.review_claim"


class ReadOrEditor(permissions.BasePermission):
    """Reads are open unless CLAIMTRACKER_PUBLIC_READ is off; writes need an editor."""

    message = "Changing claimtracker data needs an editor account (the Editors group)."

    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return settings.CLAIMTRACKER_PUBLIC_READ or bool(
                request.user and request.user.is_authenticated
            )
        return bool(
            request.user
            and request.user.is_authenticated
            and request.user.has_perm(EDITOR_PERMISSION)
        )
