"""From scraped article text to a clean body with its structure and metadata.

Scraped pages carry a lot that is not the article: navigation ("Scroll to Top"), promos,
photo captions and credits, section labels, "Read more" links, share prompts, publisher
disclaimers, and the title repeated over the lead image. Every rule here is a general
property of such lines — short and unpunctuated, in parentheses with a credit, repeated,
naming a series or a copyright — never a particular site's wording.

The *body* is the article from its title on: title, subtitle (dek), headings and prose, one
paragraph per blank-line-separated block, everything else dropped. Line endings are
normalised to LF, control characters and odd spaces to plain spaces, runs of spaces
collapsed, lines trimmed, and hard-wrapped lines of one paragraph joined with a space.
Claims are then found only in the prose paragraphs.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from .dates import parse_dateline
from .lexicon import word_set
from .paragraphs import PARAGRAPH_BREAK
from .types import ArticleHints

ParagraphKind = Literal["title", "subtitle", "heading", "prose"]

# --- Normalisation ---------------------------------------------------------------------------


def _translation_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0x20):
        table[cp] = " "
    for cp in range(0x7F, 0xA0):
        table[cp] = " "
    # Characters that end a line: Python's str.splitlines knows them, so must we.
    for ch in "\n\x0b\x0c\x1c\x1d\x1e\x85\u2028":
        table[ord(ch)] = "\n"
    table[0x2029] = "\n\n"  # PARAGRAPH SEPARATOR
    table[0xFEFF] = ""  # byte-order mark / zero-width no-break space
    return table


_TRANSLATE = _translation_table()
# The characters _TRANSLATE changes. Most texts have none, and str.translate with a dict
# looks up every character of the text: a search in C first is far cheaper.
_TRANSLATED_RE = re.compile(
    "[" + "".join(f"\\U{cp:08x}" for cp, to in sorted(_TRANSLATE.items()) if to != chr(cp)) + "]"
)
_MANY_NEWLINES_RE = re.compile(r"\n{3,}")


def normalize_text(raw: str) -> str:
    """LF line endings, no control characters, single spaces, trimmed lines, at most one
    blank line between paragraphs."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if _TRANSLATED_RE.search(text):
        text = text.translate(_TRANSLATE)
    # str.split() with no argument splits on every Unicode space (NBSP, thin space, …).
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return _MANY_NEWLINES_RE.sub("\n\n", "\n".join(lines)).strip("\n")


# --- Units: the paragraphs of the source -----------------------------------------------------

_TERMINAL = (".", "!", "?", "…")
_CLOSERS = "”’\"'»)]}"


def _terminal(text: str) -> bool:
    return text.rstrip(_CLOSERS).endswith(_TERMINAL)


def _units(text: str) -> list[str]:
    """The source's paragraphs. Inside a block, a line continues the previous one only if
    that line looks hard-wrapped: long (near the block's longest line) and ending without
    sentence punctuation. Otherwise each line is a paragraph of its own, which is how most
    extractors write one paragraph per line."""
    units: list[str] = []
    for block in text.split("\n\n"):
        lines = [line for line in block.split("\n") if line]
        if not lines:
            continue
        longest = max(len(line) for line in lines)
        current = [lines[0]]
        for line in lines[1:]:
            prev = current[-1]
            if (
                len(prev) >= 40
                and len(prev) >= 0.6 * longest
                and not _terminal(prev)
                and not line.startswith(("(", "["))
                and not is_credit(line)
            ):
                current.append(line)
            else:
                units.append(" ".join(current))
                current = [line]
        units.append(" ".join(current))
    return units


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


# --- Boilerplate rules -----------------------------------------------------------------------

