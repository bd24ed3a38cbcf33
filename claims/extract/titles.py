"""Which line of the source is the article's title, and how we know (``TitleSource``).

The top of a scraped page often holds headlines that are not this article's: a promo, a
"related story" link, a ticker. The title is told from them by where it stands, in order of
trust:

1. ``hint``: the caller named it (a CLI flag, HTML or JSON metadata);
2. ``header``: a ``Title:`` (or ``Headline:``) line of a header block at the top;
3. ``repeated``: a headline-like line that appears again further down (over the lead image,
   as a page heading, at the foot) — a promo does not repeat;
4. ``byline``: the headline just before the byline or dateline, which is where a title
   stands and a promo does not (a headline-style dek between them is passed over, and so
   is a sentence-case dek under a sentence-case headline);
5. ``first_line``: otherwise the most headline-like line before the article starts;
6. ``fallback`` (set by ``text``): no such line, so the first sentence stands in.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import islice
from typing import NamedTuple

from .boilerplate import CLOSERS, LEDE_WORDS, headline_like, is_prose, reads_as_lede, terminal
from .datelines import find_dateline
from .lexicon import FUNCTION_WORDS, word_set
from .transcript_labels import label_at
from .types import TitleSource

__all__ = [
    "TitleChoice",
    "find_title",
    "header_title",
    "line_key",
    "opens_article",
    "single_spaced",
    "title_score",
]

_HEADER_RE = re.compile(r"(?:title|headline)\s*:\s*(\S.{0,300})", re.IGNORECASE)
# A sentence ending inside a line ("… a Big Blow. Here’s His Plan"): a word of three or more
# lower-case letters, then the end, then a capital (so "U.S. Court" and "Mr. Smith" do not).
_INNER_SENTENCE_END_RE = re.compile(r"[a-z]{3}[.!?]\s+[A-Z“\"‘']")
_SAMPLE_CHARS = 3_000
_CAPITALISED_RE = re.compile(r"(?<![\w'’])[A-Z][a-z]+(?![\w'’])")
# What stands between a title and its article: the byline and the date or place lines.
_ANCHOR_REASONS = frozenset({"byline", "dateline"})
_STAMP_RE = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")
# A desk or office line over a byline is a name, a few words long, that names an office
# (a promo headline of the same length names no office).
_DESK_WORDS = 5
_SHORT_WORDS = 3  # a line this short under a longer headline is furniture, not the title
_DESK_NOUNS = word_set(
    "office desk bureau newsroom ministry department embassy mission secretariat "
    "spokesperson spokesman spokeswoman communications staff press"
)

# The last word of a publication's or a section's name: a masthead ("Example Broadcasting
# Corporation", "DER EXAMPLE International") or a section label ("Australia news") stands
# over the headline and repeats at the foot of the page, and is never the headline itself.
_MASTHEAD_WORDS = word_set(
    "news times post journal press herald tribune gazette daily weekly magazine media network "
    "television tv radio broadcasting corporation international online wire"
)
_MASTHEAD_MAX_WORDS = 4
_DEK_MIN_WORDS, _DEK_MAX_WORDS = 15, 60
_LONG_HEADLINE_WORDS = 25
_LONG_HEADLINE_CHARS = 220
# A headline's last word may be an abbreviation with its period: "U.S.", "D.C.", "Jr.".
_ABBREVIATION_END_RE = re.compile(r"(?<![\w.])(?:(?:[A-Z]\.){2,}|(?:Jr|Sr|Inc|Co|Corp|Ltd)\.)$")


class TitleChoice(NamedTuple):
    index: int | None  # the unit that is the title; None when no line of the source is
    source: TitleSource


def header_title(units: Sequence[str], front_end: int) -> tuple[int, str] | None:
    """A ``Title: …`` line before the article starts: its index and the title it gives."""
    for i in range(min(front_end, len(units))):
        match = _HEADER_RE.fullmatch(units[i])
        if match is not None:
            return i, match.group(1).strip()
    return None


def find_title(
    units: Sequence[str],
    keys: Sequence[str],
    counts: Counter[str],
    reasons: Sequence[str | None],
    front_end: int,
    given: tuple[str, TitleSource] | None = None,
) -> TitleChoice:
    """The title among ``units[:front_end]`` (the lines before the article's first prose
    paragraph; ``reasons`` say which are boilerplate) and its source. ``given``: a title
    from a hint or a header line, and which; the line that repeats it is the title's line,
    and without one the title's place is still found, for the body to start there."""
    if given is not None:
        wanted = line_key(given[0])
        for i, key in enumerate(keys):
            if key == wanted and reasons[i] is None:
                return TitleChoice(i, given[1])
    end = min(front_end, len(units))
    if given is not None:
        # Only the title's place is sought: it stands before the article's first sentence,
        # so a line after a short lede (a subheading, a credited quotation) is not it, and
        # the lede is not cut off as if it were a promo above the title.
        end = min(end, _first_sentence(units, reasons, end))
    candidates = [i for i in range(end) if _candidate(units, keys, counts, reasons, i)]
    headlines = [i for i in candidates if not _masthead(units[i])]
    if headlines:
        candidates = headlines
    first = _title_case_sentence(units, reasons)
    if first is None:
        first = _long_or_abbreviated_headline(units, reasons)
    if first is not None and first not in candidates and (given is None or first < end):
        candidates.insert(0, first)
    chosen = _choose(units, keys, counts, reasons, candidates)
    return chosen if given is None else TitleChoice(chosen.index, given[1])


