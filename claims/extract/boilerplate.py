"""What in scraped text is not the article: the rules for navigation, promos, captions,
credits, labels, bylines and disclaimers (``boilerplate_reason``, ``sentence_reason``),
and how headline-like a line is. Every rule is a general property of such lines, never a
particular site's wording.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from .captions import CREDIT_OPENERS, caption_like, is_captioned, is_credit_sentence
from .dates import parse_dateline
from .labels import label_end
from .lexicon import word_set
from .prompts import OPENERS, first_word, prompt_reason
from .sentences import split_sentences

TERMINAL = (".", "!", "?", "…")
CLOSERS = "”’\"'»)]}"


def terminal(text: str) -> bool:
    """Whether ``text`` ends as a sentence does (closing quotes and brackets aside)."""
    return text.rstrip(CLOSERS).endswith(TERMINAL)


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
_EDITED = r"(?:edited|condensed|abridged|shortened|trimmed)"
# Each alternative is written so that news does not match it: a report or an analysis is
# often what a story is about ("This report was published by the WFP and shows …"), a poll
# may "not necessarily reflect" all voters, lawsuits are about "copyright infringement",
# figures are "first published in" a newspaper; the page's own notes say so of themselves.
_DISCLAIMER_RE = re.compile(
    r"\bthis (?:piece|article|story|essay|post|commentary|column|op-?ed|"
    r"interview|content|newsletter|page)\b[^.]{0,60}?\b(?:is|was|has been|first|originally)"
    r"\b[^.]{0,30}?\b(?:part of|adapted|published|appeared|updated|produced|supported|funded|"
    r"made possible|written|sponsored|corrected)"
    r"|\b(?:views|opinions)\s+(?:expressed|represented|presented|stated|contained)\s+"
    r"(?:here|herein|in this|above|below|are (?:those|solely))"
    r"|\b(?:views|opinions|content|author|authors|article|post)\b[^.]{0,80}?"
    r"\bdo(?:es)?\s+not\s+necessarily\s+(?:reflect|represent)"
    r"|\bdoes not take (?:institutional|any) positions?\b"
    r"|\ball rights reserved\b"
    r"|^\W*(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4}|by\b|of\b|$))"
    r"|\bis not responsible for (?:the )?content"
    r"|\b(?:sign up|subscribe)\b[^.]{0,40}\b(?:newsletter|updates)\b"
    r"|\bclick here\b"
    r"|\bwe use cookies\b"
    r"|^\W*(?:originally|first)\s+(?:published|appeared)\s+(?:in|on|at|by)\b"
    r"|\breproduced with permission\b",
    re.IGNORECASE,
)
# How the text was edited or transcribed: "This interview has been edited and condensed for
# clarity.", "Answers were lightly edited.", "THIS IS A RUSH TRANSCRIPT.", "This transcript
# was typed from a recording.", "The following is a transcript of …". (A note of its own, not
# a disclaimer: it stands under an interview's introduction and frames no dek.)
_EDIT_NOTE_RE = re.compile(
    rf"\b(?:(?:has|have)\s+been|was|were)\s+(?:(?:lightly|slightly)\s+)?{_EDITED}"
    rf"(?:\s+and\s+{_EDITED})?\s+for\s+(?:length|clarity|brevity|space|style|readability)\b"
    r"|\b(?:(?:has|have)\s+been|was|were)\s+(?:lightly|slightly)\s+edited\b"
    rf"|^\W*(?:lightly\s+)?{_EDITED}(?:\s+and\s+{_EDITED})?\s+for\s+(?:length|clarity|brevity)"
    r"|^\W*(?:this\s+is|the\s+following\s+is)\s+an?\s+(?:[\w-]+\s+){0,2}transcript\b"
    r"|\bthis\s+(?:transcript|copy)\s+(?:may|might|was|has\s+been|is)\s+(?:not\s+)?(?:be\s+)?"
    r"(?:typed|produced|generated|prepared|transcribed|created|edited|in\s+its\s+final|updated|"
    r"automatically)\b",
    re.IGNORECASE,
)
# A paragraph longer than this is never dropped whole for a disclaimer in it: a note glued
# into a real paragraph is cut as a sentence (``sentence_reason``), the rest kept.
_DISCLAIMER_WORDS = 40
_DISCLAIMER_TRIGGERS = (
    "this piece",
    "this article",
    "this story",
    "this essay",
    "this post",
    "this commentary",
    "this column",
    "this op",
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
    "edited",
    "condensed",
    "abridged",
    "shortened",
    "trimmed",
    "transcript",
    "this copy",
)
# "By Jane Doe", "BY JANE DOE |", "Byline: Jane Doe" (a field some archives keep).
# "By Jane Roe", "BYLINE: Jane Roe", "Posted on March 3, 2025 by Jane Roe" (group 1: who)
# "Text by: Ana Roos", "Words by Ana Roos", "Written by …": a writer's credit line.
BYLINE_RE = re.compile(
    r"^(?:(?:[Bb][Yy]|BYLINE|Byline):?\s+|(?:Posted|Published|Written)(?:\s+on)?:?\s+"
    r"[^|•·]{3,40}?\s+by\s+|(?:Text|Words|Story|Written|Reported)\s+by:?\s+)"
    r"([A-Z][^|•·]{1,80}?)\s*(?:[|•·]|(?=\s(?:Updated|Published|Posted)\b)|$)"
)
_READ_MORE_RE = re.compile(
    r"^(?:(?:read|see|watch|listen)\s+(?:more|also|next|the full|our|this)\b|related\b|"
    r"more (?:from|on|stories)\b|recommended\b|you may also like|most (?:read|popular)\b|"
    r"trending\b|further reading\b|also read\b)",
    re.IGNORECASE,
)
_NAV_RE = re.compile(
    r"^(?:(?:scroll|back|skip|jump|go|return)\s+(?:back\s+)?(?:to\s+)?(?:the\s+)?"
    r"(?:top|content|main content|navigation|menu|home|homepage|article|comments|search)\b"
    # "Skip next section Navigation", "Skip advertisement", "Jump past this section"
    r"|(?:skip|jump)(?:\s+(?:to|past|over|next|this|the|main|previous))*\s+"
    r"(?:section|content|navigation|menu|links|ad|advert|advertisement)\b"
    r"|(?:share|tweet|email|print|save|follow)(?:\s+(?:this|on|via|to|with|us|article|story|"
    r"post|page|now|here|it))*(?:\s+(?:facebook|twitter|x|linkedin|whatsapp|email|telegram|"
    r"reddit|bluesky|threads|instagram))?\W*$"
    r"|(?:share|tweet|email|print|save|comment|comments|subscribe|sign in|sign up|log in|"
    r"login|log out|register|menu|search|home|next|previous|prev|close|more|load more|"
    r"show more|view all|see all|advertisement|sponsored content|sponsored|tags|topics|"
    r"filed under|listen)(?:\s+(?:this|on|via|to|article|story|post|page|now|here|us))*\W*$)",
    re.IGNORECASE,
)
# "Sponsored by Example Energy", "Presented by …", "Brought to you by …": the page's sponsor;
# "Curated by Ana Roos", "Produced by …": who put the page together, not who wrote it.
# (A name follows, with no comma: "Hosted by Oslo, Talks Resume" is a headline.)
_SPONSOR_RE = re.compile(
    r"^(?:sponsored|presented|powered|supported|underwritten|paid\s+for|brought\s+to\s+you)"
    r"\s+by:?\s+[A-Z][^,]*$",
    re.IGNORECASE,
)
_MAKER_RE = re.compile(
    r"^(?:curated|compiled|edited|produced|hosted|narrated|illustrated|designed|photographed|"
    r"filmed|animation|design|illustrations?|editing)\s+by:?\s+[A-Z][^,]*$",
    re.IGNORECASE,
)
# "Reporting from Kyiv": the line of a byline block that says where the writer is.
_REPORTING_FROM_RE = re.compile(r"^reporting\s+(?:from|in)\s+[A-Z][^,.;:]*$", re.IGNORECASE)
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
META_REASONS = frozenset({"dateline", "byline", "disclaimer", "caption", "credit", "label"})

# --- Classification --------------------------------------------------------------------------


def _has_symbol(text: str) -> bool:
    return any(unicodedata.category(ch) in ("So", "Sk", "Co") for ch in text if ord(ch) > 127)


_STAFF_CREDIT_RE = re.compile(
    # (a dash or an asterisk may lead: "— With files from The Canadian Press", "*Writing by")
    r"^[-—–*•\s]*(?:(?:additional\s+)?(?:reporting|writing|editing|research|translation|"
    r"graphics)\s+by\b|with\s+(?:files|reports|reporting|additional\s+reporting)\s+from\b"
    r"|contributing(?:\s+reporters?)?\s*:|contributors?\s*:)",
    re.IGNORECASE,
)


@lru_cache(maxsize=1024)
def is_credit(unit: str) -> bool:
    # Words are counted only once a pattern matches (or the line is unpunctuated): this is
    # asked of every paragraph, and most are prose that no pattern matches. Cached: the text
    # module asks it of a line twice (as the line after another, then as itself).
    if _STAFF_CREDIT_RE.match(unit) and len(unit.split()) <= 30:
        return True  # "Reporting by …; Editing by …"
    if _CREDIT_RE.match(unit) and len(unit.split()) <= 25:
        # "(Photos by Getty Images)", "Photo: Reuters", "Image credit: …"
        if unit.startswith(("(", "[")) or ":" in unit[:25]:
            return True
        # "Photograph by Anna Smith", not "Photographs by the agency show the damage."
        return " by " in unit[:30] and (not terminal(unit) or is_credit_sentence(unit))
    return not terminal(unit) and len(unit.split()) <= 8 and bool(_AGENCY_RE.search(unit))


# What only a picture is credited to: a photo agency, or "Name/Agency" ("Ann Lee/AFP").
_PHOTO_AGENCY_RE = re.compile(
    r"\b(?:getty|ap photo|epa|shutterstock|alamy|pool photo)\b|\w/\w", re.IGNORECASE
)
# "With AFP", "With Reuters": the wire agency a story was written with, under its headline.
_WITH_AGENCY_RE = re.compile(rf"(?i:with)\s+(?:{_AGENCY_RE.pattern})\W*$", re.IGNORECASE)
# "Ana Roos, Reuters", "Ana Roos with AFP", "Ana Roos and Associated Press", "Ana Roos, AFP
# Lisbon": a byline's writer and the agency she wrote with (group 1 the writer, group 2 the
# agency; its bureau after it is neither).
_WRITER_AND_AGENCY_RE = re.compile(
    rf"(.+?)(?:,\s*|\s+(?:with|and|for)\s+)((?:the\s+)?(?:{_AGENCY_RE.pattern}))"
    r"(?:\s+[A-Z][\w-]*){0,2}\W*$",
    re.IGNORECASE,
)


def agency_line(unit: str) -> bool:
    """A line that credits a wire agency and no picture ("Reuters", "Associated Press",
    "With AFP"): under a headline it is the story's byline."""
    return bool(_WITH_AGENCY_RE.match(unit)) or (
        is_credit(unit)
        and not _STAFF_CREDIT_RE.match(unit)
        and not _CREDIT_RE.match(unit)
        and not _PHOTO_AGENCY_RE.search(unit)
    )