_CREDIT_RE = re.compile(
    r"^[(\[]?\s*(?:photo(?:graph)?s?|images?|pictures?|illustrations?|graphics?|video|"
    r"credits?|courtesy|source|file photo)\b[^()\[\]]{0,120}[)\]]?$",
    re.IGNORECASE,
)
_AGENCY_RE = re.compile(
    r"\b(?:getty images|reuters|afp|ap photo|associated press|epa|shutterstock|alamy|"
    r"anadolu|tass|ria novosti|sputnik|xinhua|pool photo)\b",
    re.IGNORECASE,
)
_CAPTION_PREFIX_RE = re.compile(
    r"^(?:photo|image|caption|file photo|pictured|above|top|left|right|main image)\s*:",
    re.IGNORECASE,
)
_DISCLAIMER_RE = re.compile(
    r"\bthis (?:piece|article|story|essay|post|report|commentary|column|op-?ed|analysis|"
    r"interview|content|newsletter|page)\b[^.]{0,60}?\b(?:is|was|has been|first|originally)"
    r"\b[^.]{0,30}?\b(?:part of|adapted|published|appeared|updated|produced|supported|funded|"
    r"made possible|written|sponsored|corrected)"
    r"|\b(?:views|opinions)\s+(?:expressed|represented|presented|stated|contained)\s+"
    r"(?:here|herein|in this|above|below|are (?:those|solely))"
    r"|\bdo(?:es)?\s+not\s+necessarily\s+(?:reflect|represent)"
    r"|\bdoes not take (?:institutional|any) positions?\b"
    r"|\ball rights reserved\b"
    r"|^\W*(?:©|\(c\)\s|copyright\b)"
    r"|\bis not responsible for (?:the )?content"
    r"|\b(?:sign up|subscribe)\b[^.]{0,40}\b(?:newsletter|updates)\b"
    r"|\bclick here\b"
    r"|\bwe use cookies\b"
    r"|\b(?:originally|first)\s+(?:published|appeared)\s+(?:in|on|at|by)\b"
    r"|\breproduced with permission\b",
    re.IGNORECASE,
)
_DISCLAIMER_TRIGGERS = (
    "this piece",
    "this article",
    "this story",
    "this essay",
    "this post",
    "this report",
    "this commentary",
    "this column",
    "this op",
    "this analysis",
    "this interview",
    "this content",
    "this newsletter",
    "this page",
    "views",
    "opinions",
    "necessarily",
    "positions",
    "rights reserved",
    "©",
    "(c)",
    "copyright",
    "responsible",
    "subscribe",
    "sign up",
    "click here",
    "cookies",
    "published",
    "appeared",
    "reproduced",
)
_BYLINE_RE = re.compile(r"^[Bb][Yy]:?\s+([A-Z][^|•·]{1,80}?)\s*(?:[|•·]|$)")
_READ_MORE_RE = re.compile(
    r"^(?:(?:read|see|watch|listen)\s+(?:more|also|next|the full|our|this)\b|related\b|"
    r"more (?:from|on|stories)\b|recommended\b|you may also like|most (?:read|popular)\b|"
    r"trending\b|further reading\b|also read\b)",
    re.IGNORECASE,
)
_NAV_RE = re.compile(
    r"^(?:(?:scroll|back|skip|jump|go|return)\s+(?:back\s+)?(?:to\s+)?(?:the\s+)?"
    r"(?:top|content|main content|navigation|menu|home|homepage|article|comments|search)\b"
    r"|(?:share|tweet|email|print|save|follow)(?:\s+(?:this|on|via|to|with|us|article|story|"
    r"post|page|now|here|it))*(?:\s+(?:facebook|twitter|x|linkedin|whatsapp|email|telegram|"
    r"reddit|bluesky|threads|instagram))?\W*$"
    r"|(?:share|tweet|email|print|save|comment|comments|subscribe|sign in|sign up|log in|"
    r"login|log out|register|menu|search|home|next|previous|prev|close|more|load more|"
    r"show more|view all|see all|advertisement|sponsored content|sponsored|tags|topics|"
    r"filed under|listen)(?:\s+(?:this|on|via|to|article|story|post|page|now|here|us))*\W*$)",
    re.IGNORECASE,
)
_READING_TIME_RE = re.compile(r"\b\d+\s*-?\s*min(?:ute)?s?\s+read\b", re.IGNORECASE)
_PROMO_RE = re.compile(
    r"\b(?:premium|subscribe|subscription|subscribers?|newsletter|paywall|unlock|upgrade|"
    r"free trial|members?[- ]only|sign up|log in|podcast|download (?:the|our) app)\b",
    re.IGNORECASE,
)
_SOCIAL = word_set(
    "facebook twitter x linkedin whatsapp email e-mail telegram reddit pinterest print share "
    "copy link flipboard bluesky threads messenger"
)
_NAV_SEPARATORS = (" | ", " › ", " • ", " · ", " > ", " / ")
_LABEL_RE = re.compile(r"[a-z][a-z&\- ]{1,40}|[A-Z][A-Z&\- ]{2,40}")

