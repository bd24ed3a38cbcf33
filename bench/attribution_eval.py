"""Scoring the pipeline's speakers against PolNeAR's gold attributions (brat standoff).

Used by ``bench/extraction_eval.py``; pure (no Django), so its unit tests run on invented text.

How a claim meets the gold: the pipeline cleans the text (whitespace only: line endings,
runs of spaces, trimmed lines), so each claim is found again in the raw article by its
non-whitespace characters, in order. A claim *covers* a gold Content span when most of the
claim lies inside the span or most of the span lies inside the claim; a claim covering
several spans belongs to the one it overlaps most.

What makes a claim *attributed*: its ``attribution`` (``ParsedClaim.attribution``) is not
narration (""), or it has a speaker. An anonymous claim ("officials said") is attributed
without a speaker: the pipeline found the attribution and rightly names nobody, so it counts
toward recall. Precision is judged on every attributed claim whose gold Source is a name:
one without a speaker there (anonymous, or a description the pipeline could not resolve)
counts as a wrong speaker, so marking sentences attributed cannot raise recall for free.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from claims.extract.lexicon import NAME_SUFFIXES, word_set
from claims.extract.names import normalize_name

Frags = tuple[tuple[int, int], ...]

CATEGORIES = ("direct quote", "partial quote", "indirect speech", "continuation")
SOURCE_KINDS = ("named", "pronoun", "description")
PRONOUNS = word_set(
    "he she they it we i you him her them us me who whom which that this these those one "
    "his hers their theirs its our ours my mine your yours"
)
# Capitalised words that do not make a source a name: determiners at the start of a
# sentence, and titles ("the President" describes; "President Obama" names).
NOT_NAMES = word_set(
    """the a an his her their its our my your this that these those some many other others
    several both all most each another any no such one two three four five
    president vice secretary senator sen gov governor mr mrs ms dr rep representative
    spokesman spokeswoman spokesperson officials official aides aide chairman chairwoman
    director minister mayor judge justice gen general candidate nominee speaker leader"""
)
_POSSESSIVE_WORD_RE = re.compile(r"\S+(?:['’]s|s['’])(?=\s|$)")
_COMPOUND_RE = re.compile(r"\s*(?:,|\band\b|&)\s*")
_WORD_RE = re.compile(r"[^\W\d_][\w.'’-]*")
# Where a source's head phrase ends: an appositive, a parenthesis or a relative clause.
_HEAD_CUT_RE = re.compile(r",|\(|\s(?:who|which|that|whose)\s")
_PREPOSITIONS = word_set("of at from for in with on")
QUANTIFIERS = word_set("many some other others several most few all both each half")
# A sentence ends between cue and content: end punctuation and a space, or a new paragraph.
_SENTENCE_END_RE = re.compile(r"[.?!…][”’\"')\]]*\s|\n")
_OPEN_QUOTES = "“«"
_CLOSE_QUOTES = "”»"


# --- Gold ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldContent:
    """One Content (or Content2) span of an attribution, with its Source and Cue."""

    content: Frags
    source: Frags | None
    cue: Frags | None
    source_text: str | None


def read_ann(ann: str, text: str) -> list[GoldContent]:
    """The Content spans of a brat standoff file (its E lines may name T lines after them)."""
    spans: dict[str, Frags] = {}
    events: list[dict[str, str]] = []
    for line in ann.split("\n"):
        fields = line.split("\t")
        if re.fullmatch(r"T\d+", fields[0]) and len(fields) >= 2:
            offsets = fields[1].split(" ", 1)[1]
            spans[fields[0]] = tuple(
                (int(a), int(b)) for a, b in (p.split() for p in offsets.split(";"))
            )
        elif re.fullmatch(r"E\d+", fields[0]) and len(fields) >= 2:
            events.append(dict(role.split(":", 1) for role in fields[1].split()[1:]))
    gold = []
    for roles in events:
        source = spans.get(roles.get("Source", ""))
        cue = spans.get(roles.get("Cue", ""))
        source_text = " ".join(text[a:b] for a, b in source) if source else None
        for role in ("Content", "Content2"):
            if role in roles:
                gold.append(GoldContent(spans[roles[role]], source, cue, source_text))
    return gold


def quote_mask(text: str) -> bytearray:
    """1 for each character inside a quotation (marks included). Curly quotes pair up; a
    straight quote toggles; a quotation left open runs to the end of its paragraph.

    Deliberately not ``claims.extract.quotes.quote_regions``: this classifies the gold spans,
    so it must not change when the pipeline under measurement does."""
    mask = bytearray(len(text))
    start = None
    for i, ch in enumerate(text):
        if ch == "\n":
            if start is not None:
                mask[start:i] = b"\x01" * (i - start)
            start = None
        elif start is None and (ch in _OPEN_QUOTES or ch == '"'):
            start = i
        elif start is not None and (ch in _CLOSE_QUOTES or (ch == '"' and text[start] == '"')):
            mask[start : i + 1] = b"\x01" * (i + 1 - start)
            start = None
    if start is not None:
        mask[start:] = b"\x01" * (len(text) - start)
    return mask


def category(text: str, mask: bytearray, gold: GoldContent) -> str:
    """Continuation when a sentence ends between the cue and the content (the content's
    sentence has no cue of its own); otherwise by how much of the content is quoted."""
    if gold.cue and _sentence_between(text, gold):
        return "continuation"
    chars = [i for a, b in gold.content for i in range(a, b) if not text[i].isspace()]
    quoted = sum(mask[i] for i in chars) / max(1, len(chars))
    if quoted >= 0.8:
        return "direct quote"
    if quoted > 0:
        return "partial quote"
    return "indirect speech"


def _sentence_between(text: str, gold: GoldContent) -> bool:
    assert gold.cue is not None
    c_start, c_end = gold.content[0][0], gold.content[-1][1]
    q_start, q_end = gold.cue[0][0], gold.cue[-1][1]
    if q_end <= c_start:
        gap_start, gap_end = q_end, c_start
    elif c_end <= q_start:
        gap_start, gap_end = c_end, q_start
    else:
        return False
    gap = list(text[gap_start:gap_end])
    for a, b in gold.source or ():  # "Sen. Tim Kaine" between them ends no sentence
        for i in range(max(a, gap_start), min(b, gap_end)):
            gap[i - gap_start] = " "
    return bool(_SENTENCE_END_RE.search("".join(gap)))


# --- Names -----------------------------------------------------------------------------------


def _name_parts(source: str) -> list[list[str]]:
    """A source's names as normalised words: possessive words dropped ("Clinton's aide
    Robby Mook" names Mook), compounds split ("Google and Yahoo")."""
    cleaned = _POSSESSIVE_WORD_RE.sub(" ", source)
    return [normalize_name(p).split() for p in _COMPOUND_RE.split(cleaned) if normalize_name(p)]


