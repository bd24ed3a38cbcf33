"""Pure text similarity between two claims: no Django, no database (a test walks the imports).

Used by the related-claim ranking (``claims.matching.related``) and meant for any other
matcher of short statements (external fact-checks to claims): every function takes plain
strings, token collections and a document-frequency lookup, and returns plain values.

- ``normalize``: one spelling for what outlets write differently: quotes and dashes,
  British/American variants (defence/defense, -ise/-ize, -our/-or, tonnes/tons, per cent);
- ``tokens``: the content words of a text, normalised, stopwords dropped, plurals folded;
- ``idf`` / ``weighted_overlap`` / ``overlap_by_weight``: shared words weighed by how rare
  they are ("Russia" says little, "Rosneft" much), given the caller's document frequencies
  (or weights already computed, to score many candidates against one text);
- ``quotes`` / ``same_quote``: the direct quotes of a text, and the one two texts share;
- ``quantities`` / ``negations`` / ``disagreements`` / ``shared_figures`` / ``compare``:
  what two matched claims say about the same figure or the same predicate, and the
  relation that suggests (``contradicts``, ``corroborates`` or ``duplicates``), with
  reasons an editor reads ("12 vs 20 drones", "“postponed” vs “not postponed”").

The results of one text are cached (``functools.lru_cache``): a request compares the claim
with hundreds of candidates, and the same candidates come back request after request.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Collection, Hashable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Literal, TypeVar

from claims.extract.lexicon import STOPWORDS

Relation = Literal["contradicts", "corroborates", "duplicates"]
K = TypeVar("K", bound=Hashable)  # a token, or any key weighed the same way (an actor id)

# --- Normalising ------------------------------------------------------------------------------

_QUOTES = str.maketrans(
    {
        "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "″": '"',
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
        "–": "-", "—": "-", "―": "-", "‒": "-", "−": "-", "\u00ad": "",
        "\u00a0": " ", "\u202f": " ", "\u2009": " ",
    }
)  # fmt: skip
# British spellings whose American twin is not a suffix rule (or whose rule has exceptions).
_VARIANTS = {
    "defence": "defense", "offence": "offense", "licence": "license", "pretence": "pretense",
    "centre": "center", "centres": "centers", "metre": "meter", "metres": "meters",
    "kilometre": "kilometer", "kilometres": "kilometers", "litre": "liter", "litres": "liters",
    "theatre": "theater", "fibre": "fiber", "programme": "program", "programmes": "programs",
    "tonne": "ton", "tonnes": "tons", "grey": "gray", "cheque": "check", "judgement": "judgment",
    "travelled": "traveled", "travelling": "traveling", "cancelled": "canceled",
    "cancelling": "canceling", "labelled": "labeled", "modelling": "modeling",
    "aluminium": "aluminum", "manoeuvre": "maneuver", "sceptical": "skeptical",
    "mph": "miles per hour", "pct": "percent",
}  # fmt: skip
_SUFFIXES = (  # British → American endings, for words long enough not to collide (rise, four)
    (re.compile(r"(?<=\w{3})is(e|ed|es|ing|ation|ations)$"), r"iz\1"),
    (re.compile(r"(?<=\w{3})ys(e|ed|es|ing)$"), r"yz\1"),  # analyse
    (re.compile(r"(?<=\w{3})our(s|ed|ing|ite|ites|able)?$"), r"or\1"),  # colour, labour
)
_PER_CENT = re.compile(r"\bper\s+cent\b|%", re.IGNORECASE)
WORD_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:'[^\W\d_]+)?")


@functools.lru_cache(maxsize=65536)
def _american(word: str) -> str:
    if word in _VARIANTS:
        return _VARIANTS[word]
    if len(word) >= 6:
        for pattern, repl in _SUFFIXES:
            word = pattern.sub(repl, word)
    return word


# Texts are compared many times per request (the claim asked about with every candidate,
# a winner once to score and once to compare): the pure functions of one text are cached.
_cached = functools.lru_cache(maxsize=4096)


@_cached
def normalize(text: str) -> str:
    """``text`` case-folded, with straight quotes, ``-`` for every dash, single spaces,
    "percent" for "per cent" and "%", and American spellings for British ones."""
    text = _PER_CENT.sub(" percent", text.translate(_QUOTES).casefold())
    text = re.sub(r"[a-z]+", lambda m: _american(m[0]), text)
    return " ".join(text.split())


# --- Tokens and rarity ------------------------------------------------------------------------


def stem(word: str) -> str:
    """Plural folding only ("sanctions"/"sanction", "counties"/"county"): enough to match
    the same noun, and never merges two different words the way a real stemmer can."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _number_token(word: str) -> str:
    return word.replace(",", "")  # 14,200 → 14200; 3.5 stays


