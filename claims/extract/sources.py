"""Sources that are not a recognised person: the words a speech verb attributes to when no
person mention is its subject. Read from the text around the verb, in a bounded window.

Three answers, because editors treat them differently:

* *unnamed* ("officials said", "a source familiar with the talks", "people briefed on the
  matter", "…, said one strategist"): an anonymous source, never a speaker;
* *description* ("the minister said", "the Treasury Secretary told …", "his campaign
  said"): a definite description the pipeline may resolve to a person the article (or the
  known-actor table) gives that role;
* *unresolved* ("they said", "the report found", "Lavrenko told reporters" with Lavrenko
  nowhere introduced): an attribution whose source the pipeline cannot name.
"""

from __future__ import annotations

import re
from itertools import repeat
from typing import NamedTuple

from .lexicon import FUNCTION_WORDS, word_set
from .role_words import ORG_WORDS_CF, SOURCE_ORG_WORDS_CF
from .source_names import NAME_LINKS, cause_name, source_name
from .speech import SPEECH_VERBS, UNNAMED_SUBJECTS

# Words that end a subject phrase when walking back from its verb: a new clause starts there.
_CLAUSE_WORDS = word_set(
    "that and but or nor when because which who whom whose as if while after before since "
    "although though where so than whether until unless once said says say told tells "
    "according is was are were be been being"
)
DETERMINERS = word_set("the this that these those his her their its our my your")
INDEFINITE = word_set(
    "a an one some several many two three four five six seven eight nine ten other others "
    "few most numerous various multiple any each dozens hundreds thousands another"
)
# Endings of plural nouns for people ("environmentalists", "regulators", "protesters",
# "veterans", "advocates", "residents"): a bare plural of these is a group, unnamed.
_PEOPLE_PLURAL_ENDINGS = ("ists", "ians", "ors", "ers", "ates", "ents", "ans", "ives")
# Written of a source that is kept anonymous: "a person familiar with", "people briefed on".
_ANONYMITY_RE = re.compile(
    r"\b(?:familiar with|briefed on|close to|knowledge of|anonymity|not authori[sz]ed|"
    r"declined to be named|asked not to be (?:named|identified)|speaking on condition)\b",
    re.IGNORECASE,
)
# A piece of each of its alternatives without "i" or "s" (which IGNORECASE also matches to
# "ı", "İ" and "ſ"): the lower-cased text has one of them wherever the regex matches, and
# a substring test in C is far cheaper than trying the regex at every position.
_ANONYMITY_KEYS = (
    "fam", "efed on", "clo", "knowledge of", "anonym", "not author", "ned to be named",
    "ked not to be", "ng on cond",
)  # fmt: skip
# Lower-case nouns naming people in general or by office: with an indefinite article they
# are an unnamed source ("a senior official"), with a definite one a description ("the
# official", resolved by role when the article gives that role to one person).
_PEOPLE_NOUNS = UNNAMED_SUBJECTS | word_set(
    "person persons strategist strategists adviser advisers advisor advisors consultant "
    "consultants operative operatives staffer staffers member members lawyer lawyers "
    "attorney attorneys employee employees worker workers officer diplomats envoy envoys "
    "minister ministers secretary president senator senators lawmaker congressman "
    "congresswoman governor mayor candidate candidates nominee chairman chairwoman chair "
    "director spokesmen spokeswomen negotiator negotiators representative representatives "
    "delegate delegates donor donors organizer organizers official pollster pollsters "
    "respondents friend friends colleague colleagues associate associates ally neighbor "
    "neighbors neighbour neighbours percent majority half third quarter police prosecutors "
    "investigators reporter reporters user users judge someone somebody everyone everybody "
    "anyone anybody group groups crowd crowds"
)
_AUXILIARIES = word_set(
    "has have had also will would did does do not never again already previously repeatedly "
    "publicly privately later then still reportedly recently once since however further almost "
    "long often now always first can could may might must should doesn't didn't don't "
    # (and words that only place or stress the subject: "Ford itself", "polls there")
    "even today yesterday there here itself themselves "
    "can't couldn't won't wouldn't doesn’t didn’t don’t can’t couldn’t won’t wouldn’t"
)
# Capitalised only because they start the sentence: "But", "Still", "Meanwhile".
_LEADING_WORDS = FUNCTION_WORDS - DETERMINERS - INDEFINITE - word_set("i we you it they")
# What a finding can be attributed to when no one is named: "public records show".
_DOCUMENT_NOUNS = word_set(
    "records documents data figures statistics surveys survey polls poll studies study "
    "reports report filings estimates analysis projections statements"
)
# One person of no name, by what they are: "one traveller wrote", "said one mother, …".
_PERSON_WORDS = word_set(
    "traveller traveler passenger commuter commenter reader viewer listener caller narrator "
    "supporter opponent fan voter resident neighbour neighbor mother father wife husband son "
    "daughter man woman person parent student teacher nurse doctor farmer shopper customer "
    "driver owner tenant landlord protester protestor demonstrator volunteer veteran soldier "
    "trader investor banker teenager relative survivor victim patient witness migrant "
    "immigrant refugee"
)
_PRONOUN_SUBJECTS = word_set("they we i you it")
SPOKES_NOUNS = word_set("spokesman spokeswoman spokesperson")
_ANYONE = word_set("everyone everybody anyone anybody someone somebody")
_TEAM_NOUNS = word_set("campaign camp team")
_PREPOSITIONS = word_set("of at for to with in on from inside within across among")
_POSSESSIVE = ("'s", "’s", "s'", "s’")
_WORD_RE = re.compile(r"[^\W\d_][\w'’.-]*|\d[\w.,]*")
_STOPPING_PUNCT = frozenset(',;:()[]“”"«»—–.!?')
_STOPS_BEFORE = ',;:(“”"—'  # (not ".": "Mr. Regalado")
_AGE_RE = re.compile(r",\s*\d{1,3},?$")
_TRAILING_AUX_RE = re.compile(r",(?:\s+(?:has|have|had|also|then|later|now|\w+ly))+$")
# A parenthesis or a time between a name and its verb: "(D-Md.)", "last week", "on Friday".
_TRAILING_ASIDE_RE = re.compile(
    r"(?:\s*\([^()]{1,30}\))?(?:\s+(?:last|this|on|late|early)\s+[A-Za-z]+)?\s*$"
)
_NOT_HEADS = DETERMINERS | INDEFINITE
_NOT_SUBJECTS = _PREPOSITIONS | _CLAUSE_WORDS
_TIME_LEADS = frozenset(("last", "this", "on", "late", "early"))
# How a text that ``_TRAILING_AUX_RE`` matches ends: tested first (in C), the regex, which
# tries every comma, then runs for few subject phrases.
_AUX_ENDINGS = ("has", "have", "had", "also", "then", "later", "now", "ly")
_RELATIVE_END_RE = re.compile(r"\s(?:who|that)\s+$")
WINDOW = 90  # characters before a verb read for its subject phrase
# A clause of the reporter's contact with the source, after it: "Voters I spoke with said",
# "Everyone we interviewed criticized", "People she met say".
_CONTACT_CLAUSE_RE = re.compile(
    r"\s(?:I|we|you|they|he|she)\s+(?:spoke|talked|met|interviewed|surveyed|asked|contacted|"
    r"polled|reached|consulted|heard)(?:\s+(?:with|to|from))?\s*$"
)
_CONTACT_ENDINGS = (
    "spoke", "talked", "met", "interviewed", "surveyed", "asked", "contacted", "polled",
    "reached", "consulted", "heard", " with", " to", " from",
)  # fmt: skip