def byline_parts(unit: str) -> tuple[str, str]:
    """(author, publisher) of a byline line ("By Ana Roos, Reuters": "Ana Roos", "Reuters";
    "By Reuters": "Reuters", ""; "With AFP" or a bare "AFP": "", "AFP")."""
    match = BYLINE_RE.match(unit)
    if match is None:
        found = _AGENCY_RE.search(unit)
        return "", found.group() if found else ""
    who = match.group(1).strip(" ,;")
    both = _WRITER_AND_AGENCY_RE.fullmatch(who)
    if both is None or _AGENCY_RE.match(both.group(1)):
        return who, ""
    return both.group(1).strip(" ,;"), both.group(2)


def byline_date(unit: str) -> tuple[dt.date, bool] | None:
    """The date a byline gives after the name ("By Ana Roos • March 3, 2025", "By Ana Roos
    Updated Mar 4, 2025, 8:00am EST"), as ``parse_dateline`` reads it."""
    match = BYLINE_RE.match(unit)
    rest = unit[match.end(1) :].lstrip(" |•·") if match else ""
    return parse_dateline(rest) if rest else None


# Words a credit may have in lower case between its names ("Ann Lee for Example", "AFP via
# Example Images", "courtesy of …").
_CREDIT_LINKS = word_set("for via of and by courtesy")