def same_speaker(speaker: str, source: str) -> bool:
    """Whether the pipeline's speaker is the gold source: equal names, or the speaker's
    surname (last word) is a word of the source ("Donald Trump" is "Mr. Trump"), or, for a
    name written family name first, its first word ends the source ("Lou Jiwei" is "Mr.
    Lou"; a given name alone, "Donald", names the person too)."""
    words = normalize_name(speaker).split()
    while len(words) > 1 and words[-1] in NAME_SUFFIXES:  # "John G. Roberts Jr." is Roberts
        words.pop()
    if not words:
        return False
    return any(
        part == words or words[-1] in part or (len(words) > 1 and part[-1] == words[0])
        for part in _name_parts(source)
    )


def source_kind(source: str, article: str = "") -> str:
    """named, pronoun ("he", "they") or description ("the president", "officials").

    A source is named when the head of one of its parts is a name: "Former Gov. Bill
    Richardson of New Mexico" and "Google and Yahoo" are named, but "A senior Obama
    administration official", "The Trump campaign", "many Democrats" and "Digital experts"
    describe (a capital in a modifier, after a quantifier, or one that only starts the
    sentence, names nobody). A
    one-word part counts as a name unless the article also writes it in lower case."""
    if normalize_name(source) in PRONOUNS:
        return "pronoun"
    cleaned = _POSSESSIVE_WORD_RE.sub(" ", source)
    for part in _COMPOUND_RE.split(_HEAD_CUT_RE.split(cleaned, 1)[0]):
        words = _WORD_RE.findall(part)
        for i, word in enumerate(words[1:], start=1):
            if word.casefold() in _PREPOSITIONS and words[i - 1][0].islower():
                words = words[:i]  # "a spokesman for the State Department": a spokesman
                break
        if not words or normalize_name(words[0]) in QUANTIFIERS or words[0][0].isdigit():
            continue  # "many Democrats", "45% of Republicans": a group, not a name
        head = words[-1]
        if not head[0].isupper() or normalize_name(head) in NOT_NAMES:
            continue
        if len(words) == 1 and re.search(rf"\b{re.escape(head.casefold())}\b", article):
            continue  # "Analysts", capitalised only as the sentence's first word
        return "named"
    return "description"


