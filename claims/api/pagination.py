"""Pagination shared by every list: ``page_size`` up to 500, default 50."""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connections
from django.db.models import F, Q, QuerySet
from django.db.models.query import EmptyQuerySet
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

if TYPE_CHECKING:
    from django.db.models.expressions import OrderBy
    from rest_framework.views import APIView

MAX_PAGE_SIZE = 500


def parse_page_size(request: Request, default: int) -> int:
    raw = request.query_params.get("page_size")
    if raw in (None, ""):
        return default
    try:
        size = int(raw)
    except ValueError:
        raise ValidationError({"page_size": f"must be an integer, got {raw!r}"}) from None
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise ValidationError({"page_size": f"must be between 1 and {MAX_PAGE_SIZE}"})
    return size


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request: Request) -> int:
        # DRF silently clamps an oversized page_size; the API contract says 400 instead.
        return parse_page_size(request, self.page_size)

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        # The bounds the API enforces, stated, so clients (and the fuzzer) send valid pages.
        bounds = {
            self.page_query_param: {"minimum": 1},
            self.page_size_query_param: {"minimum": 1, "maximum": MAX_PAGE_SIZE},
        }
        params = super().get_schema_operation_parameters(view)
        for param in params:
            param["schema"].update(bounds.get(param["name"], {}))
        return params


# --- Keyset ("cursor") pagination for claims --------------------------------------------------
#
# /api/claims/ must never run COUNT(*) over a million rows, and an OFFSET deep into the table is
# as slow as a count. So claims are paged by keyset: the cursor holds the sort values of the
# last (or first) row of a page and the next page is "rows after that tuple". The tuple always
# ends in a unique column, so no row is skipped or repeated. Claims without a value for the
# sort field (no check-worthiness score, never reviewed, article without a date) come last in
# both directions, the same on PostgreSQL and SQLite.

_CURSOR_ERROR = "invalid cursor; use the `next` or `previous` link of a previous response"


@dataclass(frozen=True, slots=True)
class SortKey:
    """One column of a keyset: the ORM path (also the key of the row from ``.values()``),
    its direction, whether it can be NULL and how to decode it from a cursor."""

    field: str
    descending: bool = False
    nullable: bool = False
    kind: type = int  # int | float | dt.date | dt.datetime

    def order_by(self, reverse: bool) -> OrderBy:
        descending = self.descending != reverse
        if not self.nullable:
            # No NULLs clause: "DESC NULLS LAST" would not match a (backward) index scan.
            return self.plain_order_by(reverse)
        # NULLs stay at the end of the forward order, so a reversed walk meets them first.
        nulls = {"nulls_first": True} if reverse else {"nulls_last": True}
        return F(self.field).desc(**nulls) if descending else F(self.field).asc(**nulls)

    def after(self, value: Any, reverse: bool) -> Q | None:
        """Rows strictly after ``value`` in this key's (possibly reversed) order; None if
        there are none (the value is NULL and NULLs come last)."""
        descending = self.descending != reverse
        if value is None:
            # Forward: NULLs are last, nothing is after them. Reversed: NULLs come first,
            # every non-NULL row is after them.
            return Q(**{f"{self.field}__isnull": False}) if reverse else None
        q = Q(**{f"{self.field}__{'lt' if descending else 'gt'}": value})
        if self.nullable and not reverse:
            q |= Q(**{f"{self.field}__isnull": True})
        return q

    def from_value(self, value: Any, reverse: bool) -> Q:
        """``field >= value`` (or ``<=``) in the walk's direction: implied by ``after``, but
        a plain range the planner can start an index scan at, so a deep page does not scan
        every row before it."""
        descending = self.descending != reverse
        return Q(**{f"{self.field}__{'lte' if descending else 'gte'}": value})

    def plain_order_by(self, reverse: bool) -> OrderBy:
        """The order without a NULLs clause: the database default, which is how the
        indexes are built (for a branch that has no NULLs, it is the same order)."""
        descending = self.descending != reverse
        return F(self.field).desc() if descending else F(self.field).asc()

    def equal(self, value: Any) -> Q:
        if value is None:
            return Q(**{f"{self.field}__isnull": True})
        return Q(**{self.field: value})

    def encode(self, value: Any) -> Any:
        return value.isoformat() if isinstance(value, dt.date) else value

    def decode(self, raw: Any) -> Any:
        if raw is None:
            if not self.nullable:
                raise ValueError("NULL in a non-null key")
            return None
        if self.kind is int:
            if type(raw) is not int:
                raise ValueError("not an integer")
            return raw
        if self.kind is float:
            if type(raw) not in (int, float):
                raise ValueError("not a number")
            return float(raw)
        if not isinstance(raw, str):
            raise ValueError("not a date")
        if self.kind is dt.datetime:
            return dt.datetime.fromisoformat(raw)
        return dt.date.fromisoformat(raw)