def _describes(text: str) -> bool:
    """Whether the text after "Photo:" describes the picture, as a caption does ("The quay
    at dawn.", "Rescuers search the rubble"), rather than naming whom it is credited to
    ("Reuters", "Ann Lee/dpa/example alliance"): several words in lower case."""
    lower = [
        w
        for w in text.split()
        if w[:1].islower() and "/" not in w and w.strip(".,") not in _CREDIT_LINKS
    ]
    return len(lower) >= 2


def _names_the_writer(unit: str) -> bool:
    return bool(BYLINE_RE.match(unit) or _WITH_AGENCY_RE.match(unit))


def credits_a_caption(credit: str, unit: str, in_front: bool = False) -> bool:
    """Whether ``credit``, the line after ``unit``, makes ``unit`` a photo's caption: a
    picture's credit does; a bare agency name ("Reuters", "Associated Press") only under a
    line that does not end as a sentence, since it ends wire copy as often, and not before
    the article has started (``in_front``), where it is the byline under the headline; a
    byline ("By Reuters") and the story's own credits ("Reporting by …; Editing by …")
    never: the line above is the headline or the story's last paragraph."""
    if not is_credit(credit) or _STAFF_CREDIT_RE.match(credit) or _names_the_writer(credit):
        return False
    if _CAPTION_PREFIX_RE.match(credit) and _describes(credit[credit.index(":") + 1 :]):
        return False  # "Photo: The quay at dawn." is a caption itself, not a credit
    if is_captioned(credit):
        return False  # "The quay at dawn. (Xinhua/Ann Lee)": a caption with its own credit
    if _CREDIT_RE.match(credit) or _PHOTO_AGENCY_RE.search(credit):
        return True
    return not terminal(unit) and not in_front


