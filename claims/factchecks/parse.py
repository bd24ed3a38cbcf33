"""schema.org ClaimReview, as fact-checkers publish it, read into plain values. No Django (a
test walks the imports): the service decides what to store.

Real markup is messy, so this reads what is there rather than what the specification says:

- a document is a JSON-LD object, a list of them, an ``@graph``, a ``DataFeed`` (its
  ``dataFeedElement`` items, bare or wrapped in a ``DataFeedItem``'s ``item``), an API page
  (``results``) or an HTML page carrying them in ``<script type="application/ld+json">``:
  every ClaimReview anywhere in it is found (``find_reviews``), nodes of other types skipped;
- ``@type`` or ``type``, a string or a list, bare or prefixed (``schema:``, http or https
  schema.org); property names likewise; ``{"@id": …}`` references resolved against the
  document's other nodes; ``{"@value": …}`` unwrapped;
- ``reviewRating.ratingValue`` / ``bestRating`` / ``worstRating`` as numbers, numeric
  strings or missing (``alternateName`` alone is a textual rating);
- ``itemReviewed`` a ``Claim`` or the legacy ``CreativeWork``; its ``appearance`` or
  ``firstAppearance`` an object, a list or a bare URL; ``author`` an object, a list or a name.

A ClaimReview that cannot be read (no ``claimReviewed``, no ``url``, a rating that is not a
number, a date that is not one) is a ``Problem``: one line naming the item and the field.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from .ratings import parse_number

MAX_DEPTH = 40  # nesting walked looking for reviews: deeper is not markup, it is an attack
MAX_TEXT = 10_000  # characters kept of any one text field
_PREFIXES = ("schema:", "http://schema.org/", "https://schema.org/")
_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


class ParseError(ValueError):
    """The whole document cannot be read (not JSON, not HTML); one line."""


@dataclass(frozen=True, slots=True)
class Problem:
    """A ClaimReview (or a script tag) that could not be read: where and why, one line."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True, slots=True)
class ParsedFactCheck:
    """One ClaimReview as plain values; ``raw`` is the object as it came."""

    url: str
    claim_reviewed: str
    publisher_name: str = ""
    publisher_url: str = ""
    claimant: str = ""
    claim_date: dt.date | None = None
    review_date: dt.date | None = None
    language: str = ""
    textual_rating: str = ""
    rating_value: float | None = None
    best_rating: float | None = None
    worst_rating: float | None = None
    rating_explanation: str = ""
    appearances: tuple[str, ...] = ()
    raw: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True)
class Parsed:
    """What a document held: the readable reviews and a problem per unreadable one."""

    reviews: list[ParsedFactCheck]
    problems: list[Problem]


# --- Documents --------------------------------------------------------------------------------


def parse_document(text: str) -> Parsed:
    """Every ClaimReview in ``text``: JSON(-LD) when it starts like JSON, else an HTML page
    whose ``application/ld+json`` scripts are read. ``ParseError`` when it is neither."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped[:1] in ("{", "["):
        try:
            data = json.loads(stripped, strict=False)
        except json.JSONDecodeError as exc:
            raise ParseError(f"not valid JSON ({exc.msg} at line {exc.lineno})") from None
        return parse_data(data)
    if "<" not in stripped:
        raise ParseError("neither JSON nor an HTML page")
    return _parse_html(stripped)


def _parse_html(text: str) -> Parsed:
    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"not a readable HTML page ({exc})") from None
    scripts = [
        s
        for s in root.iter("script")
        if (s.get("type") or "").split(";")[0].strip().lower() == "application/ld+json"
    ]
    documents: list[Any] = []
    problems: list[Problem] = []
    for number, script in enumerate(scripts, 1):
        body = _unwrap_script(script.text or "")
        if not body:
            continue
        try:
            documents.append(json.loads(body, strict=False))
        except json.JSONDecodeError as exc:
            where = f"JSON-LD script {number}"
            problems.append(Problem(where, f"not valid JSON ({exc.msg} at line {exc.lineno})"))
    parsed = parse_data(documents)
    return Parsed(parsed.reviews, problems + parsed.problems)


def _unwrap_script(body: str) -> str:
    """The JSON of a script tag without the HTML comment or CDATA wrapper pages put around it
    for old browsers, and without a trailing semicolon."""
    body = body.strip()
    for start, end in (("<!--", "-->"), ("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>")):
        if body.startswith(start) and body.endswith(end):
            body = body[len(start) : -len(end)].strip()
    return body.rstrip(";").strip()


def parse_data(data: Any) -> Parsed:
    """Every ClaimReview in already decoded JSON."""
    nodes = _Nodes(data)
    reviews: list[ParsedFactCheck] = []
    problems: list[Problem] = []
    for number, review in enumerate(find_reviews(data), 1):
        try:
            reviews.append(read_review(review, nodes))
        except ReviewError as exc:
            url = _text(nodes.get(review, "url"))
            where = f"ClaimReview {number}" + (f" ({url[:200]})" if url else "")
            problems.append(Problem(where, str(exc)))
    return Parsed(reviews, problems)


def find_reviews(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """The ClaimReview objects anywhere in ``data``, in document order (not inside one)."""
    if depth > MAX_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            yield from find_reviews(item, depth + 1)
    elif isinstance(data, dict):
        if "ClaimReview" in types_of(data):
            yield data
            return
        for value in data.values():
            if isinstance(value, dict | list):
                yield from find_reviews(value, depth + 1)


def types_of(node: dict[str, Any]) -> set[str]:
    """A node's types without their prefix: ``@type`` or ``type``, a string or a list."""
    raw = node.get("@type", node.get("type"))
    values = raw if isinstance(raw, list) else [raw]
    return {_unprefixed(v) for v in values if isinstance(v, str)}


