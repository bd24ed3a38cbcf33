"""Structured labels: the short names news copy puts before a part of the article —
``Details:``, ``Background:``, ``Context:``, ``UPDATE:``, ``Editor's note:``, ``Why it
matters:``, ``Quote from Jane Roe:``. A label says what kind of text follows; it is not a
claim, while the text after it (on the same line or the next) is.

A label is told from a sentence that happens to contain a colon ("Officials said: …", "The
message was clear: …") by its words: one of the newsroom's names for a part of a story,
optionally numbered or timed ("UPDATE 2:", "Update (5 p.m.):", "UPDATE, 5:40 p.m.:"), or a
quotation's source ("Quote from X:", "Quoting X:"; before a quotation that names a person
only "Quote from" is cut, so "X: “…”" keeps its speaker). Speaker labels of transcripts are
``transcripts``' business; "Read more:" and "Watch:" lines, whose text is a link and not the
article's, are dropped as a whole by ``boilerplate`` and ``prompts``.
"""

from __future__ import annotations

import re

from .lexicon import word_set

__all__ = ["is_label_phrase", "label_end"]

# Names for parts of a story, lower case; several words where the label is a phrase.
_LABELS = word_set(
    """details detail background context update updates note notes correction corrections
    clarification summary recap highlights previously reminder recall analysis explainer
    exclusive breaking developing latest factbox fact-box flashback timeline disclaimer
    background-briefing"""
) | frozenset(
    {
        "please note",
        "editor's note",
        "editors' note",
        "editor's notes",
        "breaking news",
        "key points",
        "key facts",
        "fact box",
        "fast facts",
        "quick facts",
        "in brief",
        "at a glance",
        "for reference",
        "for context",
        "why it matters",
        "what it means",
        "what's next",
        "what happens next",
        "what we know",
        "what happened",
        "what they're saying",
        "the big picture",
        "big picture",
        "the bottom line",
        "bottom line",
        "between the lines",
        "by the numbers",
        "the backstory",
        "go deeper",
        "zoom in",
        "zoom out",
        "state of play",
        "driving the news",
        "catch up",
        "fact check",
        "reality check",
        "the details",
        "the context",
        "the background",
        "more details",
        "further details",
        "additional details",
        "important",
    }
)
# "Quote from X", "Quotes from X", "Quoting X", "Quote", "Direct speech".
_QUOTE_LABEL_RE = re.compile(r"(?:quotes?(?:\s+from\s+.+)?|quoting\s+.+|direct speech)")
# The label's words before a quotation's source when it is a name or a title ("Quote from
# President Jane Roe"; not "Quote from the ministry", which reads as no speaker alone).
_QUOTE_SOURCE_RE = re.compile(r"(?i:quotes?\s+from|quoting)(?=\s+[A-Z])")
_QUOTE_MARKS = frozenset("“\"‘'«")
# A label, optionally numbered or timed in brackets, then a colon and the text (or nothing).
_LABEL_AT_RE = re.compile(
    r"(?P<phrase>[A-Z][\w'’\- ]{0,60}?)"
    r"(?:\s?(?:\d{1,2}|\([^()]{1,30}\))|,\s[\w.:/ ]{1,25}?)?\s?:(?=\s|$)"
)


def is_label_phrase(phrase: str) -> bool:
    """Whether ``phrase`` (without its colon) is one of the names for a part of a story."""
    key = " ".join(phrase.casefold().replace("’", "'").split())
    if key in _LABELS:
        return True
    return key.startswith(("quot", "direct")) and bool(_QUOTE_LABEL_RE.fullmatch(key))


def label_end(text: str, start: int = 0, end: int | None = None) -> int | None:
    """If a label opens ``text[start:end]``, where it ends (just after its colon)."""
    end = len(text) if end is None else end
    if not text[start : start + 1].isupper() or ":" not in text[start : start + 70]:
        return None
    match = _LABEL_AT_RE.match(text, start, end)
    if match is None or not is_label_phrase(match["phrase"]):
        return None
    after = text[match.end() : match.end() + 2].lstrip()[:1]
    # The text after a label starts a sentence: "Background: it …" is a sentence's start.
    if after and not (after.isupper() or after.isdigit() or after in "“\"‘'«(["):
        return None
    if after and after in _QUOTE_MARKS:
        named = _QUOTE_SOURCE_RE.match(text, start, match.end("phrase"))
        if named is not None:
            # "Quote from Jane Roe: “…”": only "Quote from" is the label. Left in front of
            # the quotation, "Jane Roe: “…”" names its speaker, as "Jane Roe said: “…”" would.
            return named.end()
    return match.end()
