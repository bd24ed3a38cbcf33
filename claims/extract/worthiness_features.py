"""The check-worthiness model's features: one definition for training and for scoring.

A sentence becomes a sparse vector of named features, each hashed to a fixed slot:

- ``w:<word>``: a lower-cased word (numbers folded to ``<num>``, so "40" and "1,200" are one
  feature: what generalises is *that* there is a figure, not which);
- ``b:<word> <word>``: adjacent word pairs ("percent of", "voted against");
- ``c:<ngram>``: character 3- to 5-grams inside each word padded with spaces, which carry
  morphology ("-est", "-illion", "un-") to words the training set never saw;
- ``s:<signal>``: structural signals the pipeline finds (a number outside the dates, a
  date, named actors, an attribution, a quote, a comparison, a cause, hedges, opinion
  words, a prediction, a question, the length), named so an editor can read them.

Word, pair and character features share one length normalisation (each counts
``1/sqrt(number of text features)``), so a long sentence is not check-worthy merely for
having many words; the structural signals count 1 each.

The hash is CRC-32 of the UTF-8 feature name (``zlib``: stable across processes, machines
and Python versions, unlike ``hash()``), masked to ``BITS`` bits. Training
(``scripts/train_worthiness.py``) calls these same functions, so runtime scoring reproduces
the training features exactly, with no scikit-learn.
"""

from __future__ import annotations

import itertools
import math
import re
import zlib
from typing import NamedTuple

from .lexicon import word_set

BITS = 20
MASK = (1 << BITS) - 1
CHAR_SIZES = (3, 4, 5)  # feature_count depends on these
# A number's token is the empty string, what TOKEN_RE's word group leaves for it (so folding
# numbers costs no pass over the tokens); its name in the features is NUMBER_NAME.
NUMBER_TOKEN = ""
NUMBER_NAME = "<num>"

NUMBER_WORDS = word_set(
    """two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred hundreds thousand thousands million millions billion billions trillion dozen
    dozens half third quarter percent twice triple double"""
)
COMPARATIVES = word_set(
    """more most less least fewer fewest larger largest bigger biggest higher highest lower
    lowest greater greatest worse worst better best first record unprecedented only"""
)
CAUSAL_WORDS = word_set("because therefore caused causes")
_CAUSAL_RE = re.compile(r"\b(?:due to|led to|leads to|resulted in|as a result)\b")

HEDGES = word_set(
    """may might could perhaps possibly probably likely unlikely reportedly allegedly seems
    seemed appears appeared apparently potentially suggests suggested arguably presumably
    supposedly rumoured rumored"""
)
OPINION_WORDS = word_set(
    """desperate desperation gangster despicable shocking dramatic stark radical bold reckless
    disastrous brilliant terrible outrageous absurd ridiculous shameful disgraceful evil
    heroic sadly unfortunately clearly obviously undoubtedly worrisome alarming stunning
    remarkable extraordinary astonishing chaotic erratic mercurial idiosyncratic scrambling
    sellout betrayal disgrace catastrophe catastrophic humiliating humiliation pathetic
    incompetent corrupt brutal vile glorious magnificent tremendous horrible awful"""
)
PREDICTION_WORDS = word_set("will would")
PERCENT_WORDS = frozenset({"%", "percent"})
MONEY_WORDS = frozenset({"$", "€", "£", "dollars", "billion", "million", "trillion"})
# Words and the symbols that make a figure a quantity in the group; numbers (with their
# separators) outside it, so that findall gives NUMBER_TOKEN for them. The lookahead (the
# first characters the alternatives can start with) only makes the scan skip faster.
TOKEN_RE = re.compile(r"(?=[a-z$%€£\d])(?:([a-z]+(?:'[a-z]+)?|[$%€£])|\d+(?:[.,]\d+)*)")
_DIGIT_RE = re.compile(r"\d")
_COMPARATIVE_RE = re.compile(r"\b[a-z]{2,}er than\b")
_SUPERLATIVE_RE = re.compile(r"\bthe [a-z]{3,}est\b")


class ClaimFeatures(NamedTuple):
    """What the pipeline knows about a claim when it scores it. (A named tuple: one is made
    for every claim, at a third of a frozen dataclass's cost.)"""

    text: str
    has_date: bool = False
    actor_count: int = 0
    has_speaker: bool = False
    unnamed_source: bool = False
    is_quote: bool = False
    is_question: bool = False
    date_spans: tuple[tuple[int, int], ...] = ()  # offsets of the dates (not numbers)


def slot(name: str) -> int:
    """The feature's index: CRC-32 of its name, masked to ``BITS`` bits."""
    return zlib.crc32(name.encode("utf-8")) & MASK