def _first_sentence(units: Sequence[str], reasons: Sequence[str | None], end: int) -> int:
    """The first unit before ``end`` that reads as a sentence of the article (several words,
    ending as a sentence does), or ``end``."""
    return next((i for i in range(end) if _sentence_at(units, reasons, i)), end)


def _title_case_sentence(units: Sequence[str], reasons: Sequence[str | None]) -> int | None:
    """A headline written with a period ("Council Approves the Harbour Wall."): the first
    line, one short sentence in Title Case, with the article below it. Prose is not written
    in Title Case, so a lede never passes for one."""
    first = next((i for i, reason in enumerate(reasons) if reason is None), None)
    if first is None or first + 1 >= len(units):
        return None
    unit = units[first]
    if not 3 <= len(unit.split()) <= 25 or _title_case_ratio(unit) <= 0.6:
        return None
    if _INNER_SENTENCE_END_RE.search(unit) or not any(r is None for r in reasons[first + 1 :]):
        return None
    # Title Case capitalises common words ("Voters Abandon the Party"); a lede full of names
    # ("Example Holdings Bought Tower on Monday") does not count: the words must be ones the
    # article writes in lower case.
    # (The article's first few thousand characters say enough, and keep this cheap.)
    following = " ".join(units[first + 1 : first + 40])[:_SAMPLE_CHARS]
    for word in _CAPITALISED_RE.findall(unit)[1:]:
        lowered = word.lower()
        if lowered in FUNCTION_WORDS or _written_alone(lowered, following):
            return first
    return None


def _long_or_abbreviated_headline(
    units: Sequence[str], reasons: Sequence[str | None]
) -> int | None:
    """The first line (a masthead aside) written as a headline that ``headline_like``
    turns down, with the article right below it: longer than 14 words (feature headlines
    run to 20 and more) or ending in an abbreviation's period ("… reach U.S."). Only the
    first line, and only over a paragraph that opens the article: elsewhere an unpunctuated
    line of that length is a paragraph whose full stop was lost."""
    kept = list(
        islice((i for i, r in enumerate(reasons) if r is None and not _masthead(units[i])), 2)
    )
    if len(kept) < 2:
        return None
    first, after = kept[0], units[kept[1]]
    unit = units[first]
    words = unit.split()
    if not 4 <= len(words) <= _LONG_HEADLINE_WORDS or len(unit) > _LONG_HEADLINE_CHARS:
        return None
    stripped = unit.rstrip(CLOSERS)
    if terminal(unit) and not _ABBREVIATION_END_RE.search(stripped):
        return None
    plain = _ABBREVIATION_END_RE.sub("", stripped)
    if plain.endswith((",", ";", ":", "-", "—")) or _INNER_SENTENCE_END_RE.search(unit):
        return None
    if not words[0][:1].isupper() or find_dateline(unit) is not None:
        return None
    if ":" in unit[:80] and label_at(unit, 0, len(unit)) is not None:
        return None  # "ANN ROE: And those two principles …": a transcript's first turn
    return first if opens_article(after) else None


