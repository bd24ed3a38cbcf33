"""Who may do what in the claims admin.

Members of the Editors group (or anyone with the model permissions) can do everything; any
other active staff user may read every page but change nothing: every action, button and POST
view is hidden from them and refused with 403.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed


def is_active_staff(user: Any) -> bool:
    return bool(user.is_active and user.is_staff)


class StaffCanViewInlineMixin:
    """Inlines: any active staff user may see them (read-only without the model rights)."""

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_view_permission(request, obj) or is_active_staff(request.user)  # type: ignore[misc]


class StaffCanViewMixin(StaffCanViewInlineMixin):
    """Every claims admin: readable by all active staff, writable only with the permissions.

    Changelist POSTs (actions) are refused with 403 unless the action is one the user may run,
    so a reader posting an action by hand gets the same answer as for any other write.
    """

    def has_module_permission(self, request: HttpRequest) -> bool:
        return super().has_module_permission(request) or is_active_staff(request.user)  # type: ignore[misc]

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        if request.method == "POST":
            allowed = self.get_actions(request)  # type: ignore[attr-defined]
            posted = [name for name in request.POST.getlist("action") if name]
            if not allowed or any(name not in allowed for name in posted):
                raise PermissionDenied
        return super().changelist_view(request, extra_context)  # type: ignore[misc]


def require_post(request: HttpRequest) -> HttpResponse | None:
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])