def lower(text: str) -> str:
    """``text.casefold()``: for ASCII text (``isascii`` is a flag, no scan) the cheaper
    ``lower``, which is the same there."""
    return text.lower() if text.isascii() else text.casefold()


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens, every number folded to NUMBER_TOKEN."""
    return TOKEN_RE.findall(lower(text))


def word_features(token: str) -> list[str]:
    """The features one word brings on its own: itself and its character n-grams."""
    if len(token) <= 1:  # a number, a symbol, a letter
        return [f"w:{token or NUMBER_NAME}"]
    padded = f" {token} "
    grams = [f"c:{padded[i : i + n]}" for n in CHAR_SIZES for i in range(len(padded) - n + 1)]
    return [f"w:{token}", *grams]


def pair_feature(a: str, b: str) -> str:
    return f"b:{a or NUMBER_NAME} {b or NUMBER_NAME}"


def pair_features(words: list[str]) -> list[str]:
    return [pair_feature(a, b) for a, b in itertools.pairwise(words)]


def vector(features: ClaimFeatures) -> dict[int, float]:
    """The sparse feature vector (slot -> value) training sees; scoring sums the same terms
    without building it."""
    words = tokens(features.text)
    names = [name for t in words for name in word_features(t)] + pair_features(words)
    out: dict[int, float] = {}
    if names:
        share = 1.0 / math.sqrt(len(names))
        for name in names:
            index = slot(name)
            out[index] = out.get(index, 0.0) + share
    for signal in signals(features, words):
        index = slot(f"s:{signal}")
        out[index] = out.get(index, 0.0) + 1.0
    return out


# The word lists behind the lexical signals, one bit each: a word's bits depend on the word
# only, so the scorer caches them per word and ORs them instead of intersecting sets.
FIGURE, NUMBER_WORD, PERCENT, MONEY, COMPARATIVE, CAUSAL, HEDGE, OPINION, PREDICTION = (
    1 << i for i in range(9)
)
_WORD_LISTS = (
    (NUMBER_WORD, NUMBER_WORDS),
    (PERCENT, PERCENT_WORDS),
    (MONEY, MONEY_WORDS),
    (COMPARATIVE, COMPARATIVES),
    (CAUSAL, CAUSAL_WORDS),
    (HEDGE, HEDGES),
    (OPINION, OPINION_WORDS),
    (PREDICTION, PREDICTION_WORDS),
)


# word -> its bits, for the words of the lists (and the number token) only: small, and so
# cheap to look every word of a sentence up in.
LEXICAL: dict[str, int] = {NUMBER_TOKEN: FIGURE}
for _bit, _words in _WORD_LISTS:
    for _word in _words:
        LEXICAL[_word] = LEXICAL.get(_word, 0) | _bit


_LEXICAL_WORDS = frozenset(LEXICAL)


def lexical_bits(words: list[str]) -> int:
    """The OR of the lexical signal bits of the words. Most words of a sentence are in no
    list: one C-level intersection finds the few that are."""
    bits = 0
    for word in _LEXICAL_WORDS.intersection(words):
        bits |= LEXICAL[word]
    return bits


def feature_count(words: list[str]) -> int:
    """How many word, pair and character features ``vector`` names for these tokens, from
    their lengths alone (the scorer's length normalisation needs no list of them). With
    CHAR_SIZES 3 to 5, a word of n >= 2 letters padded to n + 2 has n, n - 1 and n - 2
    n-grams: 3n - 2 features with itself; a letter or a symbol 1 (3n - 2 too); a number 1
    (its token is empty: 3 more than 3n - 2). Then one pair per two adjacent words."""
    n = len(words)
    return 3 * sum(map(len, words)) - 2 * n + 3 * words.count(NUMBER_TOKEN) + max(n - 1, 0)


def signals(
    features: ClaimFeatures,
    words: list[str],
    lexical: int | None = None,
    lowered: str | None = None,
) -> list[str]:
    """The structural signals present, by their readable names (``s:`` dropped).
    ``lexical``: their ``lexical_bits``, and ``lowered``: ``lower(features.text)``, when the
    caller has them at hand."""
    text = features.text
    bits = lexical_bits(words) if lexical is None else lexical
    if lowered is None:
        lowered = lower(text)
    found: list[str] = []
    if bits & NUMBER_WORD or (bits & FIGURE and _digit_outside(text, features.date_spans)):
        found.append("number")
    if bits & PERCENT:
        found.append("percentage")
    if bits & MONEY:
        found.append("money or large amount")
    if features.has_date:
        found.append("date")
    if features.actor_count:
        found.append("named actor")
        if features.actor_count >= 2:
            found.append("several actors")
    if features.has_speaker:
        found.append("attribution")
    elif features.unnamed_source:
        found.append("unnamed source")
    if features.is_quote:
        found.append("quote")
    if (
        bits & COMPARATIVE
        or (" than " in lowered and _COMPARATIVE_RE.search(lowered))
        or ("est " in lowered and _SUPERLATIVE_RE.search(lowered))
    ):
        found.append("comparison")
    # Every match of _CAUSAL_RE holds one of these substrings, tested first (in C, a
    # fraction of a regex scan): the regex runs only on the few sentences that can match.
    hint = "ue to" in lowered or "ed to" in lowered or "ds to" in lowered or "result" in lowered
    if bits & CAUSAL or (hint and _CAUSAL_RE.search(lowered)):
        found.append("cause")
    if bits & HEDGE:
        found.append("hedge")
    if bits & OPINION:
        found.append("opinion word")
    if bits & PREDICTION or "going to" in lowered:
        found.append("prediction")
    if features.is_question or text.rstrip().endswith("?"):
        found.append("question")
    found.append(_length(len(words)))
    return found


def _length(count: int) -> str:
    if count < 6:
        return "short"
    if count < 13:
        return "medium length"
    return "long" if count < 30 else "very long"


def _digit_outside(text: str, spans: tuple[tuple[int, int], ...]) -> bool:
    """Whether ``text`` has a digit outside the dates ``spans`` (sorted, never overlapping):
    the digits of a date do not make a claim numeric. Asked only when the tokens have a
    number, so with no dates the answer is yes without a search (no character lower-cases
    or casefolds to a digit it was not). The gaps are searched in place, no string built."""
    if not spans:
        return True
    cursor = 0
    for start, end in spans:
        if _DIGIT_RE.search(text, cursor, start) is not None:
            return True
        cursor = end
    return _DIGIT_RE.search(text, cursor) is not None