def opens_article(unit: str) -> bool:
    """Whether ``unit`` starts the article: prose, a lede's sentence, or a dateline."""
    return is_prose(unit) or reads_as_lede(unit) or find_dateline(unit) is not None


def _written_alone(word: str, text: str) -> bool:
    """Whether ``word`` occurs in ``text`` as a word of its own (no letter, digit, "_" or
    apostrophe next to it). A few substring searches for a title's words cost far less than
    listing every lower-case word of the text with a regex."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not _joins(text[at - 1])) and (end == len(text) or not _joins(text[end])):
            return True
        at = text.find(word, at + 1)
    return False


def _joins(ch: str) -> bool:
    return ch.isalnum() or ch in "_'’"


def _choose(
    units: Sequence[str],
    keys: Sequence[str],
    counts: Counter[str],
    reasons: Sequence[str | None],
    candidates: list[int],
) -> TitleChoice:
    if not candidates:
        return TitleChoice(None, "")
    repeated = [i for i in candidates if counts[keys[i]] > 1]
    if repeated:
        return TitleChoice(max(repeated, key=lambda i: title_score(units[i], i, True)), "repeated")
    before_anchor = _before_anchor(units, reasons, candidates)
    if before_anchor is not None:
        return TitleChoice(before_anchor, "byline")
    best = max(candidates, key=lambda i: title_score(units[i], i, False))
    return TitleChoice(best, "first_line")


def _candidate(
    units: Sequence[str],
    keys: Sequence[str],
    counts: Counter[str],
    reasons: Sequence[str | None],
    i: int,
) -> bool:
    unit = units[i]
    if reasons[i] is not None or len(unit.split()) < 2:
        return False
    if _STAMP_RE.search(unit):
        return False  # "Issued on: 27/07/2025 - 14:20": a headline has no clock time
    if _turn_opener(unit):
        return False  # "Question (Ana Roos, Example News): Will …?" opens a turn
    if headline_like(unit):
        return True
    # A line repeated further down is a title even in lower case ("the quiet deal…").
    return counts[keys[i]] > 1 and len(unit.split()) >= 3 and not terminal(unit)


def _before_anchor(
    units: Sequence[str], reasons: Sequence[str | None], candidates: list[int]
) -> int | None:
    """The headline nearest above the first byline or dateline. When another headline
    stands right above it (nothing kept between them) and reads more like a title, the
    nearer one is a headline-style dek and the other the title; when the nearer one is a
    short line under a longer headline, it is a desk or office name standing over the
    byline ("Office of the Spokesperson", "Opinion Desk"), and the longer one the title."""
    anchor = next(
        (
            i
            for i in range(candidates[0] + 1, len(units))
            if reasons[i] in _ANCHOR_REASONS
            or (reasons[i] is None and find_dateline(units[i]) is not None)
        ),
        None,
    )
    if anchor is None:
        return None
    above = [i for i in candidates if i < anchor]
    if not above:
        return None
    nearest = above[-1]
    # Furniture above a byline ("Add to your saved stories", "Follow", "2 min", the author's
    # name and desk): a short line under a headline in the same block is not the title.
    longer = [i for i in above if not _short(units[i])]
    if (
        _short(units[nearest])
        and longer
        and not _prose_between(units, reasons, longer[-1], nearest)
    ):
        above = [i for i in above if i <= longer[-1]]
        nearest = longer[-1]
    if len(above) >= 2:
        previous = above[-2]
        adjacent = all(reasons[k] is not None for k in range(previous + 1, nearest))
        if adjacent and (
            title_score(units[previous], 0, False) > title_score(units[nearest], 0, False)
            or _desk_line(units[nearest], units[previous])
            or _sentence_case_dek(units[previous], units[nearest])
        ):
            return previous
        # A headline, its long unpunctuated dek, then a line over the date ("Why you can
        # trust us", "Listen to this article"): a dek follows its headline, so the line
        # after the dek is furniture.
        between = [k for k in range(previous + 1, nearest) if reasons[k] is None]
        if len(between) == 1 and _dek_shaped(units[between[0]]):
            return previous
    return nearest


def _dek_shaped(unit: str) -> bool:
    """Longer than a headline, shorter than a paragraph, and no sentence's end."""
    return _DEK_MIN_WORDS <= len(unit.split()) <= _DEK_MAX_WORDS and not terminal(unit)