def _unprefixed(name: str) -> str:
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


class _Nodes:
    """The document's nodes by ``@id``, to resolve references such as ``"author": {"@id":
    "#org"}`` (an ``@graph`` names its organisation once and points at it)."""

    def __init__(self, data: Any) -> None:
        self.by_id: dict[str, dict[str, Any]] = {}
        self._index(data, 0)

    def _index(self, data: Any, depth: int) -> None:
        if depth > MAX_DEPTH:
            return
        if isinstance(data, list):
            for item in data:
                self._index(item, depth + 1)
        elif isinstance(data, dict):
            node_id = data.get("@id")
            if isinstance(node_id, str) and len(data) > 1:
                self.by_id.setdefault(node_id, data)
            for value in data.values():
                if isinstance(value, dict | list):
                    self._index(value, depth + 1)

    def resolve(self, value: Any) -> Any:
        if isinstance(value, dict) and set(value) == {"@id"} and isinstance(value["@id"], str):
            return self.by_id.get(value["@id"], value)
        return value

    def get(self, node: Any, name: str) -> Any:
        """Property ``name`` of ``node`` under any of its spellings, references resolved."""
        if not isinstance(node, dict):
            return None
        for key in (name, *(p + name for p in _PREFIXES)):
            if key in node:
                value = node[key]
                if isinstance(value, list):
                    return [self.resolve(v) for v in value]
                return self.resolve(value)
        return None

    def first(self, node: Any, *names: str) -> Any:
        """The first of ``names`` that ``node`` has (a list's first item)."""
        for name in names:
            value = self.get(node, name)
            if isinstance(value, list):
                value = next((v for v in value if v not in (None, "")), None)
            if value not in (None, "", {}):
                return value
        return None


# --- One review -------------------------------------------------------------------------------


class ReviewError(ValueError):
    """This ClaimReview cannot be read; the message names the field."""