def keyset_after(keys: Sequence[SortKey], values: Sequence[Any], reverse: bool) -> Q:
    """``(k1, k2, …) > (v1, v2, …)`` in the keys' order, spelled out so that it works with
    mixed directions and NULLs: k1 after v1, or k1 = v1 and k2 after v2, or …"""
    condition = Q(pk__in=[])  # matches nothing: the identity of OR
    prefix = Q()
    for key, value in zip(keys, values, strict=True):
        after = key.after(value, reverse)
        if after is not None:
            condition |= prefix & after
        prefix &= key.equal(value)
    return condition


class KeysetPagination(pagination.BasePagination):
    """Keyset pagination over a ``.values()`` queryset; see the module comment.

    ``orderings`` maps each accepted ``ordering`` value to its keys; a view with
    ``ordering_param = None`` always uses ``default_ordering``.
    """

    cursor_query_param = "cursor"
    ordering_param: str | None = "ordering"
    page_size = 50
    orderings: dict[str, tuple[SortKey, ...]] = {}
    default_ordering = ""

    def get_ordering(self, request: Request) -> tuple[str, tuple[SortKey, ...]]:
        """The validated ``ordering`` value and its keys (also used by the CSV export)."""
        raw = request.query_params.get(self.ordering_param) if self.ordering_param else None
        name = raw.strip() if raw else self.default_ordering
        if name not in self.orderings:
            choices = ", ".join(sorted(k for k in self.orderings if k))
            raise ValidationError({self.ordering_param: f"unknown ordering {raw!r}; use {choices}"})
        return name, self.orderings[name]

    def decode_cursor(self, request: Request) -> tuple[list[Any], bool] | None:
        raw = request.query_params.get(self.cursor_query_param)
        if not raw:
            return None
        try:
            padded = raw + "=" * (-len(raw) % 4)
            data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
            if data.get("o") != self.ordering_name:
                raise ValueError("cursor of another ordering")
            values = [key.decode(v) for key, v in zip(self.keys, data["v"], strict=True)]
            return values, bool(data.get("r"))
        except (ValueError, TypeError, KeyError, AttributeError, UnicodeError):
            raise ValidationError({self.cursor_query_param: _CURSOR_ERROR}) from None

    def encode_cursor(self, row: dict[str, Any], reverse: bool) -> str:
        data = {
            "o": self.ordering_name,
            "v": [key.encode(row[key.field]) for key in self.keys],
            "r": int(reverse),
        }
        raw = json.dumps(data, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")

    def paginate_queryset(
        self, queryset: QuerySet, request: Request, view: APIView | None = None
    ) -> list[dict[str, Any]]:
        self.request = request
        self.page_size = parse_page_size(request, type(self).page_size)
        self.ordering_name, self.keys = self.get_ordering(request)
        cursor = self.decode_cursor(request)
        reverse = bool(cursor and cursor[1])
        # One row more than asked tells whether there is a page beyond, without counting.
        rows = self.fetch(queryset, cursor[0] if cursor else None, reverse, self.page_size + 1)
        more = len(rows) > self.page_size
        rows = rows[: self.page_size]
        if reverse:
            rows.reverse()
            self.has_next, self.has_previous = True, more
        else:
            self.has_next, self.has_previous = more, cursor is not None
        self.rows = rows
        return rows

    def fetch(
        self, queryset: QuerySet, values: list[Any] | None, reverse: bool, limit: int
    ) -> list[dict[str, Any]]:
        """Up to ``limit`` rows after the key ``values`` (from the start if None)."""
        if isinstance(queryset, EmptyQuerySet):
            # A filter that can match nothing (``assignee=me`` for an anonymous caller) gives
            # .none(), which Django's union() below would turn into one sliced branch.
            return []
        if self.keys[0].nullable and connections[queryset.db].vendor == "postgresql":
            return self._split_by_nulls(queryset, values, reverse, limit)
        queryset = queryset.order_by(*(key.order_by(reverse) for key in self.keys))
        if values is not None:
            condition = keyset_after(self.keys, values, reverse)
            if not self.keys[0].nullable:
                condition &= self.keys[0].from_value(values[0], reverse)
            queryset = queryset.filter(condition)
        return list(queryset[:limit])

    def iterate(self, queryset: QuerySet, request: Request, chunk: int) -> Iterator[list[dict]]:
        """Every row in the requested ordering, ``chunk`` rows per query. Each chunk is an
        ordinary LIMITed keyset query, so the planner picks the same index-served plans as
        for a page, and no cursor or transaction stays open while a response streams."""
        self.ordering_name, self.keys = self.get_ordering(request)
        values = None
        while True:
            rows = self.fetch(queryset, values, False, chunk)
            if rows:
                yield rows
            if len(rows) < chunk:
                return
            values = [rows[-1][key.field] for key in self.keys]

    def _split_by_nulls(
        self, queryset: QuerySet, values: list[Any] | None, reverse: bool, limit: int
    ) -> list[dict[str, Any]]:
        """The page when the first sort key can be NULL, on PostgreSQL.

        "NULLs last" is not the order the btree indexes keep (PostgreSQL puts NULLs first in
        a descending index), and a NULL test OR-ed into the keyset condition stops the index
        from bounding the scan; either way a page would sort the whole table. So the rows
        with a value and the rows without one are two branches, each in an order an index
        serves and each LIMITed to a page, glued by UNION ALL: still one query.
        """
        first, rest = self.keys[0], self.keys[1:]
        with_value = queryset.filter(**{f"{first.field}__isnull": False})
        without = queryset.filter(**{f"{first.field}__isnull": True})
        # Walking forward the rows with a value come first; walking back, the NULLs do.
        if values is not None and values[0] is not None:
            with_value = with_value.filter(
                keyset_after(self.keys, values, reverse) & first.from_value(values[0], reverse)
            )
            if reverse:
                without = None  # NULLs all come before a valued cursor in a backward walk
        elif values is not None:  # the cursor is in the NULLs
            without = without.filter(keyset_after(rest, values[1:], reverse))
            if not reverse:
                with_value = None  # valued rows all come before it
        branches = []
        if with_value is not None:
            order = [first.plain_order_by(reverse), *(k.plain_order_by(reverse) for k in rest)]
            branches.append(with_value.order_by(*order)[:limit])
        if without is not None:
            branches.append(without.order_by(*(k.plain_order_by(reverse) for k in rest))[:limit])
        if len(branches) == 1:
            return list(branches[0])
        combined = branches[0].union(branches[1], all=True)
        return list(combined.order_by(*(key.order_by(reverse) for key in self.keys))[:limit])

    def _link(self, row: dict[str, Any] | None, reverse: bool) -> str | None:
        if row is None:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.cursor_query_param, self.encode_cursor(row, reverse))

    def get_next_link(self) -> str | None:
        return self._link(self.rows[-1] if self.has_next and self.rows else None, False)

    def get_previous_link(self) -> str | None:
        if not self.has_previous:
            return None
        if not self.rows:  # walked past the end: the way back starts from the end
            return remove_query_param(self.request.build_absolute_uri(), self.cursor_query_param)
        return self._link(self.rows[0], True)

    def get_paginated_response(self, data: list[Any]) -> Response:
        return Response(
            {"next": self.get_next_link(), "previous": self.get_previous_link(), "results": data}
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        link = {"type": "string", "nullable": True, "format": "uri"}
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {"next": link, "previous": link, "results": schema},
        }

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        params = [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Opaque position from the `next`/`previous` link of a response.",
                "schema": {"type": "string"},
            },
            {
                "name": "page_size",
                "required": False,
                "in": "query",
                "description": f"Results per page (default {self.page_size}, at most "
                f"{MAX_PAGE_SIZE}; more is a 400).",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]
        if self.ordering_param:
            params.append(
                {
                    "name": self.ordering_param,
                    "required": False,
                    "in": "query",
                    "description": "Sort order; `-` for descending. Claims without a value "
                    f"for the field come last. Default: `{self.default_ordering}` "
                    "(article, then position in it).",
                    "schema": {"type": "string", "enum": sorted(self.orderings)},
                }
            )
        return params


