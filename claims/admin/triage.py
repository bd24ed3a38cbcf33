"""Save and review next: after a verdict, the claim page opens the next claim of the list the
editor came from, with the same filters and order, so they never go back to find their place.

The list is the changelist the editor opened the claim from (Django keeps its query string in
``_changelist_filters``); an editor who came from elsewhere works through the unreviewed
claims, most check-worthy first. The next claim is found **before** the save: a verdict can
take the current claim out of its own list ("unreviewed"), and then it would have no place to
be next to. Only the editor's page of the list (and one row either side) is read, never the
whole list, so this costs the same on a million claims; the page number travels on with the
next claim, so walking past the end of a page continues on the following one.
"""

from __future__ import annotations

import copy
from typing import Any
from urllib.parse import urlencode

from django.contrib.admin.views.main import PAGE_VAR
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse

FILTERS_VAR = "_changelist_filters"
SAVE_NEXT = "_savenext"
# Where an editor who did not come from the list continues: the unreviewed claims, in the
# list's default order (most check-worthy first).
DEFAULT_LIST = "verdict__exact=unverified"


def list_query(request: HttpRequest) -> QueryDict:
    """The query string of the list the claim page was opened from (or the default list)."""
    return QueryDict(request.GET.get(FILTERS_VAR) or DEFAULT_LIST, mutable=True)


def next_claim_in_list(model_admin: Any, request: HttpRequest, current: int) -> tuple[int, str]:
    """(pk, list query string to carry on) of the claim after ``current`` in the editor's list;
    (0, query) when the list has nothing after it."""
    query = list_query(request)
    listing = copy.copy(request)
    listing.method, listing.GET, listing.POST = "GET", query, QueryDict()
    changelist = model_admin.get_changelist_instance(listing)
    per_page = changelist.list_per_page
    start = max(0, (changelist.page_num - 1) * per_page - 1)  # one row before the page
    window = list(changelist.queryset.values_list("pk", flat=True)[start : start + per_page + 2])
    if current in window:
        index = window.index(current) + 1
        if index == len(window) == per_page + 2:  # last of a full window: read one more
            window += changelist.queryset.values_list("pk", flat=True)[
                start + index : start + index + 1
            ]
    else:  # the list moved on meanwhile: carry on from the top of the editor's page
        index = 0
    later = [(i, pk) for i, pk in enumerate(window) if i >= index and pk != current]
    if not later:
        return 0, query.urlencode()
    position, pk = later[0]
    query[PAGE_VAR] = str((start + position) // per_page + 1)
    if query[PAGE_VAR] == "1":
        del query[PAGE_VAR]
    return pk, query.urlencode()


def with_list(url: str, query: str) -> str:
    """A claim page's ``url`` that remembers the list (the admin's own way of doing it)."""
    return f"{url}?{urlencode({FILTERS_VAR: query})}" if query else url


def with_query(url: str, query: str) -> str:
    """The list's ``url`` showing that list."""
    return f"{url}?{query}" if query else url


class SaveAndReviewNext:
    """Mixed into ClaimAdmin: the claim page's "Save and review next" button."""

    def changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        object_id = kwargs.get("object_id") or (args[0] if args else None)
        if request.method == "POST" and SAVE_NEXT in request.POST and object_id:
            # Before the save: a verdict may take this claim out of the editor's list.
            request._next_claim = next_claim_in_list(self, request, int(object_id))  # type: ignore[attr-defined]
        return super().changeform_view(request, *args, **kwargs)  # type: ignore[misc]

    def response_change(self, request: HttpRequest, obj: Any) -> HttpResponse:
        following = getattr(request, "_next_claim", None)
        if following is None:
            return super().response_change(request, obj)  # type: ignore[misc]
        pk, query = following
        if not pk:
            self.message_user(request, f"Saved “{obj}”. That was the last claim of the list.")  # type: ignore[attr-defined]
            return redirect(with_query(reverse("admin:claims_claim_changelist"), query))
        self.message_user(request, f"Saved “{obj}”; here is the next claim of your list.")  # type: ignore[attr-defined]
        return redirect(with_list(reverse("admin:claims_claim_change", args=[pk]), query))
