"""Small HTML pieces the claims admin pages share: the verdict badge, links into the claim list
and to outside sites. Their look lives in the stylesheet ``STYLESHEET``, never in Python."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode

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