class Source(NamedTuple):
    kind: str  # "unnamed", "description", "unresolved"
    phrase: str  # the subject as written ("the minister", "officials")
    start: int = 0  # its offset in the sentence


def _anonymous(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``_ANONYMITY_RE`` finds anything in ``text[start:end]``."""
    if not any(map(text[start:end].lower().__contains__, _ANONYMITY_KEYS)):
        return False
    return _ANONYMITY_RE.search(text, start, len(text) if end is None else end) is not None


def _phrase_words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The words of the subject phrase that ends at ``end``: walking back until punctuation,
    a clause word or the window's start."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text, start, end)]
    kept: list[tuple[int, int, str]] = []
    cursor = end
    for at in range(len(words) - 1, -1, -1):
        begin, finish, word = words[at]
        between = text[finish:cursor]
        if any(ch in _STOPPING_PUNCT for ch in between):
            break
        low = word.casefold()
        if low in _CLAUSE_WORDS and not _joins_a_name(low, kept, words, at):
            break
        if (
            _past_tense(word)
            and "-" not in word
            and not _participle_ok(text, begin, kept, end)
            and not (kept and at and words[at - 1][2].casefold() in _NOT_HEADS)
        ):
            break  # a past-tense verb ("Scott has freed up … to announce"); but right
            # before the verb it is a participle ("those surveyed said", "voters polled
            # say"), and after a determiner an adjective ("the unsigned opinion said")
        kept.append((begin, finish, word))
        cursor = begin
        if len(kept) >= 9:
            break
    kept.reverse()
    return kept


def _joins_a_name(low: str, kept: list, words: list[tuple[int, int, str]], at: int) -> bool:
    """Whether "and" joins two capitalised words of one name ("Food and Drink Federation",
    "Department for Work and Pensions"): it does not end the phrase then."""
    if not (low in ("and", "&") and kept and at > 0 and kept[-1][2][:1].isupper()):
        return False
    run = [w for _, _, w in kept]
    for _, _, word in reversed(words[:at]):  # the capitalised run the "and" sits in
        if not (word[:1].isupper() or word in NAME_LINKS):
            break
        run.append(word)
    return words[at - 1][2][:1].isupper() and any(
        w.casefold().rstrip(".") in SOURCE_ORG_WORDS_CF for w in run
    )  # (an organisation's name: "Ames and Lopes said" are two people)


def _participle_ok(text: str, begin: int, kept: list, end: int) -> bool:
    """Whether a past participle can describe the subject: right before the speech verb
    (nothing kept yet, a lower-case word at ``end``) and after a noun or "those" (not a
    pronoun: "he surveyed said" is no English)."""
    if kept or not text[end : end + 2].lstrip()[:1].islower():
        return False
    before = text[max(0, begin - 30) : begin].split()
    return bool(before) and before[-1].isalpha() and before[-1].casefold() not in _PRONOUNS_CF


_PRONOUNS_CF = frozenset({"he", "she", "it", "they", "we", "i", "you"})


def _past_tense(word: str) -> bool:
    return word.endswith("ed") and word[0].islower() and len(word) > 4


def classify_phrase(text: str, words: list[tuple[int, int, str]]) -> Source | None:
    """What a subject phrase is: an unnamed source, a description, or an unresolved one."""
    while words and _is_auxiliary(words[-1][2], words[-2][2] if len(words) > 1 else ""):
        words = words[:-1]  # "the report has found", "diplomats almost universally"
    while words and words[0][2].casefold() in _LEADING_WORDS:  # "But Halvorsen said"
        words = words[1:]
    folded = [w.casefold() for _, _, w in words]  # (once, for all the tests below)
    start = _np_start(folded)
    words, folded = words[start:], folded[start:]
    if not words or folded[-1] in _NOT_HEADS:
        return None  # "His remarks", "the claims": the "verb" was a noun
    if words[-1][2].endswith(_POSSESSIVE):
        return None  # "Editor's note", "Trump's claims": a noun too
    spoken_for = _spoken_for(text, words, folded)
    if spoken_for is not None:
        return spoken_for
    phrase = text[words[0][0] : words[-1][1]]
    found = _classify(phrase, words, [w.rstrip(".") for w in folded])
    return Source(found.kind, phrase, words[0][0]) if found is not None else None


def _spoken_for(text: str, words: list[tuple[int, int, str]], folded: list[str]) -> Source | None:
    """The organisation a spokesperson in the phrase speaks for, when it names one ("a
    spokesperson for the Harbour Authority", "a Harbour Authority spokeswoman"): on the
    record for it, so not anonymous. Not a person ("a spokesman for Ames"): that is not
    Ames speaking."""
    at = next((i for i, w in enumerate(folded) if w in SPOKES_NOUNS), None)
    if at is None:
        return None
    if at + 2 < len(words) and folded[at + 1] in ("for", "of", "at"):
        start, end = words[at + 2][0], words[-1][1]
    elif 0 < at == len(words) - 1:
        lead = folded[0] in DETERMINERS or folded[0] in INDEFINITE
        if at == lead:
            return None
        start, end = words[lead][0], words[at - 1][1]
    else:
        return None
    found = source_name(text[start:end])
    if found is None or found[1] != "organization":
        return None
    return Source("unresolved", text[start:end], start)


def _is_auxiliary(word: str, before: str) -> bool:
    """An auxiliary or an adverb ending the phrase; "-ly" after a determiner or possessive
    is a noun ("the family", "Ames's ally")."""
    folded = word.casefold()
    if folded in _AUXILIARIES:
        return True
    if not (folded.endswith("ly") and len(folded) > 4 and word.islower()):
        return False
    before = before.casefold()
    return before not in DETERMINERS and not before.endswith(_POSSESSIVE)


def source_at_start(text: str, limit: int) -> Source | None:
    """The source that opens the sentence, for a verb that has no subject of its own
    ("One aide at the firm declined to comment, saying …"): its first words, up to a
    clause word, punctuation, an auxiliary or a past-tense verb."""
    words: list[tuple[int, int, str]] = []
    for match in _WORD_RE.finditer(text, 0, min(limit, WINDOW)):
        word = match.group()
        low = word.casefold()
        if any(ch in _STOPPING_PUNCT for ch in text[words[-1][1] if words else 0 : match.start()]):
            break
        if low in _CLAUSE_WORDS or low in _AUXILIARIES or low in SPEECH_VERBS:
            break
        if low.endswith("ed") and word[0].islower() and len(low) > 4:
            break
        words.append((match.start(), match.end(), word))
    return classify_phrase(text, words)


def _classify(phrase: str, words: list[tuple[int, int, str]], lowered: list[str]) -> Source | None:
    """``lowered``: the words casefolded, without a trailing period."""
    if cause_name(phrase.split()) is not None:
        return Source("unresolved", phrase)  # "Physicians for Human Rights": a group's name
    if lowered[-1] in INDEFINITE or lowered[-1][:1].isdigit():
        return Source("unnamed", phrase)  # "one in five say", "47 percent of them said"
    if _anonymous(phrase):
        return Source("unnamed", phrase)
    head = _head(lowered)
    first = lowered[0]
    if len(words) == 1 and head in _PRONOUN_SUBJECTS:
        return Source("unresolved", phrase)
    indefinite = first in INDEFINITE or first[:1].isdigit()  # "47 percent said"
    if indefinite and (head in _PEOPLE_NOUNS or head.endswith("s") or _a_person(words, head)):
        return Source("unnamed", phrase)  # "a senior official", "some Republicans"
    # ("officials said", "U.S. officials said"; not "Granite Peak Partners", a firm)
    firm = head in ORG_WORDS_CF and len(words) > 1 and phrase.istitle()
    if head in UNNAMED_SUBJECTS and head.endswith("s") and first not in DETERMINERS and not firm:
        return Source("unnamed", phrase)
    bare = first not in DETERMINERS and not first.endswith(_POSSESSIVE)
    if bare and head in _DOCUMENT_NOUNS and _lower_head(words, head):
        return Source("unresolved", phrase)  # "court documents show" (not "-ents" people)
    if bare and head.endswith(_PEOPLE_PLURAL_ENDINGS) and _lower_head(words, head):
        return Source("unnamed", phrase)  # "environmentalists worry", "some voters"
    if head in _TEAM_NOUNS and len(words) > 1 and _lower_head(words, head):
        return Source("description", phrase)  # "Clinton campaign says", "the Ames camp"
    if first == "those" and len(lowered) == 2 and lowered[1].endswith("ed"):
        return Source("unnamed", phrase)  # "those surveyed said", "those polled"
    if first in DETERMINERS or first.endswith(_POSSESSIVE):
        return Source("description", phrase)
    if len(words) == 1 and head in _ANYONE:
        return Source("unnamed", phrase)  # "Everyone I interviewed said": a capital by place
    if head != lowered[-1] and head.endswith("s") and head in _PEOPLE_NOUNS:
        return Source("unnamed", phrase)  # "Friends of Ames said", "Members of Congress say"
    capitalised = [w for _, _, w in words if w[0].isupper()]
    # (A capital inside a common noun phrase names nobody: "a Facebook message posted".)
    named = capitalised and words[-1][2][0].isupper()
    if named and not any(map(FUNCTION_WORDS.__contains__, map(str.casefold, capitalised))):
        return Source("unresolved", phrase)
    if head in _PEOPLE_NOUNS:
        return Source("unnamed", phrase)
    if head in _DOCUMENT_NOUNS or (indefinite and _lower_head(words, head)):
        return Source("unresolved", phrase)  # "campaign finance records show", "a new ad says"
    return None


def _a_person(words: list[tuple[int, int, str]], head: str) -> bool:
    """Whether a lower-case head noun names a person ("traveller", "mother")."""
    return head in _PERSON_WORDS and _lower_head(words, head)


def is_person_noun(word: str) -> bool:
    """Whether a word names people in general or by office ("aide", "officials")."""
    return word.casefold() in _PEOPLE_NOUNS


def is_speaker_noun(word: str) -> bool:
    """Whether a description's head names who can speak: a person or group ("minister",
    "officials") or an organisation ("ministry", "Kremlin"), not a thing ("footage")."""
    folded = word.casefold().rstrip(".,")
    return folded in _PEOPLE_NOUNS or folded in ORG_WORDS_CF or folded in _TEAM_NOUNS


def _lower_head(words: list[tuple[int, int, str]], head: str) -> bool:
    """Whether the head noun is written in lower case (a common noun, not a name)."""
    return any(w.casefold().rstrip(".") == head and w[0].islower() for _, _, w in words)


def _np_start(lowered: list[str]) -> int:
    """Where the noun phrase ending the words starts: back to its determiner, across "of" /
    "for" links ("a spokesman for the campaign"), but not into what came before ("In an
    interview Tuesday the senator" → "the senator")."""
    i = len(lowered) - 1
    start = 0
    while i >= 0:
        word = lowered[i]
        if word in DETERMINERS or word in INDEFINITE or word.endswith(_POSSESSIVE):
            start = i
            if i > 0 and lowered[i - 1] in _PREPOSITIONS:
                start = 0  # the phrase the link attaches to, unless a determiner starts it
                i -= 2
                continue
            return start
        i -= 1
    return start


def _head(lowered: list[str]) -> str:
    """The phrase's head noun: the word before its first preposition ("people in the
    room" → people), else its last word."""
    for i, word in enumerate(lowered[1:], start=1):
        if word in _PREPOSITIONS:
            return lowered[i - 1]
    return lowered[-1]


def source_before(text: str, end: int) -> Source | None:
    """The source written right before a speech verb at ``end`` ("the minister said"), an
    appositive between them skipped ("a source, who spoke on condition of anonymity, said")."""
    stripped = _without_age(text[:end].rstrip())  # "Ann Marsh, 63, a voter, said"
    auxiliary = None
    if stripped.removesuffix("\n").endswith(_AUX_ENDINGS):  # ("$" allows one newline)
        auxiliary = _TRAILING_AUX_RE.search(stripped)
    if auxiliary is not None:  # "The agency, in a long letter, has said"
        stripped = stripped[: auxiliary.start() + 1]
    if stripped.endswith(","):
        opening = _appositive_comma(stripped, max(0, end - WINDOW))
        if opening > 0:
            if _anonymous(stripped, opening):
                return Source("unnamed", stripped[opening + 1 : -1].strip(), opening + 1)
            end = len(_without_age(stripped[:opening]))
    end = _before_aside(text, end)  # "Ann Marsh (D-Md.) last week said"
    if text.endswith(_CONTACT_ENDINGS, 0, end):
        contact = _CONTACT_CLAUSE_RE.search(text, max(0, end - 40), end)
        if contact is not None:  # "Voters I spoke with said": the voters
            end = contact.start()
    window = max(0, end - WINDOW)
    start = max(window, max(map(text.rfind, _STOPS_BEFORE, repeat(window), repeat(end))) + 1)
    if _anonymous(text, start, end):  # "people briefed on the matter said"
        return Source("unnamed", text[start:end].strip(), start)
    words = _phrase_words(text, start, end)
    if words and words[0][0] > start:
        relative = _before_relative(text, start, words[0][0])
        if relative is not None:
            return relative
    return classify_phrase(text, words)


def _appositive_comma(text: str, start: int) -> int:
    """Where the appositive that ``text``'s last comma closes opens: the comma before it,
    passing over those inside a number ("which followed 19,000 adults,"); -1 if none."""
    at = text.rfind(",", start, len(text) - 1)
    while at > 0 and text[at - 1 : at].isdigit() and text[at + 1 : at + 2].isdigit():
        at = text.rfind(",", start, at)
    return at


def _without_age(text: str) -> str:
    """``text`` without a trailing age (``_AGE_RE``): one ends in a digit (``isdecimal``, the
    regex's digits) or a comma, before at most one newline (as "$" allows)."""
    last = text.removesuffix("\n")[-1:]
    if last.isdecimal() or last == ",":
        return _AGE_RE.sub("", text)
    return text


def _before_aside(text: str, end: int) -> int:
    """Where ``_TRAILING_ASIDE_RE`` starts before ``end``. When the text before ``end``
    ends in neither ")" nor a time word and a word ("last week"), that is where its
    trailing spaces start: the regex, which tries every position of its window, is only
    needed otherwise."""
    window = max(0, end - 40)
    stripped = text[window:end].rstrip()
    words = stripped.rsplit(None, 2)
    if not stripped.endswith(")") and not (len(words) > 1 and words[-2] in _TIME_LEADS):
        return window + len(stripped)
    return _TRAILING_ASIDE_RE.search(text, window, end).start()  # type: ignore[union-attr]


def _before_relative(text: str, start: int, end: int) -> Source | None:
    """ "Officials who spoke with the Courier said": the phrase before the relative clause
    that the walk back from the verb stopped at, if it is an unnamed or described source."""
    relative = _RELATIVE_END_RE.search(text, max(start, end - 8), end)
    if relative is None:
        return None
    found = classify_phrase(text, _phrase_words(text, start, relative.start()))
    return found if found is not None and found.kind != "unresolved" else None


def source_after(text: str, start: int, according: bool = False) -> Source | None:
    """The source written after an inverted verb or "according to" ("…," said one
    strategist; according to the ministry, …): the words up to the clause's end."""
    words: list[tuple[int, int, str]] = []
    cursor = start
    for match in _WORD_RE.finditer(text, start, min(len(text), start + WINDOW)):
        between = text[cursor : match.start()]
        if any(ch in _STOPPING_PUNCT for ch in between):
            break
        if match.group().casefold() in _CLAUSE_WORDS:
            break
        words.append((match.start(), match.end(), match.group()))
        cursor = match.end()
    if not according and words and words[0][2].casefold() in _NOT_SUBJECTS:
        return None  # ", hopes for a deal": no subject after the verb, a noun phrase
    if words and _anonymous(text, words[0][0], min(len(text), start + WINDOW + 60)):
        return Source("unnamed", text[words[0][0] : words[-1][1]], words[0][0])
    found = classify_phrase(text, words)
    if found is None and according and words:
        # "according to company documents": whatever follows is the source.
        return Source("unresolved", text[words[0][0] : words[-1][1]], words[0][0])
    return found