# --- Claims against gold ---------------------------------------------------------------------


# Quotation marks compared by kind, not style: the body gives quotations in single marks
# double ones (``claims.extract.quote_marks``), one character for one.
_QUOTE_STYLE = str.maketrans("‘’“”'", '"""""')


def map_spans(raw: str, texts: Iterable[str]) -> list[tuple[int, int] | None]:
    """Each text's (start, end) in ``raw``, found in order ignoring whitespace and the style
    of quotation marks; None when a text is not in ``raw`` at all (the pipeline changed
    more than that)."""
    positions = [i for i, ch in enumerate(raw) if not ch.isspace()]
    key = "".join(raw[i] for i in positions).translate(_QUOTE_STYLE)
    cursor = 0
    found: list[tuple[int, int] | None] = []
    for text in texts:
        needle = "".join(text.split()).translate(_QUOTE_STYLE)
        at = key.find(needle, cursor) if needle else -1
        if at < 0 and needle:
            at = key.find(needle)
        if at < 0:
            found.append(None)
            continue
        found.append((positions[at], positions[at + len(needle) - 1] + 1))
        cursor = at + len(needle)
    return found


def overlap(span: tuple[int, int], frags: Frags) -> int:
    return sum(max(0, min(span[1], b) - max(span[0], a)) for a, b in frags)


def covers(span: tuple[int, int], frags: Frags) -> bool:
    """Most of the claim is inside the content, or most of the content inside the claim."""
    shared = overlap(span, frags)
    size = sum(b - a for a, b in frags)
    return 2 * shared > span[1] - span[0] or 2 * shared > size


@dataclass(frozen=True, slots=True)
class Claim:
    """What the scorer needs of a pipeline claim: where it is in the raw text, its speaker,
    and how it is attributed (``ParsedClaim.attribution``; "" is narration)."""

    span: tuple[int, int] | None
    speaker: str | None
    attribution: str = ""

    @property
    def attributed(self) -> bool:
        return bool(self.attribution or self.speaker)


@dataclass(slots=True)
class Tally:
    """Counts for one category (or the total)."""

    gold: int = 0  # gold Content spans with a Source
    gold_attributed: int = 0  # ... covered by an attributed claim
    gold_correct: int = 0  # ... covered by a claim with the right speaker
    claims_judged: int = 0  # attributed claims on a content whose Source is a name
    # (those without a speaker count as wrong)
    claims_correct: int = 0

    def as_dict(self) -> dict[str, float | int | None]:
        return {
            **{k: getattr(self, k) for k in self.__slots__},
            "precision": ratio(self.claims_correct, self.claims_judged),
            "recall": ratio(self.gold_attributed, self.gold),
            "recall_correct": ratio(self.gold_correct, self.gold),
        }


def ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


