"""Small HTML pieces the claims admin pages share: the verdict badge, links into the claim list
and to outside sites. Their look lives in the stylesheet ``STYLESHEET``, never in Python."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode

from claims.extract.worthiness import parse_reason
from claims.models import Claim, Evidence

# Loaded by the ModelAdmins' Media and by the admin templates that show badges.
STYLESHEET = "claims/admin/claims.css"

# The verdict palette. claims/static/claims/admin/claims.css and the dashboard's stylesheet
# spell these colours out; tests keep both in step with this table.
VERDICT_COLOURS = {
    Claim.Verdict.UNVERIFIED: "#6b7280",
    Claim.Verdict.CORROBORATED: "#15803d",
    Claim.Verdict.CONTRADICTED: "#b91c1c",
    Claim.Verdict.MIXED: "#b45309",
    Claim.Verdict.UNVERIFIABLE: "#4338ca",
}


def verdict_badge(verdict: str) -> str:
    return format_html(
        '<span class="verdict-badge verdict-{}">{}</span>', verdict, Claim.Verdict(verdict).label
    )


def claim_list_url(**params: Any) -> str:
    return reverse("admin:claims_claim_changelist") + "?" + urlencode(params)


def external_link(url: str, text: str) -> str:
    """A link to another site, opened in a new tab that cannot reach back into the admin."""
    return format_html('<a href="{}" rel="noopener noreferrer" target="_blank">{}</a>', url, text)


def evidence_label(evidence: Evidence) -> str:
    """An evidence item's name, linked to its source when it has a URL; without one, its
    title or the start of its excerpt as plain text (a link to "#" would lead nowhere)."""
    text = evidence.title or evidence.url or evidence.excerpt[:80]
    return external_link(evidence.url, text) if evidence.url else text


def worthiness_reasons(reasons: Any) -> str:
    """The check-worthiness reasons as two short lists, for and against, each phrase with its
    weight; a reason in another shape is shown as it is."""
    items = [str(r) for r in reasons] if isinstance(reasons, list) else []
    if not items:
        return "—"
    rows = []
    for item in items:
        side, phrase, weight = parse_reason(item) or ("", item, "")
        rows.append((side or "other", phrase, weight))
    return format_html(
        '<ul class="worthiness-reasons">{}</ul>',
        format_html_join(
            "",
            '<li class="reason-{}">{} <span class="reason-weight">{}</span></li>',
            rows,
        ),
    )


def date_mentions(dates: Any) -> str:
    """Mentioned dates as a list: how the claim wrote each, the date, and its precision."""
    rows = [d for d in dates if isinstance(d, dict)] if isinstance(dates, list) else []
    if not rows:
        return "—"
    return format_html(
        '<ul class="date-mentions">{}</ul>',
        format_html_join(
            "",
            '<li>“{}” = {} <span class="quiet">({})</span></li>',
            ((d.get("text", ""), d.get("date", ""), d.get("precision", "day")) for d in rows),
        ),
    )
