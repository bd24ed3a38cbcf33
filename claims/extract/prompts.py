"""Lines that address the reader rather than report: video and audio prompts ("Watch: …",
"Listen to this article"), social-share text ("Share this article", "Follow us on …"), tag
lists ("Tags: …") and picture captions ("File photo.", "Pictured: …").

``prompt_reason`` says which, for a whole line of the source or for one sentence of a
paragraph it was glued into. The rules key on how such lines open (an imperative to watch,
listen, share or follow, naming a medium or a channel; a "Tags:" field), not on any site's
wording. A line is only asked when its first word could open one, so prose costs a set
lookup.
"""

from __future__ import annotations

import re

from .lexicon import word_set

__all__ = ["OPENERS", "first_word", "prompt_reason"]

OPENERS = word_set(
    """watch listen video videos audio podcast gallery photos live in share tweet email print
    follow join like find subscribe tags tag topics topic keywords categories category filed
    file archive stock representational representative caption pictured"""
)
_MEDIA_RE = re.compile(
    # "Watch: …", "WATCH | …", "Video: …", "In pictures: …" (not "LIVE: …", a live blog's title)
    r"(?:(?:watch|listen)(?:\s+(?:live|now|again|more|here))?|videos?|audio|podcast|gallery|"
    r"photos|in (?:pictures|photos|video))\s*[:|]"
    # "Watch the video below", "Listen to this article", "Watch live: …"
    r"|(?:watch|listen(?:\s+to)?)\s+(?:the|our|this|a|more|now|live|again|here|below|full)\b"
    r".{0,80}?\b(?:video|clip|interview|podcast|episode|audio|broadcast|stream|report|speech|"
    r"article|story|here|below|above|live|now|briefing|conference)\b",
    re.IGNORECASE,
)
_SOCIAL_WORDS = (
    r"(?:facebook|twitter|x|instagram|telegram|whatsapp|youtube|tiktok|linkedin|threads|"
    r"bluesky|mastodon|viber|google news|social media|social networks?)"
)
_SHARE_RE = re.compile(
    r"(?:share|tweet|email|print)\s+(?:this|the)\s+(?:article|story|post|page|video|report)\b"
    rf"|(?:follow|join|like|find|subscribe\s+to)\s+(?:us|our\b[^.]{{0,40}}?)"
    rf"(?:\s+(?:on|in|at|via)\s+{_SOCIAL_WORDS}|\s+{_SOCIAL_WORDS}?\s*(?:channel|page|group))\b",
    re.IGNORECASE,
)
_TAGS_RE = re.compile(
    r"(?:tags?|topics?|keywords|categories|category|filed under|related topics)\s*:",
    re.IGNORECASE,
)
_CAPTION_RE = re.compile(
    r"(?:(?:file|archive|stock|representational|representative)\s+"
    r"(?:photo(?:graph)?|image|picture)s?\b.{0,80}"
    r"|(?:caption|pictured)\s*:.*)",
    re.IGNORECASE | re.DOTALL,
)
# A second sentence after the prompt ("Share this. The ministry said …") is the article's.
_SECOND_SENTENCE_RE = re.compile(r"[a-z]{3}[.!?]\s+[A-Z“\"‘']")
_MAX_WORDS = 40  # prompts and captions are short; a long paragraph is the article


def first_word(text: str) -> str:
    """The first word of ``text``, lower case, without brackets and punctuation around it."""
    head = text[:20].lstrip("([“\"‘' ").split(maxsplit=1)
    return head[0].casefold().strip(":|.,!)]") if head else ""


def prompt_reason(text: str, word: str | None = None) -> str | None:
    """ "media prompt", "share", "tags" or "caption" for a line or sentence of that kind.
    ``word``: its ``first_word``, when the caller has it."""
    if (first_word(text) if word is None else word) not in OPENERS:
        return None
    if len(text) > 400 or len(text.split()) > _MAX_WORDS:
        return None
    if _TAGS_RE.match(text):
        return "tags"
    if _SECOND_SENTENCE_RE.search(text):
        return None
    if _MEDIA_RE.match(text):
        return "media prompt"
    if _SHARE_RE.match(text):
        return "share"
    if _CAPTION_RE.fullmatch(text) and len(text.split()) <= 25:
        return "caption"
    return None