@dataclass(slots=True)
class AttributionScore:
    total: Tally = field(default_factory=Tally)
    by_category: dict[str, Tally] = field(default_factory=lambda: {c: Tally() for c in CATEGORIES})
    by_source_kind: dict[str, Tally] = field(
        default_factory=lambda: {k: Tally() for k in SOURCE_KINDS}
    )
    unresolved: Counter[tuple[str, str]] = field(default_factory=Counter)  # (source, speaker)
    no_source_gold: int = 0  # gold contents without a Source ("it is said that ...")
    # Gold contents with a Source that no claim belongs to: a clause inside a sentence
    # whose claim belongs to a larger content ("X, who said A, argued B"), or a headline.
    # A claim is a sentence, so these cap recall; reported so the ceiling is visible.
    no_claim_gold: int = 0
    no_source_attributed: int = 0  # ... that the pipeline attributed anyway
    stray_claims: int = 0  # attributed claims that cover no gold content
    unmapped_claims: int = 0  # claims not found in the raw text
    articles: int = 0

    def add_article(self, raw: str, gold: Sequence[GoldContent], claims: Sequence[Claim]) -> None:
        self.articles += 1
        mask = quote_mask(raw)
        covering: dict[int, list[Claim]] = {i: [] for i in range(len(gold))}
        for claim in claims:
            if claim.span is None:
                self.unmapped_claims += 1
                continue
            best = _best_content(claim.span, gold)
            if best is not None:
                covering[best].append(claim)
            elif claim.attributed:
                self.stray_claims += 1
        for i, content in enumerate(gold):
            self._score_content(raw, mask, content, covering[i])

    def _score_content(
        self, raw: str, mask: bytearray, gold: GoldContent, claims: list[Claim]
    ) -> None:
        attributed = [c for c in claims if c.attributed]
        speakers = [c.speaker for c in attributed if c.speaker]
        if gold.source_text is None:
            self.no_source_gold += 1
            self.no_source_attributed += bool(attributed)
            return
        kind = source_kind(gold.source_text, raw)
        tallies = (
            self.total,
            self.by_category[category(raw, mask, gold)],
            self.by_source_kind[kind],
        )
        right = [s for s in speakers if same_speaker(s, gold.source_text)]
        self.no_claim_gold += not claims
        for tally in tallies:
            tally.gold += 1
            tally.gold_attributed += bool(attributed)
            if kind == "named":
                tally.gold_correct += bool(right)
                tally.claims_judged += len(attributed)
                tally.claims_correct += len(right)
        if kind != "named":
            self.unresolved[
                (" ".join(gold.source_text.split()).lower(), speakers[0] if speakers else "")
            ] += 1

    def as_dict(self) -> dict[str, object]:
        pronoun_like = sum(self.unresolved.values())
        resolved = sum(n for (_, speaker), n in self.unresolved.items() if speaker)
        return {
            "articles": self.articles,
            "total": self.total.as_dict(),
            "by_category": {k: v.as_dict() for k, v in self.by_category.items()},
            "by_source_kind": {k: v.as_dict() for k, v in self.by_source_kind.items()},
            "pronoun_or_description": {
                "gold": pronoun_like,
                "given_a_speaker": resolved,
                "pairs": [
                    {"source": s, "pipeline_speaker": p or None, "count": n}
                    for (s, p), n in self.unresolved.most_common()
                ],
            },
            "no_claim_gold": self.no_claim_gold,
            "no_source_gold": self.no_source_gold,
            "no_source_attributed": self.no_source_attributed,
            "attributed_claims_on_no_gold_content": self.stray_claims,
            "claims_not_found_in_raw_text": self.unmapped_claims,
        }


def _best_content(span: tuple[int, int], gold: Sequence[GoldContent]) -> int | None:
    best, best_overlap = None, 0
    for i, content in enumerate(gold):
        shared = overlap(span, content.content)
        if shared > best_overlap and covers(span, content.content):
            best, best_overlap = i, shared
    return best