_ID = SortKey("id")

# The ``ordering`` values /api/claims/ accepts. Each ends in a unique column; the keys are
# names from the claim ``.values()`` row so the last row of a page gives the next cursor.
CLAIM_ORDERINGS: dict[str, tuple[SortKey, ...]] = {
    # (article, position) is unique and indexed (claim_position_unique).
    "article": (SortKey("article_id"), SortKey("position")),
    "-article": (SortKey("article_id", descending=True), SortKey("position", descending=True)),
    "id": (_ID,),
    "-id": (SortKey("id", descending=True),),
    "position": (SortKey("position"), _ID),
    "-position": (SortKey("position", descending=True), _ID),
    # Ties broken by id DESC: claim_worthiness_idx (-check_worthiness, id) read backwards.
    "check_worthiness": (
        SortKey("check_worthiness", nullable=True, kind=float),
        SortKey("id", descending=True),
    ),
    "-check_worthiness": (
        SortKey("check_worthiness", descending=True, nullable=True, kind=float),
        _ID,
    ),
    "reviewed_at": (SortKey("reviewed_at", nullable=True, kind=dt.datetime), _ID),
    "-reviewed_at": (
        SortKey("reviewed_at", descending=True, nullable=True, kind=dt.datetime),
        _ID,
    ),
    "published_on": (SortKey("article__published_on", nullable=True, kind=dt.date), _ID),
    "-published_on": (
        SortKey("article__published_on", descending=True, nullable=True, kind=dt.date),
        _ID,
    ),
}


class ClaimCursorPagination(KeysetPagination):
    orderings = CLAIM_ORDERINGS
    default_ordering = "article"


class ClaimReviewPagination(KeysetPagination):
    """Published fact-checks, most recently reviewed first; no ordering choice."""

    ordering_param = None
    orderings = {
        "-reviewed_at": (
            SortKey("reviewed_at", descending=True, nullable=True, kind=dt.datetime),
            SortKey("id", descending=True),
        )
    }
    default_ordering = "-reviewed_at"