# Reasons for dropping a unit that say something *about* the article (they frame a dek).
_META_REASONS = frozenset({"dateline", "byline", "disclaimer", "caption", "credit", "label"})

# --- Publisher -------------------------------------------------------------------------------

_NAME = r"[A-Z][\w&'’.-]*"
_PUBLISHER_RES = [
    # "This piece is part of a Carnegie series …", "… from the Brookings project on …"
    re.compile(
        rf"\b(?:part of|from)\s+(?:a|an|the)\s+((?:{_NAME}\s+){{1,5}})"
        r"(?:series|project|initiative|collection|programs?|programmes?|special)\b"
    ),
    # "© 2025 Carnegie Endowment for International Peace", "Copyright (c) Example News"
    re.compile(
        r"(?:©|\([cC]\)|\b[Cc]opyright\b|\bCOPYRIGHT\b)\s*(?:©\s*|\([cC]\)\s*)?"
        r"(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?"
        rf"({_NAME}(?:\s+(?:{_NAME}|of|for|and|the|&)){{0,7}})"
    ),
    # "Carnegie does not take institutional positions …", "X is not responsible for …"
    re.compile(
        rf"^({_NAME}(?:\s+(?:{_NAME}|of|for|and|the|&)){{0,7}})\s+"
        r"(?:does not take|is not responsible|takes no|does not endorse)"
    ),
]
_NOT_PUBLISHERS = word_set("This The These We Our It All Views Opinions")


def publisher_from(text: str) -> str:
    """The publisher a disclaimer or series line names, or ""."""
    for pattern in _PUBLISHER_RES:
        match = pattern.search(text)
        if not match:
            continue
        # The name ends with its sentence: "Example News. All rights reserved."
        name = re.split(r"\.\s|[,;|]", " ".join(match.group(1).split()))[0].rstrip(".")
        # Trailing connectives belong to the sentence, not the name.
        words = name.split()
        while words and words[-1] in ("of", "for", "and", "the", "&"):
            words.pop()
        if not words or (len(words) == 1 and words[0] in _NOT_PUBLISHERS):
            continue
        return " ".join(words)
    return ""


# --- Classification --------------------------------------------------------------------------


def _has_symbol(text: str) -> bool:
    return any(unicodedata.category(ch) in ("So", "Sk", "Co") for ch in text if ord(ch) > 127)


_STAFF_CREDIT_RE = re.compile(
    r"^(?:additional\s+)?(?:reporting|writing|editing|research|translation|graphics)\s+by\b",
    re.IGNORECASE,
)


def is_credit(unit: str) -> bool:
    # Words are counted only once a pattern matches (or the line is unpunctuated): this is
    # asked of every paragraph, and most are prose that no pattern matches.
    if _STAFF_CREDIT_RE.match(unit) and len(unit.split()) <= 30:
        return True  # "Reporting by …; Editing by …"
    if _CREDIT_RE.match(unit) and len(unit.split()) <= 25:
        # "(Photos by Getty Images)", "Photo: Reuters", "Image credit: …"
        return unit.startswith(("(", "[")) or ":" in unit[:25] or " by " in unit[:30]
    return not _terminal(unit) and len(unit.split()) <= 8 and bool(_AGENCY_RE.search(unit))