def _masthead(unit: str) -> bool:
    """A publication's or a section's name: a few capitalised words ending in a word such
    names end in (the last may be lower case: "World news")."""
    words = unit.split()
    return (
        2 <= len(words) <= _MASTHEAD_MAX_WORDS
        and words[-1].casefold() in _MASTHEAD_WORDS
        and all(w[:1].isupper() for w in words[:-1])
    )


def _sentence_case_dek(headline: str, below: str) -> bool:
    """Two lines in sentence case, one over the other: a headline and its dek, as pages
    that write headlines in sentence case print them. (Where headlines are in Title Case,
    the dek is not; two Title-Case lines are two headlines, a promo over the title.)"""
    return (
        _title_case_ratio(headline) <= 0.6
        and _title_case_ratio(below) <= 0.6
        and not _short(headline)
        and not _short(below)
    )


def _prose_between(units: Sequence[str], reasons: Sequence[str | None], a: int, b: int) -> bool:
    return any(_sentence_at(units, reasons, k) for k in range(a + 1, b))


def _sentence_at(units: Sequence[str], reasons: Sequence[str | None], k: int) -> bool:
    """Whether unit ``k`` is kept and reads as a sentence of the article (several words,
    ending as a sentence does)."""
    return reasons[k] is None and terminal(units[k]) and len(units[k].split()) >= LEDE_WORDS


def _turn_opener(unit: str) -> bool:
    """Whether a transcript's turn opens ``unit`` with a label no headline has: a question's
    or an answer's, or one with a seat, outlet or role ("Ann Roe (Reuters):")."""
    found = label_at(unit, 0, len(unit)) if ":" in unit[:80] or unit[:2] in ("Q ", "Q.") else None
    if found is None:
        return False
    return (
        found.kind in ("q", "a")
        or found.bracketed
        or bool(found.desc)
        or (found.label.casefold() in ("question", "reporter"))
    )


def _short(unit: str) -> bool:
    return len(unit.split()) <= _SHORT_WORDS


def _desk_line(unit: str, above: str) -> bool:
    words = unit.casefold().split()
    return (
        len(words) <= _DESK_WORDS
        and len(words) < len(above.split())
        and any(word.strip(",.") in _DESK_NOUNS for word in words)
    )


def title_score(unit: str, index: int, repeated: bool) -> float:
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


def _title_case_ratio(unit: str) -> float:
    content = [w for w in unit.split() if len(w.strip("“”‘’\"'()")) >= 4]
    if not content:
        return 0.0
    return sum(1 for w in content if w.lstrip("“‘\"'(")[:1].isupper()) / len(content)


def line_key(text: str) -> str:
    """Two lines with the same key are the same line (a repeated title, a nav bar)."""
    folded = text.casefold()
    return folded if single_spaced(folded) else " ".join(folded.split())


def single_spaced(line: str) -> bool:
    """Whether ``" ".join(line.split())`` is ``line`` itself: trimmed, single spaces. (Tested
    first because that is cheaper than splitting: str.split() splits on every Unicode space,
    NBSP, thin space, …, and the only one of them that is printable is " ".)"""
    return line.isprintable() and "  " not in line and line[:1] != " " and line[-1:] != " "
