"""Assignments: a desk shares its claims out among editors, and everyone sees who is on what."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from claims.editing.base import record_history
from claims.models import Claim

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

ASSIGN_PERMISSION = "claims.change_claim"  # editors assign; staff readers only read


def editors() -> QuerySet:
    """The active users who may edit claims (through a group, their own permissions or as
    superusers): whom claims can be given to, by username."""
    app, codename = ASSIGN_PERMISSION.split(".")
    perm = Permission.objects.filter(content_type__app_label=app, codename=codename)
    may = Q(is_superuser=True) | Q(groups__permissions__in=perm) | Q(user_permissions__in=perm)
    return get_user_model().objects.filter(may, is_active=True).distinct().order_by("username")


def can_assign(user: AbstractBaseUser) -> bool:
    """Editors (anyone who may change claims) assign work; only they can be assigned it."""
    return bool(user.is_active and user.has_perm(ASSIGN_PERMISSION))


@transaction.atomic
def assign_claims(
    claims: Iterable[Claim | int], *, assignee: AbstractBaseUser | None, by: AbstractBaseUser
) -> int:
    """Give ``claims`` to ``assignee`` (None: take them back), as ``by``. Claims already
    with that assignee are left as they are; each changed claim gets who and when, and a line
    in its history (the admin's). Returns how many changed. Raises ``ValueError`` for an
    assignee who may not edit claims (they could not do the work)."""
    if assignee is not None and not can_assign(assignee):
        raise ValueError(f"{assignee.get_username()} is not an editor: claims go to editors.")
    pks = [c if isinstance(c, int) else c.pk for c in claims]
    changing = Claim.objects.filter(pk__in=pks).exclude(
        Q(assignee=assignee) if assignee is not None else Q(assignee__isnull=True)
    )
    # Locked (the claim rows only: the user join is an outer one) so that two editors
    # assigning the same claim at once each record what they really replaced.
    locked = changing.select_for_update(of=("self",)).order_by("pk")
    rows = [
        (Claim(pk=pk, position=position, text=text), previous)
        for pk, position, text, previous in locked.values_list(
            "pk", "position", "text", "assignee__username"
        )
    ]
    if not rows:
        return 0
    Claim.objects.filter(pk__in=[claim.pk for claim, _ in rows]).update(
        assignee=assignee,
        assigned_by=by if assignee is not None else None,
        assigned_at=timezone.now() if assignee is not None else None,
    )
    record_history(((claim, _message(assignee, prev)) for claim, prev in rows), by=by)
    return len(rows)


def _message(assignee: AbstractBaseUser | None, previous: str | None) -> str:
    if assignee is None:
        return f"Unassigned (was {previous})."
    name = assignee.get_username()
    return f"Assigned to {name} (was {previous})." if previous else f"Assigned to {name}."
