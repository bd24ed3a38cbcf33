"""Photo captions and credits glued into a paragraph, and the agency credit ending one.

Scraped text often runs a picture's credit into the paragraph around it ("… on Tuesday.
(Photo by Jane Roe/Example Images) She said …") and ends wire copy with the agency's name
("… the ministry said. ANI", "… on Friday. (AP)", "… in June. — Reuters", "(With inputs
from agencies)"). Neither is part of a claim. ``inline_credits`` finds them, as spans to cut
out of the paragraph before it is split into sentences; whole lines of the kind are dropped
earlier by ``boilerplate``, and credit or caption sentences ("Photo: Reuters", "File photo.")
by ``prompts``. Other furniture glued after a paragraph's last sentence ("… police said.
Advertisement", "… said. Watch: …", "… said. Image source, Example Images") is cut the same
way (``trailing_furniture``), so that the paragraph still reads as prose, not as a heading.
"""

from __future__ import annotations

import re

from .lexicon import word_set
from .prompts import OPENERS, first_word, prompt_reason
from .sentences import split_sentences

__all__ = [
    "CREDIT_OPENERS",
    "caption_like",
    "ends_with_credit",
    "inline_credits",
    "is_captioned",
    "is_credit_sentence",
    "trailing_furniture",
]

# "(Photo by X/Y)", "(Photo: Reuters)", "[Image credit: …]", "(File photo)", "(Representational
# image)", "(Video grab via …)": a bracketed note about a picture, anywhere in a paragraph. (Only
# these forms: "(footage from 2019)" is part of a sentence, not a credit.)
_PICTURE = (
    r"(?:(?:file|archive|stock|representational|representative|illustrative|main|top|lead)\s+)?"
    r"(?:photo(?:graph)?s?|images?|pictures?|pics?|illustrations?|video(?:\s+grab)?|"
    r"screen\s?(?:shot|grab)s?|graphics?|footage)"
)
_BRACKETED_CREDIT_RE = re.compile(
    rf"[(\[]\s*(?:{_PICTURE}(?:\s*(?:credit|courtesy))?(?:\s*(?::|by\b|courtesy\b|via\b)"
    rf"[^()\[\]]{{0,120}})?|(?:credit|courtesy)\s*(?::|of)[^()\[\]]{{1,120}})[)\]]",
    re.IGNORECASE,
)
# A sentence that is a credit: a picture word, a colon or "by", then only names ("Photo:
# Reuters", "Image by Jane Roe/Example Images", "Photo credit: AFP via Example") — not a
# sentence about pictures ("Photographs by the agency show the damage.").
_NAMES = r"[A-Z][\w.'’&\-]*(?:(?:\s?[/,&|]\s?|\s(?:for|via|of|and)\s|\s)[A-Z][\w.'’&\-]*)*"
CREDIT_OPENERS = word_set(
    """photo photos photograph photographs image images picture pictures pic pics illustration
    illustrations video screenshot screengrab screen graphic graphics footage credit credits
    file archive stock representational representative illustrative main top lead"""
)
_CREDIT_SENTENCE_RE = re.compile(  # (the names are case-sensitive, the rest is not)
    rf"[(\[]?\s*(?i:(?:{_PICTURE}\s*(?:credits?|courtesy)?|credits?)\s*(?::|by|courtesy of))"
    rf"\s*{_NAMES}\s*[)\]]?\.?"
)
# A paragraph's trailing credit, after its last sentence: an agency in brackets or slashes,
# after a dash, or alone in capitals ("ANI", "IANS"), or "(With inputs from …)".
_CAPITAL_WORDS = r"[A-Z][\w&.’'\-]*(?:\s[A-Z][\w&.’'\-]*){0,2}"  # "AP", "Example Wire"
_WITH_INPUTS = (
    r"[Ww]ith (?:inputs|reporting|agency inputs|additional reporting) from [^()\[\].]{1,60}"
)
# A photo credit in the agency's own form: "REUTERS/Jane Roe", "AP Photo/Jane Roe",
# "EPA-EFE/JANE ROE", "AFP/Example Images"; or a picture agency's name ("Example Images").
_PHOTO_CREDIT = (
    r"(?:[A-Z]{2,}(?:[\s\-][A-Z]{2,})?|[A-Z][A-Za-z]+\sPhoto)\s?/\s?"
    r"[A-Z][\w.'’\-]*(?:\s[A-Z][\w.'’\-]*){0,3}"
    r"|(?:[A-Z][\w&.'’\-]*\s?/\s?)?[A-Z][\w&.'’\-]*(?:\s[A-Z][\w&.'’\-]*){0,2}\s"
    r"(?:Images|Photos|Pictures|Photography|Imagery)"
)
_PHOTO_CREDIT_ENDINGS = ("Images", "Photos", "Pictures", "Photography", "Imagery")
# How only a picture is credited at the end of its caption: the photographer and agency
# joined by a slash ("(AP Photo/Ann Lee)", "REUTERS/Ann Lee", "| Ann Lee/EXAMPLE"), or
# after a bar.
_CAPTION_CREDIT_RE = re.compile(
    r"(?:[(\[]\s*(?:[A-Z][\w&.'’\-]*\s){0,2}Photo\s?/[^()\[\]]{2,60}[)\]]"
    r"|\s\|\s[A-Z][\w.'’\-]*(?:\s[A-Z][\w.'’\-]*){0,3}\s?/\s?[A-Z][\w&.'’\-]*"
    r"(?:\s[A-Z][\w&.'’\-]*){0,2})\.?\s*$"
)
_TRAILING_CREDIT_RE = re.compile(
    r"(?:"
    rf"(?<=[.!?”\"’')\]])\s+(?:[(\[/](?:{_CAPITAL_WORDS}|{_WITH_INPUTS})[)\]/]|{_WITH_INPUTS})\.?"
    rf"|(?<=[.!?”\"’')\]])\s+(?:[(\[](?:{_PHOTO_CREDIT})[)\]]|(?:{_PHOTO_CREDIT}))\.?"
    # Not after a closing quote: "“…” — Jane Roe" names who said the quotation.
    rf"|(?<=[.!?)\]])\s+[-–—―]{{1,2}}\s?{_CAPITAL_WORDS}\.?"
    # A bare agency, after a word's period ("said. ANI", not "10 p.m. EST").
    r"|(?<=[a-z0-9]{2}[.!?])\s+[A-Z]{2,6}"
    r")\s*$"
)