# A live blog's entry stamp ("Updated 9:42 p.m.", "Posted at 14:05 GMT"): a time alone says
# nothing to check, and the date lines the metadata reads are parsed as datelines first.
_TIMESTAMP_RE = re.compile(
    r"(?i)(?:last\s+)?(?:updated|posted|published)\b[:,]?\s*(?:at\s+)?"
    r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}\b\.?)?$"
)


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
    if _has_symbol(unit) or _PROMO_RE.search(unit) or _SPONSOR_RE.match(unit):
        return "promo"
    if _MAKER_RE.match(unit):
        return "credit"
    if _REPORTING_FROM_RE.match(unit):
        return "byline"
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
    # ("By Reuters", "By Ana Roos, AFP", "With AFP" name the story's agency: bylines.)
    if is_credit(unit) and not _names_the_writer(unit):
        return "credit"
    if n <= _DISCLAIMER_WORDS and maybe_disclaimer(unit):
        if _DISCLAIMER_RE.search(unit):
            return "disclaimer"
        if _EDIT_NOTE_RE.search(unit):
            return "editorial note"
    if parse_dateline(unit) is not None:
        return "dateline"
    if n <= 12 and BYLINE_RE.match(unit) and not terminal(unit.rstrip(".")):
        return "byline"
    if n <= 6 and _WITH_AGENCY_RE.match(unit):
        return "byline"
    if n <= 15 and _READ_MORE_RE.match(unit) and (unit.endswith(":") or not terminal(unit)):
        return "read-more"
    reason = prompt_reason(unit)
    if reason is not None:
        return reason
    if n <= 12 and unit.endswith(":") and label_end(unit) == len(unit):
        return "label"  # "Background:" on its own line; its text follows
    if n <= 8 and not terminal(unit):
        reason = _short_line_reason(unit, words)
        if reason:
            return reason
    if n <= 8 and _TIMESTAMP_RE.match(unit):
        return "timestamp"
    if _CAPTION_PREFIX_RE.match(unit) and n <= 40:
        return "caption"
    if n <= 60 and is_captioned(unit):
        return "caption"  # "… on Wednesday. (AP Photo/Ann Lee)": the caption and its credit
    # A caption-like line right above a photo credit is that photo's caption, unless a
    # structured label opens it ("Background: …"): captions are not written under such
    # labels. A paragraph of the article there is kept: the credit may stand above its
    # caption, or its caption may have been lost in extraction.
    if next_is_credit and label_end(unit) is None and caption_like(unit):
        return "caption"
    return None


_THIS_TRIGGERS = tuple(t for t in _DISCLAIMER_TRIGGERS if t.startswith("this "))
_OTHER_TRIGGERS = tuple(t for t in _DISCLAIMER_TRIGGERS if not t.startswith("this "))


# Cached: each paragraph is asked twice, by ``text`` (is the line boilerplate?) and by the
# pipeline (may its sentences be disclaimers?). (A few hundred recent paragraphs are kept.)
@lru_cache(maxsize=256)
def maybe_disclaimer(text: str) -> bool:
    """Cheap pre-check (substring tests run in C) before the disclaimer regex. The "this …"
    triggers are only tried when "this " occurs: half as many tests for most text. (``map``
    over the bound method: no Python frame per trigger, as a generator would make.) False
    for a text, it is False for every part of it (casefolding is character by character)."""
    lowered = text.casefold()
    if "this " in lowered and any(map(lowered.__contains__, _THIS_TRIGGERS)):
        return True
    return any(map(lowered.__contains__, _OTHER_TRIGGERS))