def _short_line_reason(unit: str, words: list[str]) -> str | None:
    """Reasons that apply to short unpunctuated lines: navigation, promos, share bars,
    section labels."""
    n = len(words)
    if _NAV_RE.match(unit) and n <= 6:
        return "nav"
    if _READING_TIME_RE.search(unit):
        return "nav"
    if any(sep in unit for sep in _NAV_SEPARATORS):
        return "nav"
    if _has_symbol(unit) or _PROMO_RE.search(unit):
        return "promo"
    if all(w.casefold().strip(":,") in _SOCIAL for w in words):
        return "share"
    if n <= 3 and _LABEL_RE.fullmatch(unit):
        return "label"
    return None


def boilerplate_reason(unit: str, next_is_credit: bool = False) -> str | None:
    """Why ``unit`` (one paragraph of the source) is not part of the article, or None."""
    if not any(ch.isalnum() for ch in unit):
        return "ornament"
    words = unit.split()
    n = len(words)
    if n > 100:
        return None  # a real paragraph; disclaimers and captions are short
    if is_credit(unit):
        return "credit"
    if _maybe_disclaimer(unit) and _DISCLAIMER_RE.search(unit):
        return "disclaimer"
    if parse_dateline(unit) is not None:
        return "dateline"
    if n <= 12 and _BYLINE_RE.match(unit) and not _terminal(unit.rstrip(".")):
        return "byline"
    if n <= 15 and _READ_MORE_RE.match(unit) and (unit.endswith(":") or not _terminal(unit)):
        return "read-more"
    if n <= 8 and not _terminal(unit):
        reason = _short_line_reason(unit, words)
        if reason:
            return reason
    if _CAPTION_PREFIX_RE.match(unit) and n <= 40:
        return "caption"
    # A short line right above a photo credit is that photo's caption.
    if next_is_credit and (not _terminal(unit) or (n <= 25 and ". " not in unit)):
        return "caption"
    return None


_THIS_TRIGGERS = tuple(t for t in _DISCLAIMER_TRIGGERS if t.startswith("this "))
_OTHER_TRIGGERS = tuple(t for t in _DISCLAIMER_TRIGGERS if not t.startswith("this "))


def _maybe_disclaimer(text: str) -> bool:
    """Cheap pre-check (substring tests run in C) before the disclaimer regex. The "this …"
    triggers are only tried when "this " occurs: half as many tests for most text."""
    lowered = text.casefold()
    if "this " in lowered and any(trigger in lowered for trigger in _THIS_TRIGGERS):
        return True
    return any(trigger in lowered for trigger in _OTHER_TRIGGERS)


def is_boilerplate_sentence(sentence: str) -> bool:
    """A sentence inside a paragraph that is site furniture ("Read more: …", "The views
    expressed here …")."""
    if len(sentence) > 400 or len(sentence.split()) > 40:
        return False
    if _READ_MORE_RE.match(sentence):
        return True
    return _maybe_disclaimer(sentence) and bool(_DISCLAIMER_RE.search(sentence))


def _is_prose(unit: str) -> bool:
    n = len(unit.split())
    return n >= 30 or (n >= 15 and _terminal(unit))


def _headline_like(unit: str) -> bool:
    """Short, starting with a capital, not ending like a sentence (a "?" or "!" may end a
    headline)."""
    if len(unit) > 140:
        return False  # (before counting words: most paragraphs are longer)
    if not 1 <= len(unit.split()) <= 14:
        return False
    stripped = unit.rstrip(_CLOSERS)
    if stripped.endswith((".", ",", ";", "…", "-")):
        return False
    first = unit.lstrip("“‘\"'(«[")[:1]
    return first.isupper() or first.isdigit()


def _title_case_ratio(unit: str) -> float:
    content = [w for w in unit.split() if len(w.strip("“”‘’\"'()")) >= 4]
    if not content:
        return 0.0
    return sum(1 for w in content if w.lstrip("“‘\"'(")[:1].isupper()) / len(content)