def tokens(text: str) -> list[str]:
    """The content words of ``text`` in order: normalised, plural-folded, without
    stopwords or 1-2 letter words; numbers kept ("14,200" → "14200")."""
    return list(_tokens(text))


@_cached
def _tokens(text: str) -> tuple[str, ...]:
    # normalize() word by word: the same tokens, but each distinct word is mapped once
    # (cached) instead of by a regex callback per word of every text.
    text = _PER_CENT.sub(" percent", text.translate(_QUOTES).casefold())
    out: list[str] = []
    for word in WORD_RE.findall(text):
        out.extend(_word_tokens(word))
    return tuple(out)


@functools.lru_cache(maxsize=65536)
def _word_tokens(word: str) -> tuple[str, ...]:
    if word[0].isdigit():
        return (_number_token(word),)
    word = word.removesuffix("'s")
    if word.isascii():
        word = _american(word)
    return tuple(stem(w) for w in word.split() if len(w) > 2 and w not in STOPWORDS)


def idf(document_frequency: int, documents: int) -> float:
    """Inverse document frequency, smoothed: ``log((N + 1) / (df + 1)) + 1``, so a word in
    every document still weighs a little (1.0) and a word never seen weighs the most."""
    documents = max(documents, document_frequency, 0)
    return math.log((documents + 1) / (max(document_frequency, 0) + 1)) + 1.0


def weighted_overlap(
    a: Collection[str],
    b: Collection[str],
    *,
    document_frequency: Callable[[str], int],
    documents: int,
) -> float:
    """Weighted Jaccard similarity 0..1 of two token collections (``tokens``): the summed
    ``idf`` of the shared tokens over that of all tokens of either. ``document_frequency``
    gives how many of ``documents`` contain a token (the caller decides what an unknown
    token counts as)."""
    if not a or not b:
        return 0.0
    weights = {t: idf(document_frequency(t), documents) for t in set(a) | set(b)}
    return overlap_by_weight(a, b, weights, default=1.0)


def overlap_by_weight(
    a: Collection[K], b: Collection[K], weights: Mapping[K, float], *, default: float
) -> float:
    """``weighted_overlap`` with the weights already computed (``idf`` per token; tokens
    missing from ``weights`` weigh ``default``): for scoring many candidates against one
    text without recomputing its weights."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    get = weights.get
    union = sum(get(t, default) for t in sa | sb)
    return sum(get(t, default) for t in sa & sb) / union if union else 0.0


@dataclass(frozen=True, slots=True)
class WeighedSide:
    """One side of ``overlap_by_weight`` prepared once, for comparing it with many others:
    its tokens are the keys of ``weights`` and their weights are summed here once. Every
    token of the other side that is not one of these weighs ``default``, so a comparison
    needs only the shared tokens' weights and a count, not a union built and summed per
    candidate (the ranking compares one claim with up to 200)."""

    weights: Mapping[Hashable, float]
    default: float
    total: float

    @classmethod
    def of(cls, weights: Mapping[Hashable, float], *, default: float) -> WeighedSide:
        return cls(weights, default, sum(weights.values()))

    def overlap(self, other: AbstractSet[Hashable]) -> float:
        """``overlap_by_weight(weights.keys(), other, weights, default=default)``: the same
        value (sums taken in another order: equal up to float rounding)."""
        if not self.weights or not other:
            return 0.0
        shared = self.weights.keys() & other
        union = self.total + self.default * (len(other) - len(shared))
        return sum(self.weights[t] for t in shared) / union if union else 0.0


# --- Quotes -----------------------------------------------------------------------------------

_QUOTE_RE = re.compile(r'"([^"]+)"')
MIN_QUOTE_WORDS = 4  # shorter quoted strings are titles and scare quotes, not statements


def quotes(text: str) -> list[str]:
    """The direct quotes in ``text`` (between double quotes of any style), each as its
    normalised words joined by single spaces, punctuation dropped; at least
    ``MIN_QUOTE_WORDS`` words each."""
    return list(_quotes(text))


@_cached
def _quotes(text: str) -> tuple[str, ...]:
    found = []
    for inner in _QUOTE_RE.findall(normalize(text)):
        words = re.findall(r"[^\W_]+(?:'[^\W_]+)?", inner)
        if len(words) >= MIN_QUOTE_WORDS:
            found.append(" ".join(words))
    return tuple(found)


def same_quote(a: str, b: str) -> str | None:
    """The direct quote ``a`` and ``b`` share (normalised, as ``quotes`` gives it), or None.
    Shared: the same words, or one quote inside the other when the shorter has at least six
    words (an outlet quoting half of the sentence)."""
    for qa in _quotes(a):
        for qb in _quotes(b):
            short, long = sorted((qa, qb), key=len)
            if qa == qb or (short.count(" ") >= 5 and f" {short} " in f" {long} "):
                return short
    return None


# --- Figures ----------------------------------------------------------------------------------

_UNITS_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9}
# Words before a figure that say how exact it is: a figure "over 40" and one "at least 40"
# are worded as different claims even when the number is the same.
_QUALIFIERS = {
    "over": "over", "more than": "over", "above": "over", "upwards of": "over",
    "at least": "at least", "under": "under", "less than": "under", "fewer than": "under",
    "below": "under", "up to": "up to", "at most": "up to", "only": "only", "just": "only",
    "nearly": "nearly", "almost": "nearly",
    "about": "about", "around": "about", "roughly": "about", "approximately": "about",
    "some": "about", "an estimated": "about",
}  # fmt: skip
_APPROXIMATE = {"about", None}  # "about 7.5" and "7.5" state the same figure
_NUMBER_WORD = "|".join([*_TENS_WORDS, *_UNITS_WORDS])
_QUANTITY_RE = re.compile(
    r"(?:\b(?P<qual>" + "|".join(sorted(_QUALIFIERS, key=len, reverse=True)) + r")\s+)?"
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|\b(?:"
    + _NUMBER_WORD
    + r")(?:-(?:"
    + _NUMBER_WORD
    + r"))?\b)"
    r"(?:\s*(?P<scale>thousand|million|billion|trillion|bn)\b)?"
    r"(?:\s*(?P<unit>percent\b|[^\W\d_]+(?:-[^\W\d_]+)?))?"
)
_UNIT_SKIP = STOPWORDS | {"metric", "additional", "more", "new", "other", "each"}


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure stated in a text: its value, what it counts (a plural-folded noun, "percent",
    "year" or "" when nothing follows), and the qualifier before it ("over", "at least",
    "about", …, or None)."""

    value: float
    unit: str
    qualifier: str | None
    text: str  # as written (normalised), for the reasons
    noun: str = ""  # the unit as written ("drones"), for the reasons

    def label(self) -> str:
        """How the reasons show it: "over 40 percent", "12 drones"."""
        return self.text