def inline_credits(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Credits and captions inside ``text[start:end]`` (one paragraph): (start, end, reason)
    in order, offsets into ``text``."""
    spans: list[tuple[int, int, str]] = []
    if text.find("(", start, end) >= 0 or text.find("[", start, end) >= 0:
        for match in _BRACKETED_CREDIT_RE.finditer(text, start, end):
            spans.append((match.start(), match.end(), "credit"))
    tail = _trailing_credit(text, start, end)
    if tail is None and not _ends_as_prose(text, start, end):
        # (A prompt that ends with a period, "Follow us on X.", is cut as a sentence.)
        tail = trailing_furniture(text, start, end)
    if tail is not None and (not spans or spans[-1][1] <= tail[0]):
        spans.append(tail)
    return spans


def is_credit_sentence(sentence: str) -> bool:
    """Whether one sentence of a paragraph is a picture credit glued into it."""
    head = sentence[:20].lstrip("([ ").split(maxsplit=1)
    if not head or head[0].casefold().rstrip(":") not in CREDIT_OPENERS:
        return False
    return len(sentence) < 200 and bool(_CREDIT_SENTENCE_RE.fullmatch(sentence))


def ends_with_credit(text: str) -> bool:
    """Whether a sentence ends ``text`` and a credit or other furniture follows it ("… on
    Monday. ANI", "… said. Photo: Reuters", "… said. Advertisement"): such a line ends as
    prose does, not as a headline."""
    if _trailing_credit(text, 0, len(text)) is not None:
        return True
    cut = max(text.rfind(". "), text.rfind("? "), text.rfind("! "), text.rfind("” "))
    if cut <= 0:
        return False
    tail = text[cut + 2 :]
    if is_credit_sentence(tail) or _BRACKETED_CREDIT_RE.fullmatch(tail):
        return True
    return trailing_furniture(text, 0, len(text)) is not None


def _ends_as_prose(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends with a sentence's punctuation (closers aside)."""
    stop = end
    while stop > start and text[stop - 1] in " ”’\"')]":
        stop -= 1
    return stop > start and text[stop - 1] in ".!?…"


# Where a sentence ends and another piece of text starts: after a word's period (not an
# initial's, "J. Roe", nor "U.S."'s), "!" or "?", and any closing quotes or brackets.
_SENTENCE_END_RE = re.compile(r"(?:(?<=[a-z0-9%]{2})\.|[!?])[”\"’')\]]*\s+(?=\S)")
_MAX_FURNITURE = 160  # characters: prompts and credits glued on are short


def trailing_furniture(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """A prompt, caption or credit glued after the last sentence of ``text[start:end]`` (one
    paragraph): (start, end, reason), or None. Only text after a sentence's end is asked, so
    a headline that opens like a prompt ("Watch …") is left alone."""
    window = max(start, end - _MAX_FURNITURE)
    stop = end
    while stop > window and text[stop - 1].isspace():
        stop -= 1
    for match in _SENTENCE_END_RE.finditer(text, window, stop):
        tail = text[match.end() : stop]
        reason = _furniture_reason(tail)
        if reason is not None:
            return match.end(), stop, reason
    return None


def _furniture_reason(tail: str) -> str | None:
    # Only the kinds that may lack a final period (which would make a short paragraph look
    # like a heading); a glued end-matter sentence is the sentence rules' (``cuts``). Most
    # tails are the article's last sentence, so the first word is looked up first.
    word = first_word(tail)
    if (word in CREDIT_OPENERS or tail[:1] in "([") and (
        is_credit_sentence(tail) or _BRACKETED_CREDIT_RE.fullmatch(tail)
    ):
        return "credit"
    return prompt_reason(tail, word, end_matter=False) if word in OPENERS else None


_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _has_dash(text: str) -> bool:
    return any(map(text.__contains__, "-–—―"))


def is_captioned(line: str) -> bool:
    """Whether ``line`` is a picture's caption by how its credit is written: with the
    picture's own credit at its end ("… on Wednesday. (AP Photo/Ann Lee)", "… at the
    Capitol. | Ann Lee/EXAMPLE"), as a gallery's ("Item 1 of 3 …", "[2/3] …"), or with a
    credit after a caption-like line (``_credit_after_caption``)."""
    tail = line[-80:]
    if ((tail[-1:] in ")]" and "Photo" in tail) or " | " in tail) and _CAPTION_CREDIT_RE.search(
        line, max(0, len(line) - 80)
    ):
        return True
    if line[:1] in "I[(" and _GALLERY_RE.match(line):
        return True
    return _credit_after_caption(line, tail)


# A gallery's picture number opening its caption: "Item 1 of 3 …" (Reuters), "[2/3] …".
_GALLERY_RE = re.compile(r"(?:Item\s\d{1,3}\sof\s\d{1,3}|[\[(]\d{1,3}\s?/\s?\d{1,3}[\])])\s+\S")
# A photographer and agency in brackets, no picture word ("[Ann Lee/Example]", "(Example
# Wire/Ann Lee)"); one side is a person's name of two or more words, so a poll's two
# sources ("(Example/Pollster)") are not taken for one.
_NAME_WORDS = r"[A-Z][\w.'’\-]*(?:\s[A-Z][\w.'’\-]*){0,3}"
_BRACKETED_NAMES_RE = re.compile(rf"\s[(\[]({_NAME_WORDS})\s?/\s?({_NAME_WORDS})[)\]]\.?$")
_INLINE_CAPTION_WORDS = 20  # (a credit on the line says it is a caption: a longer one)


def _credit_after_caption(line: str, tail: str) -> bool:
    """A caption-like line (``caption_like``) and its picture's credit after it: in
    brackets ("… on May 6 [Ann Lee/Example]"), after a bar ("… | Photo Credit: ANN LEE") or
    as a sentence of its own ("… at dawn. Photograph: Ann Lee/Example"). A paragraph of the
    article with a credit glued on is no caption (its credit is cut, its text kept)."""
    head = None
    if tail[-1:] in ")]." and "/" in tail:
        found = _BRACKETED_NAMES_RE.search(line, max(0, len(line) - 80))
        if found is not None and " " in found.group(1) + found.group(2):
            head = line[: found.start()]
    if head is None and ":" in tail:
        cut = max(line.rfind(" | "), max(line.rfind(". "), line.rfind("! ")) + 1)
        credit = line[cut:].lstrip(" |")
        # (A credit in brackets after a sentence is cut from it: "… on Monday. (Photo: …)")
        if cut > 0 and credit[:1] not in "([" and is_credit_sentence(credit):
            head = line[:cut].rstrip(" |")
    return head is not None and caption_like(head, _INLINE_CAPTION_WORDS)


def _trailing_credit(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    # Only the paragraph's last 80 characters can hold it; the regex is anchored at its end.
    window = max(start, end - 80)
    last = end - 1
    while last > window and text[last] in " .":
        last -= 1
    # Most paragraphs end with a lower-case word or a closing quote: no credit there.
    if text[last] not in ")]/":
        word_start = text.rfind(" ", window, last) + 1
        with_inputs = text.find("ith ", window, end) >= 0
        if not text[word_start].isupper() and not with_inputs:
            return None
        # Then it is an agency in capitals ("… said. ANI") or after a dash ("— Reuters").
        piece = text[window:end].rstrip()
        if not (
            with_inputs
            or piece[-1:] in _CAPITALS
            or _has_dash(piece)
            or "/" in piece
            or piece.endswith(_PHOTO_CREDIT_ENDINGS)
        ):
            return None
    match = _TRAILING_CREDIT_RE.search(text, window, end)
    if match is None:
        return None
    cut_start = match.start() + (len(match.group()) - len(match.group().lstrip()))
    return cut_start, match.start() + len(match.group().rstrip()), "credit"


# How long a caption that ends with a full stop may be: "Rescuers search the rubble in
# Bogo City." A longer sentence is the article's, as is any that reports speech, quotes,
# asks or runs to a second sentence (a caption describes the picture in one).
_CAPTION_SENTENCE_WORDS = 12
_CAPTION_LINE_WORDS = 40  # a caption written without a full stop ("Ann Lee at the quay")
_REPORTING = word_set("said says told tells according added adds announced reported stated")
_QUOTE_MARKS = frozenset('“”"«»')


# Tenses and modals news narrates in, and captions (present tense: "Rescuers search …",
# "Smoke is seen …") do not.
_NARRATING = word_set("was were had has have will would could should did")


def caption_like(line: str, sentence_words: int = _CAPTION_SENTENCE_WORDS) -> bool:
    """Whether ``line`` may be a picture's caption: short, one sentence that neither reports
    nor quotes nor asks, or a line that does not end as a sentence at all. (Asked of the line
    above a picture's credit, or before a credit on the same line: a paragraph of the
    article there is kept, since dropping it would lose the article's text.)"""
    words = line.split()
    if len(words) > _CAPTION_LINE_WORDS:
        return False
    if not _ends_as_prose(line, 0, len(line)):
        return True
    if len(words) > sentence_words or line.rstrip(" ”’\"')]").endswith(("?", "!", "…")):
        return False
    if any(ch in _QUOTE_MARKS for ch in line):
        return False
    if any(w.casefold().strip(".,;:") in _REPORTING for w in words):
        return False
    if any(w.casefold() in _NARRATING for w in words):
        return False  # "The stock had tripled since 2022.": a caption is in the present
    return len(split_sentences(line)) == 1