def _title_score(unit: str, index: int, repeated: bool) -> float:
    n = len(unit.split())
    score = 0.0
    if repeated:
        score += 3.0  # the title is often repeated over the lead image or as a heading
    if _title_case_ratio(unit) > 0.6:
        score += 1.5
    if 4 <= n <= 20:
        score += 1.0
    if n < 3:
        score -= 2.0
    return score - index * 0.01  # earlier wins a tie


# --- The document ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int
    kind: ParagraphKind


@dataclass(slots=True)
class Document:
    body: str
    paragraphs: list[Paragraph]
    title: str = ""
    title_found: bool = False  # False: the title is a fallback, not a line of the body
    subtitle: str = ""
    published_on: dt.date | None = None
    publisher: str = ""
    section: str = ""
    author: str = ""
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (reason, text)


def clean_document(raw: str, hints: ArticleHints | None = None) -> Document:
    """Split ``raw`` into the article body (with paragraph kinds) and its metadata."""
    hints = hints or ArticleHints()
    units = _units(normalize_text(raw))
    n = len(units)
    keys = [_key(u) for u in units]
    counts = Counter(keys)
    reasons: list[str | None] = [None] * n
    first_reason: dict[str, str | None] = {}
    for i, unit in enumerate(units):
        key = keys[i]
        if key in first_reason:
            # A later copy of a paragraph (a repeated title, a pull quote, a nav bar at both
            # ends of the page) is never part of the article; classifying it again would only
            # cost time on pathological input.
            reasons[i] = first_reason[key] or "repeated"
            continue
        next_is_credit = i + 1 < n and len(units[i + 1]) < 400 and is_credit(units[i + 1])
        reasons[i] = boilerplate_reason(unit, next_is_credit=next_is_credit)
        first_reason[key] = reasons[i]

    doc = Document(body="", paragraphs=[])
    _collect_metadata(doc, units, reasons)

    front_end = next((i for i in range(n) if reasons[i] is None and _is_prose(units[i])), n)
    title_idx = _find_title(units, keys, counts, reasons, front_end, hints)
    subtitle_idx = _find_subtitle(units, reasons, title_idx, front_end, hints)
    if title_idx is not None:
        for i in range(title_idx):
            if reasons[i] is None:
                reasons[i] = "before title"

    # A section label ("commentary") stands in the front matter, around the title.
    front_labels = [units[i] for i in range(front_end) if reasons[i] == "label"]
    if front_labels:
        doc.section = front_labels[0].casefold()

    kinds: dict[int, ParagraphKind] = {}
    prose_after = [False] * (n + 1)
    for i in range(n - 1, -1, -1):
        prose_after[i] = prose_after[i + 1] or (
            reasons[i] is None and i != title_idx and not _headline_like(units[i])
        )
    for i in range(n):
        if reasons[i] is not None:
            continue
        if i == title_idx:
            kinds[i] = "title"
        elif i == subtitle_idx:
            kinds[i] = "subtitle"
        elif _headline_like(units[i]) and not _is_list_item(units[i]):
            if prose_after[i + 1]:
                kinds[i] = "heading"
            else:
                reasons[i] = "trailing"  # "Scroll to Top"-like lines after the article
        else:
            kinds[i] = "prose"

    parts: list[str] = []
    offset = 0
    for i in range(n):
        if i not in kinds:
            continue
        if parts:
            offset += len(PARAGRAPH_BREAK)
        doc.paragraphs.append(Paragraph(offset, offset + len(units[i]), kinds[i]))
        parts.append(units[i])
        offset += len(units[i])
    doc.body = PARAGRAPH_BREAK.join(parts)
    doc.dropped = [(r, units[i]) for i, r in enumerate(reasons) if r is not None]

    if title_idx is not None:
        doc.title = units[title_idx]
        doc.title_found = True
    if subtitle_idx is not None:
        doc.subtitle = units[subtitle_idx]
    _apply_hints(doc, hints)
    if not doc.title:
        doc.title = _fallback_title(doc)
    return doc