def read_review(review: dict[str, Any], nodes: _Nodes | None = None) -> ParsedFactCheck:
    """One ClaimReview object as plain values; ``ReviewError`` naming the field otherwise."""
    nodes = nodes or _Nodes(review)
    claim_reviewed = _text(nodes.first(review, "claimReviewed"))
    item = nodes.first(review, "itemReviewed")
    item = item if isinstance(item, dict) else {}
    if not claim_reviewed:  # some publishers put the claim's words on the Claim instead
        claim_reviewed = _text(nodes.first(item, "text", "name"))
    if not claim_reviewed:
        raise ReviewError("claimReviewed: missing or empty")
    url = _text(nodes.first(review, "url")) or _url_id(review)
    if not url:
        raise ReviewError("url: missing (the review's own address is what identifies it)")
    if not re.match(r"https?://", url, re.IGNORECASE):
        raise ReviewError(f"url: {url[:100]!r} is not an http(s) URL")
    publisher = nodes.first(review, "author", "publisher")
    publisher_name, publisher_url = _party(publisher, nodes)
    rating = nodes.first(review, "reviewRating")
    rating = rating if isinstance(rating, dict) else {}
    appearances = _appearances(item, nodes)
    claim_date = _date(
        nodes.first(item, "datePublished", "dateCreated"), "itemReviewed.datePublished"
    )
    if claim_date is None:
        claim_date = _first_appearance_date(item, nodes)
    return ParsedFactCheck(
        url=url[:1000],
        claim_reviewed=claim_reviewed[:MAX_TEXT],
        publisher_name=publisher_name[:300],
        publisher_url=publisher_url[:1000],
        claimant=_party(nodes.first(item, "author"), nodes)[0][:300],
        claim_date=claim_date,
        review_date=_date(nodes.first(review, "datePublished"), "datePublished"),
        language=_language(nodes.first(review, "inLanguage") or nodes.first(item, "inLanguage")),
        textual_rating=_text(nodes.first(rating, "alternateName", "name"))[:300],
        rating_value=_number(nodes.first(rating, "ratingValue"), "reviewRating.ratingValue"),
        best_rating=_number(nodes.first(rating, "bestRating"), "reviewRating.bestRating"),
        worst_rating=_number(nodes.first(rating, "worstRating"), "reviewRating.worstRating"),
        rating_explanation=_text(
            nodes.first(rating, "ratingExplanation") or nodes.first(review, "reviewBody")
        )[:MAX_TEXT],
        appearances=appearances,
        raw=review,
    )


def _text(value: Any) -> str:
    """A text value: a string, a number, ``{"@value": …}`` or the first of a list."""
    if isinstance(value, list):
        value = next((v for v in value if v not in (None, "")), None)
    if isinstance(value, dict):
        value = value.get("@value")
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int | float | str):
        return " ".join(str(value).split())
    return ""


def _url_id(node: dict[str, Any]) -> str:
    node_id = node.get("@id")
    return node_id if isinstance(node_id, str) and node_id.startswith("http") else ""


def _party(value: Any, nodes: _Nodes) -> tuple[str, str]:
    """(name, url) of an author or publisher: an object, a list (its first) or a name."""
    if isinstance(value, list):
        value = next((v for v in value if v), None)
    if isinstance(value, str):
        return (" ".join(value.split()), "") if not value.startswith("http") else ("", value)
    if not isinstance(value, dict):
        return "", ""
    name = _text(nodes.first(value, "name", "legalName", "alternateName"))
    url = _text(nodes.first(value, "url", "sameAs")) or _url_id(value)
    return name, url


def _appearances(item: dict[str, Any], nodes: _Nodes) -> tuple[str, ...]:
    """The URLs where the claim appeared: ``appearance`` and ``firstAppearance``, each an
    object (its ``url``), a list or a bare URL."""
    found: list[str] = []
    for name in ("firstAppearance", "appearance"):
        value = nodes.get(item, name)
        for entry in value if isinstance(value, list) else [value]:
            url = entry if isinstance(entry, str) else _text(nodes.first(entry, "url"))
            url = url or (_url_id(entry) if isinstance(entry, dict) else "")
            if url.startswith(("http://", "https://")) and url not in found:
                found.append(url[:1000])
    return tuple(found[:20])


def _first_appearance_date(item: dict[str, Any], nodes: _Nodes) -> dt.date | None:
    for name in ("firstAppearance", "appearance"):
        entry = nodes.first(item, name)
        if isinstance(entry, dict):
            found = _date(nodes.first(entry, "datePublished"), f"itemReviewed.{name}.datePublished")
            if found:
                return found
    return None


def _date(value: Any, where: str) -> dt.date | None:
    """An ISO date or date-time (its date part); missing is None, anything else an error."""
    text = _text(value)
    if not text:
        return None
    match = _DATE.match(text)
    try:
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        pass
    raise ReviewError(f"{where}: {text[:40]!r} is not an ISO date (YYYY-MM-DD)")


def _number(value: Any, where: str) -> float | None:
    try:
        return parse_number(_text(value))
    except ValueError as exc:
        raise ReviewError(f"{where}: {exc}") from None


def _language(value: Any) -> str:
    """``inLanguage`` as a code: a string, or a Language object's ``alternateName``/name."""
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    return _text(value)[:35]