def _number(raw: str) -> float | None:
    if raw[0].isdigit():
        return float(raw.replace(",", ""))
    parts = raw.split("-")
    total = 0
    for part in parts:
        total += _TENS_WORDS.get(part, 0) + _UNITS_WORDS.get(part, 0)
    return float(total) if total else None


def quantities(text: str) -> list[Quantity]:
    """Figures in ``text``: digits ("14,200", "3.5") or number words ("twenty",
    "ninety-five"), scaled ("3.2 million"), with the noun they count and their qualifier.
    A four-digit integer from 1900 to 2100 with no noun after it is a year."""
    return list(_quantities(text))


@_cached
def _quantities(text: str) -> tuple[Quantity, ...]:
    found = []
    for m in _QUANTITY_RE.finditer(normalize(text)):
        value = _number(m["num"])
        if value is None:
            continue
        value *= _SCALES.get(m["scale"] or "", 1)
        unit = stem(m["unit"]) if m["unit"] and m["unit"] not in _UNIT_SKIP else ""
        if unit in _UNITS_WORDS or unit in _TENS_WORDS:
            unit = ""
        if not unit and m["num"].isdigit() and len(m["num"]) == 4 and 1900 <= value <= 2100:
            unit = "year"
        if not m["num"][0].isdigit() and not unit:
            continue  # "one of the largest": a number word counting nothing is no figure
        label = " ".join(p for p in (m["qual"], m["num"], m["scale"], m["unit"]) if p)
        qualifier = _QUALIFIERS.get(m["qual"] or "")
        found.append(Quantity(value, unit, qualifier, label, m["unit"] or ""))
    return tuple(found)


# --- Negation ---------------------------------------------------------------------------------

_NEGATORS = {"not", "never", "no", "n't", "cannot", "neither", "nor", "without"}
_SKIP_AFTER_NEGATOR = STOPWORDS | {"yet", "been", "being", "be", "ever", "fully", "longer"}


def _words(text: str) -> list[str]:
    text = normalize(text).replace("n't", " n't").replace("cannot", "can not")
    return re.findall(r"n't|[^\W\d_]+", text)


@_cached
def negations(text: str) -> frozenset[str]:
    """The predicates ``text`` negates: for every "not"/"never"/"n't"/…, the first content
    word after it, plural-folded ("were not postponed" → {"postponed"})."""
    words = _words(text)
    negated = set()
    for i, word in enumerate(words):
        if word in _NEGATORS:
            following = (w for w in words[i + 1 : i + 4] if w not in _SKIP_AFTER_NEGATOR)
            target = next(following, None)
            if target:
                negated.add(stem(target))
    return frozenset(negated)


