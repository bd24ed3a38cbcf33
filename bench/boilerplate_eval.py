"""Boilerplate and titles on real news (issue 12, items 3 and 4), for
``bench/extraction_eval.py --only boilerplate``.

PolNeAR has no boilerplate annotation, so this counts symptoms with patterns of its own,
deliberately looser than the pipeline's rules (a pattern shared with the pipeline would only
measure itself):

- claims that open with a dateline-like prefix ("WASHINGTON (AP) —", "MIAMI —",
  "NEW YORK, Dec. 3 (UPI) —") or a label-like one (a few words and a colon); the second
  also counts speaker labels of interview excerpts ("SMITH: …"), which are left in on
  purpose, so it is a ceiling, not an error count;
- claims that end with an agency credit ("… said. (AP)", "… said. ANI");
- the title: each PolNeAR text opens with its headline, so the parsed title should be that
  line; and where the titles came from (``title_source``);
- what was cut or dropped, by reason, and how many articles got a dateline place.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from claims.extract.pipeline import parse_article

_DATELINE_LIKE_RE = re.compile(
    r"^(?:[A-Z][A-Z.'’\-]+(?:\s[A-Z][A-Z.'’\-]+){0,3}(?:,\s[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?"
    r"(?:,\s[A-Z][a-z]{2,8}\.?\s\d{1,2})?\s?(?:\([^)]{1,30}\))?|\([A-Z][\w ]{1,20}\))"
    r"\s?(?:[-–—―]{1,2}|:)\s"
)
_LABEL_LIKE_RE = re.compile(r"^[A-Z][\w'’ ]{1,30}:\s")
_CREDIT_END_RE = re.compile(r"[.!?”\"]\s+(?:\([A-Z][\w ]{1,20}\)|[A-Z]{2,6}|[-–—]\s?[A-Z]\w+)$")
CUT_REASONS = ("dateline", "label", "credit", "caption", "media prompt", "share", "tags")


def boilerplate(texts: Iterable[str]) -> dict[str, object]:
    claims = dateline_like = label_like = credit_end = title_right = articles = 0
    sources: Counter[str] = Counter()
    cuts: Counter[str] = Counter()
    with_place = 0
    for raw in texts:
        parsed = parse_article(raw)
        articles += 1
        headline = next((line.strip() for line in raw.splitlines() if line.strip()), "")
        title_right += " ".join(parsed.title.split()) == " ".join(headline.split())
        sources[parsed.title_source or "(none)"] += 1
        with_place += bool(parsed.dateline_place)
        cuts.update(s.reason for s in parsed.skipped if s.reason in CUT_REASONS)
        for claim in parsed.claims:
            claims += 1
            dateline_like += bool(_DATELINE_LIKE_RE.match(claim.text))
            label_like += bool(_LABEL_LIKE_RE.match(claim.text))
            credit_end += bool(_CREDIT_END_RE.search(claim.text))
    return {
        "articles": articles,
        "claims": claims,
        "claims_opening_dateline_like": dateline_like,
        "claims_opening_label_like": label_like,
        "claims_ending_with_a_credit": credit_end,
        "title_is_the_headline": title_right,
        "title_sources": dict(sources.most_common()),
        "articles_with_dateline_place": with_place,
        "cut_or_skipped": {r: cuts[r] for r in CUT_REASONS},
    }


def report_lines(result: dict) -> list[str]:
    r = result
    return [
        "",
        f"Boilerplate and titles (PolNeAR, {r['articles']} articles, {r['claims']} claims)",
        f"  claims opening with a dateline-like prefix: {r['claims_opening_dateline_like']}; "
        f"label-like (incl. speaker labels, left in): {r['claims_opening_label_like']}; "
        f"ending with an agency credit: {r['claims_ending_with_a_credit']}",
        f"  title is the article's headline: {r['title_is_the_headline']} / {r['articles']} "
        f"(sources: {', '.join(f'{k} {v}' for k, v in r['title_sources'].items())})",
        f"  articles with a dateline place: {r['articles_with_dateline_place']}; skipped spans: "
        + ", ".join(f"{k} {v}" for k, v in r["cut_or_skipped"].items()),
    ]