def _is_list_item(unit: str) -> bool:
    return bool(re.match(r"^(?:[-•*–]\s|\d{1,2}[.)]\s)", unit)) and len(unit.split()) >= 4


def _collect_metadata(doc: Document, units: list[str], reasons: list[str | None]) -> None:
    updated: dt.date | None = None
    for unit, reason in zip(units, reasons, strict=True):
        if reason == "dateline" and doc.published_on is None:
            parsed = parse_dateline(unit)
            if parsed is not None:
                date, is_publication = parsed
                if is_publication:
                    doc.published_on = date
                elif updated is None:
                    updated = date
        elif reason == "byline" and not doc.author:
            match = _BYLINE_RE.match(unit)
            if match:
                doc.author = match.group(1).strip(" ,;")
        elif reason == "disclaimer" and not doc.publisher:
            doc.publisher = publisher_from(unit)
    if doc.published_on is None:
        doc.published_on = updated


def _find_title(
    units: list[str],
    keys: list[str],
    counts: Counter[str],
    reasons: list[str | None],
    front_end: int,
    hints: ArticleHints,
) -> int | None:
    if hints.title:
        wanted = _key(hints.title)
        for i, key in enumerate(keys):
            if key == wanted and reasons[i] is None:
                return i
    best: tuple[float, int] | None = None
    for i in range(min(front_end, len(units))):
        if reasons[i] is not None or len(units[i].split()) < 2:
            continue
        repeated = counts[keys[i]] > 1
        # A line repeated further down is a title even in lower case ("the quiet deal…").
        if not _headline_like(units[i]) and not (
            repeated and len(units[i].split()) >= 3 and not _terminal(units[i])
        ):
            continue
        score = _title_score(units[i], i, repeated)
        if best is None or score > best[0]:
            best = (score, i)
    return best[1] if best else None


def _find_subtitle(
    units: list[str],
    reasons: list[str | None],
    title_idx: int | None,
    front_end: int,
    hints: ArticleHints,
) -> int | None:
    """The dek: the line right after the title, if it is framed as one — a headline-like
    line before the article starts, or a short line followed by the date, byline or a
    disclaimer (which is where a dek sits and a first paragraph does not)."""
    if title_idx is None:
        return None
    j = next((k for k in range(title_idx + 1, len(units)) if reasons[k] is None), None)
    if j is None:
        return None
    unit = units[j]
    if hints.subtitle and _key(hints.subtitle) == _key(unit):
        return j
    n = len(unit.split())
    if n > 40:
        return None
    framed = j + 1 < len(units) and reasons[j + 1] in _META_REASONS
    if framed:
        return j
    if j < front_end and n >= 3 and not _terminal(unit) and j + 1 < len(units):
        # A headline-style dek directly followed by the article.
        return j if not _headline_like(units[j + 1]) else None
    return None


def _apply_hints(doc: Document, hints: ArticleHints) -> None:
    if hints.title:
        doc.title = hints.title.strip()
    if hints.subtitle:
        doc.subtitle = hints.subtitle.strip()
    if hints.published_on:
        doc.published_on = hints.published_on
    if hints.publisher:
        doc.publisher = hints.publisher.strip()
    if hints.author:
        doc.author = hints.author.strip()
    if hints.section:
        doc.section = hints.section.strip()
    if not doc.section:
        doc.section = "news"


def _fallback_title(doc: Document) -> str:
    """No headline found: the start of the first paragraph stands in."""
    if not doc.paragraphs:
        return ""
    first = doc.body[doc.paragraphs[0].start : doc.paragraphs[0].end]
    end = re.search(r"[.!?](?:\s|$)", first)
    title = first[: end.end()].strip() if end else first
    return title if len(title) <= 200 else title[:199].rstrip() + "…"