@_cached
def _affirmed(text: str) -> frozenset[str]:
    """Content words that ``text`` states without a negator just before them."""
    words = _words(text)
    out = set()
    for i, word in enumerate(words):
        before = [w for w in words[max(0, i - 3) : i] if w not in _SKIP_AFTER_NEGATOR]
        if word not in STOPWORDS and not (before and before[-1] in _NEGATORS):
            out.add(stem(word))
    return frozenset(out)


# --- Comparing two matched claims -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Comparison:
    """What two matched texts say about the same things, and the relation it suggests."""

    relation: Relation
    reasons: tuple[str, ...]
    quote: str | None = None  # the shared direct quote, if any


def _figure(q: Quantity) -> str:
    """12 → "12", 3200000.0 → "3.2 million", with the qualifier: "over 40"."""
    value = q.value
    for name, scale in (("billion", 1e9), ("million", 1e6)):
        if value >= scale:
            text = f"{value / scale:g} {name}"
            break
    else:
        text = f"{value:g}"
    return f"{q.qualifier} {text}" if q.qualifier and q.qualifier not in _APPROXIMATE else text


def _agree(x: Quantity, y: Quantity) -> bool:
    """The same figure: equal values, and qualifiers that do not say different things
    ("about 7.5" and "7.5" agree; "over 40" and "at least 40" do not)."""
    if x.value != y.value:
        return False
    return x.qualifier == y.qualifier or {x.qualifier, y.qualifier} <= _APPROXIMATE


def disagreements(a: str, b: str) -> list[str]:
    """Where ``a`` and ``b`` disagree, as reasons: the same noun counted differently
    ("12 vs 20 drones"), the same figure qualified differently ("over 40 percent" vs "at
    least 40 percent"), different years ("2029 vs 2030"), or a predicate one affirms and the
    other negates ("“postponed” vs “not postponed”"). Empty when they do not disagree."""
    reasons = []
    qb = _quantities(b)
    for x in _quantities(a):
        same_unit = [y for y in qb if y.unit == x.unit and x.unit]
        if not same_unit or any(_agree(x, y) for y in same_unit):
            continue
        y = min(same_unit, key=lambda y: abs(y.value - x.value))
        if x.value == y.value:
            reasons.append(f"“{x.label()}” vs “{y.label()}”")
        else:
            unit = "" if x.unit == "year" else f" {y.noun if x.value == 1 else x.noun}"
            reasons.append(f"{_figure(x)} vs {_figure(y)}{unit}")
    neg_a, neg_b = negations(a), negations(b)
    for word in sorted((neg_b - neg_a) & _affirmed(a)):
        reasons.append(f"“{word}” vs “not {word}”")
    for word in sorted((neg_a - neg_b) & _affirmed(b)):
        reasons.append(f"“not {word}” vs “{word}”")
    return list(dict.fromkeys(reasons))


def shared_figures(a: str, b: str) -> list[str]:
    """Figures both texts state the same way (same noun, agreeing value), as labels."""
    qb = _quantities(b)
    return list(
        dict.fromkeys(
            x.label()
            for x in _quantities(a)
            if x.unit and any(y.unit == x.unit and _agree(x, y) for y in qb)
        )
    )


DUPLICATE_OVERLAP = 0.8  # weighted word overlap above which two claims read as one sentence


def compare(a: str, b: str, *, overlap: float = 0.0) -> Comparison:
    """The relation two matched texts suggest, with reasons: ``contradicts`` when they
    disagree (``disagreements``); else ``duplicates`` when they share a direct quote or
    their ``overlap`` (e.g. ``weighted_overlap`` of their ``tokens``) is at least
    ``DUPLICATE_OVERLAP``; else ``corroborates``. Call it on texts already matched: it says
    how they relate, not whether they are about the same thing."""
    quote = same_quote(a, b)
    reasons = []
    if quote:
        reasons.append(f"same quote: “{_short(quote)}”")
    disagree = disagreements(a, b)
    if disagree:
        return Comparison("contradicts", tuple(reasons + disagree), quote)
    figures = shared_figures(a, b)
    if figures:
        reasons.append("same figures: " + ", ".join(figures))
    if quote or overlap >= DUPLICATE_OVERLAP:
        if not quote:
            reasons.append(f"near-identical wording ({overlap:.0%} of weighted words)")
        return Comparison("duplicates", tuple(reasons), quote)
    return Comparison("corroborates", tuple(reasons), quote)


def _short(quote: str, words: int = 12) -> str:
    parts = quote.split(" ")
    return quote if len(parts) <= words else " ".join(parts[:words]) + " …"