# The first words of sentences that may be furniture ("Photo: …", "Watch …", "Read more …");
# any other sentence is only asked whether it is a disclaimer.
_SENTENCE_OPENERS = (
    CREDIT_OPENERS
    | OPENERS
    | word_set("read see watch listen related more recommended you most trending further also")
    | word_set("reporting additional writing editing contributing contributors")
)


def sentence_reason(sentence: str, may_disclaim: bool = True) -> str | None:
    """Why a sentence inside a paragraph is site furniture, or None: "boilerplate" ("Read
    more: …", "The views expressed here …"), a credit or caption glued into the paragraph
    ("Photo: Reuters", "File photo."), or a prompt (``prompts``). ``may_disclaim``: False
    when ``maybe_disclaimer`` is False for the paragraph around it (one test per paragraph
    instead of one per sentence)."""
    if len(sentence) > 400:
        return None
    word = first_word(sentence)
    if word in _SENTENCE_OPENERS:
        # (Stricter than ``is_credit``, which judges whole lines: a sentence may end without
        # a period and name an agency, "Putin told Reuters".)
        if is_credit_sentence(sentence) or (
            _STAFF_CREDIT_RE.match(sentence) and len(sentence.split()) <= 30
        ):
            return "credit"
        reason = prompt_reason(sentence, word)
        if reason is not None:
            return reason
        if _READ_MORE_RE.match(sentence) and len(sentence.split()) <= 40:
            return "boilerplate"
    if may_disclaim and maybe_disclaimer(sentence) and len(sentence.split()) <= _DISCLAIMER_WORDS:
        found = _DISCLAIMER_RE.search(sentence) or _EDIT_NOTE_RE.search(sentence)
        return "boilerplate" if found else None
    return None


LEDE_WORDS = 8  # a sentence this long is an article's, not a headline's


def reads_as_lede(unit: str) -> bool:
    """Several words ending with a full stop: the article's, not a headline's (which may
    end in "?" or "!")."""
    return unit.rstrip(CLOSERS).endswith(".") and len(unit.split()) >= LEDE_WORDS


def is_prose(unit: str) -> bool:
    n = len(unit.split())
    return n >= 30 or (n >= 15 and terminal(unit))


def headline_like(unit: str) -> bool:
    """Short, starting with a capital, not ending like a sentence (a "?" or "!" may end a
    headline)."""
    if len(unit) > 140:
        return False  # (before counting words: most paragraphs are longer)
    if not 1 <= len(unit.split()) <= 14:
        return False
    stripped = unit.rstrip(CLOSERS)
    if stripped.endswith((".", ",", ";", "…", "-")):
        return False
    first = unit.lstrip("“‘\"'(«[")[:1]
    return (first.isupper() or first.isdigit()) and not _opens_with_a_sentence(unit)


_INNER_END_RE = re.compile(r"[.?!][\"”’']?\s")
_QUOTES_OUT = str.maketrans({mark: " " for mark in '"“”‘’«»'})
_SENTENCE_WORDS = 5  # a first sentence this long is prose ("Trump wins. Now what?" is not)


def _opens_with_a_sentence(unit: str) -> bool:
    """A short paragraph that opens with a statement in sentence case, quoted or not, and
    ends in "?", "!" or a list's ":" ("Prices rose 3% in May. Is that good news?", 'Ames was
    blunt: "We lost. Simple as that!"', "The act bans three uses. These include:"): prose,
    no headline. (A question first, "Do you back Ames?
    Like the page:", is promotion; "Senate Confirms A Judge. Is It The Last?" a headline.)"""
    if not unit.rstrip(CLOSERS).endswith(("?", "!", ":")) or _INNER_END_RE.search(unit) is None:
        return False  # ("The week is not a fantasy. The evidence says so": a headline)
    plain = unit.translate(_QUOTES_OUT)  # (same length: a quotation's sentences count too)
    spans = split_sentences(plain)
    if len(spans) < 2:
        return False
    words = plain[spans[0][0] : spans[0][1]].split()
    return (
        len(words) >= _SENTENCE_WORDS
        and words[-1].endswith(".")
        and not all(w[:1].isupper() for w in words if len(w) > 3)
    )
