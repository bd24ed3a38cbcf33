"""Curating the events the importer suggested."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from claims.editing.base import EditRefused
from claims.models import Event


@transaction.atomic
def set_event_status(events: QuerySet[Event], status: str) -> int:
    """Confirm or dismiss events (suggested ones usually); returns how many changed."""
    if status not in Event.Status.values:
        raise EditRefused(f"Unknown event status {status!r}.")
    return events.exclude(status=status).update(status=status)
