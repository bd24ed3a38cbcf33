"""Whether a speech verb found in a sentence reports anything there: not a passive ("was
found dead"), not "added to" or an infinitive of no report, not a noun ("a direct call",
"the party's support"), not "find itself"; whether it sits in an opening subordinate
clause that yields to the main one, or in a closing clause that names the whole sentence's
source. Used by ``attribution``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .lexicon import word_set
from .sources import DETERMINERS, INDEFINITE
from .speech import (
    INFINITIVE_SPEECH,
    INTENT_ADJECTIVES,
    STANCE_ADJECTIVES,
    STANCE_VERBS,
    UNNAMED_SUBJECTS,
    SpeechVerb,
)

# Speech verbs that are nouns too: "Ames’s claim that …", "her warning that …".
_CLAIM_NOUNS = word_set("claim claims warning promise charge")


def claim_noun(text: str, verb: SpeechVerb, subject_end: int | None = None) -> bool:
    """ "Ames’s claim that the port is safe": the statement is Ames's."""
    return (
        verb.word in _CLAIM_NOUNS
        and (subject_end is None or not text[subject_end : verb.start].strip())
        and text.startswith(" that ", verb.end)
    )


# "have added to tensions", "continued to rise" (no one's words). ("wants to cut", "agreed
# to meet" are: an intention or a commitment is attributed to its holder.)
_TO_AFTER = ("add", "continue")


_ADDING = word_set("add adds added adding")
_AMOUNTS = word_set(
    "another one two three four five six seven eight nine ten eleven twelve fifteen twenty "
    "thirty forty fifty hundred dozens hundreds thousands millions billions"
)


# What a team or a player concedes or claims on the field, not in words: "conceded a
# penalty", "conceded two goals", "claimed pole position", "claimed a bonus point". (In
# politics "claimed victory", "conceded the race" and "conceded defeat" are said.)
_CLAUSE_END = (
    r"(?=[.,;:!?)]| (?:to|in|on|at|after|before|for|with|from|by|during|against|and|but|as)\b|$)"
)
_CONTEST_OBJECT_RE = re.compile(
    r" (?:pole\b|(?:a|an|another|\d[\d,.]*|two|three|four|five)"
    rf"(?: (?!victory|defeat|win\b|seat|race|election|majority)[\w'’-]+){{1,2}}{_CLAUSE_END})"
)  # (then the clause's end: "claimed a third of voters backed him" is said)


def _amount_after(text: str, end: int) -> bool:
    after = _next_word(text, end)
    return after[:1].isdigit() or after[:1] in ("$", "£", "€") or after in _AMOUNTS


# Verbs whose subject is also the subject of the infinitive after them: "Ames continued to
# insist", "she appeared to suggest", "he has yet to explain", "they went on to discuss".
_CONTROL_BEFORE_TO = word_set(
    "continue continues continued appear appears appeared seem seems seemed on yet able "
    "unable try tries tried attempt attempts attempted refuse refuses refused decline "
    "declines declined want wants wanted plan plans planned intend intends intended hope "
    "hopes hoped vow vows vowed promise promises promised agree agrees agreed seek seeks "
    "sought expect expects expected"
)
_NO_COMPLEMENT = frozenset(("", ".", ",", ";", ":", "—", "–", ")", "!", "?"))
BE = frozenset({"is", "was", "were", "are", "be", "been", "being"})
_LINKING_AUX = frozenset({"also", "then", "later", "has", "had", "have", "once", "first"})


def word_before(text: str, verb: SpeechVerb) -> str:
    """The word right before the verb, an auxiliary or adverb skipped ("and also said" →
    "and", "was quickly found" → "was"), lower-cased."""
    words = text[max(0, verb.start - 40) : verb.start].split()
    if len(words) > 1 and (words[-1] in _LINKING_AUX or words[-1].endswith("ly")):
        return words[-2].casefold()
    return words[-1].casefold() if words else ""


# ", many think," / ", his advisers believe,": a stance verb set off by commas inside the
# clause it reports, its complement being the rest of the sentence.
_PARENTHETICAL_RE = re.compile(r", (?:[\w'’-]+ ){1,4}$")


def _parenthetical(text: str, verb: SpeechVerb) -> bool:
    return text.startswith(",", verb.end) and bool(
        _PARENTHETICAL_RE.search(text, max(0, verb.start - 40), verb.start)
    )


_FINDING = word_set("find finds found")
_REFLEXIVE_RE = re.compile(r" (?:itself|himself|herself|themselves|ourselves|myself|yourself)\b")


def _plural_noun(text: str, verb: SpeechVerb, before: str) -> bool:
    """Whether an "-s" form is a plural noun: counted ("twelve states", "many claims"), or
    a verb agreeing with a plural follows it."""
    if before in _COUNTING or (
        before[:1].isdigit() and text[verb.start - 2 : verb.start - 1].isdigit()
    ):
        return True  # ("12 states", not "since 2015, shows")
    after = _next_word(text, verb.end)
    if after in _PLURAL_VERBS:
        return True
    if after not in _PLURAL_AUXILIARIES or before in _SUBJECT_PRONOUNS:
        return False
    return _RELATIVE_LEAD_RE.search(text, max(0, verb.start - 60), verb.start) is None


# What "states" something: a document, not a person (who "says").
_STATING = word_set(
    "complaint lawsuit suit filing indictment report document website statement letter order "
    "ruling judgment decision law bill act policy memo release constitution rule rules section "
    "clause contract agreement affidavit motion petition notice page post study warrant"
)
_COUNTING = word_set(
    "two three four five six seven eight nine ten eleven twelve fifteen twenty fifty hundred "
    "many several few all both other these those various numerous multiple dozens hundreds "
    "thousands"
)
_SUBJECT_PRONOUNS = word_set("he she it they we i you who")


def _next_word(text: str, end: int) -> str:
    """The word one space after ``end``, casefolded (at most 12 characters read)."""
    if text[end : end + 1] != " ":
        return ""
    words = text[end + 1 : end + 13].split(maxsplit=1)
    return words[0].casefold() if words else ""


def _word_before_to(text: str, verb: SpeechVerb) -> str:
    words = text[max(0, verb.start - 40) : verb.start].split()
    if words and words[-1] != "to":  # ("to publicly insist")
        words.pop()
    return words[-2].casefold() if len(words) > 1 else ""


# Verbs that agree with a plural subject: after one of them an "-s" form is a plural noun
# ("Mortgage rates fell", "Insurance claims were up", "New rules took effect"); a verb is
# never followed by another finite verb ("What Ames claims is false" has "is": not here).
_PLURAL_VERBS = word_set(
    "remain remained fell rose grew climbed dropped jumped soared surged slid slipped declined "
    "increased edged eased hit reached stood stayed topped doubled took"
)
# These also follow a verb whose object a relative clause moved ("the deals, which he
# estimates will last", "that she says are false"): a noun only with no such clause.
_PLURAL_AUXILIARIES = word_set("are were have had will would could can may might must should")
_RELATIVE_LEAD_RE = re.compile(r"\b(?:which|that|who|whom|what)\s+(?:\S+\s+){0,3}$", re.I)


def not_speech(text: str, verb: SpeechVerb, before: str) -> bool:
    """A speech verb used otherwise: passive ("was found dead", "is expected"), followed by
    "to" where that makes it no report ("added to", "continued to"), or an "-s" form that is
    a plural noun ("rates fell")."""
    if verb.word == "states" and before not in _STATING:
        return True  # ("in states won by Democrats": mostly the noun; "the complaint states")
    if verb.word.endswith("s") and _plural_noun(text, verb, before):
        return True
    if verb.word.startswith(_TO_AFTER) and text.startswith(" to ", verb.end):
        return True
    if verb.word.startswith(("conced", "claim")) and _CONTEST_OBJECT_RE.match(text, verb.end):
        return True
    if verb.word in _ADDING and before[-1:].isalnum() and _amount_after(text, verb.end):
        # ("added 84 yards", "added another goal": something added, not said; '“…,” added
        # another delegate' is said)
        return True
    if before == "to" and verb.word not in INFINITIVE_SPEECH:
        return _word_before_to(text, verb) not in _CONTROL_BEFORE_TO
    if verb.word in STANCE_VERBS and text[verb.end : verb.end + 1] in _NO_COMPLEMENT:
        return not _parenthetical(text, verb)
    if verb.word in STANCE_ADJECTIVES or verb.word in INTENT_ADJECTIVES:  # (no passive)
        return False
    if verb.word in _FINDING and _REFLEXIVE_RE.match(text, verb.end):
        return True  # "may find itself isolated": a situation, no finding
    if verb.word in _CALLING and _PHONE_CALL_RE.match(text, verb.end):
        return True  # "Biden called Macron on Tuesday": a telephone call, nothing said
    return before in BE and not verb.word.endswith("ing")  # ("is telling": not passive)


_CALLING = word_set("call calls called calling")
# A name right after "called", then the sentence's end, a time, a place or a purpose: the
# call is a telephone call ("called Macron on Tuesday", "called Macron to discuss …"). A
# name then a description is naming ("called Zelensky a dictator"), said by the subject.
_PHONE_CALL_RE = re.compile(
    r"\s+(?:[A-Z][\w.’'-]*\s+){0,5}[A-Z][\w’'-]*(?:[.!]?\s*$|;|\s+(?:on|in|at|from|last|"
    r"this|early|late|to|about|after|before|during|and|twice|again|yesterday|today)\b)"
)


# Base forms that are nouns too: after a singular subject with no auxiliary they are the
# noun ("the party's broader support", "a direct call"): a singular subject says "supports".
BASE_NOUNS = word_set(
    "support call plan question rule claim charge highlight reference forecast demand "
    "promise praise worry view"
)
_BASE_LEADS = (
    _LINKING_AUX
    | BE
    | word_set("to will would can could may might must should shall do does did not never also n't")
)


def noun_after_singular(text: str, verb: SpeechVerb, before: str, kind: str, phrase: str) -> bool:
    """A base form that is a noun after its singular "subject" ("the party's broader
    support", "a direct call"): a singular subject says "supports"."""
    if verb.word not in BASE_NOUNS or before in _BASE_LEADS or before.endswith("n't"):
        return False
    if before.endswith(("’s", "'s")) and claim_noun(text, verb):
        return False  # "Ames’s claim that …" is meant as a noun
    if kind == "named":
        return True
    if kind in ("pronoun", "unnamed"):
        return False
    last = phrase.split()[-1].casefold() if phrase else ""
    return not last.endswith("s") and last not in ("i", "we", "you", "they")


_SUBORDINATORS = word_set("when after as because if while since before although though once")


def in_leading_clause(text: str, verb: SpeechVerb) -> bool:
    """Whether the verb is in a subordinate clause that opens the sentence ("When Acme
    signaled …, Ames said"): the main clause, after its comma, has the attribution."""
    head = text[:12].split(maxsplit=2)
    if head and head[0].casefold() in ("so", "but", "and"):
        head = head[1:]
    if not head or head[0].casefold() not in _SUBORDINATORS:
        return False
    return "," not in text[: verb.start] and "," in text[verb.end :]


# What may follow the verb of a closing attribution: its object, a time or a venue ("told
# reporters on Monday", "said in a statement"), a short name ("said Yuri Ushakov"); no clause.
_CLOSING_REST_RE = re.compile(r"(?:\s+[\w’'.-]+){0,7}?\s*[.!]?[”\"’']?\s*")
_INVERTED_SUBJECT_RE = re.compile(r"\s+(?:(?:the|a|an)\s+)?[A-Z]")
_REPORTING = word_set(
    "said says say told tells added adds reported reports wrote writes stated states noted "
    "notes explained explains argued argues insisted insists claimed claims confirmed "
    "announced predicted recalled observed concluded acknowledged estimated asserted"
) | {"according to"}
_SAYING = word_set("said says say told tells") | {"according to"}
# What a closing clause's subject may open with: a determiner or quantifier ("the
# ministry", "two people"), or a group noun ("officials", "analysts").
_SUBJECT_LEADS = DETERMINERS | INDEFINITE | UNNAMED_SUBJECTS | word_set("both all aides")
# Subordinators and relatives: a clause, not a subject or a closing verb's object. (Not
# ``sources._CLAUSE_WORDS``, which also stops at verbs: "…, Trump said he was ready." closes.)
_NOT_IN_SUBJECT = word_set(
    "that and but as because while if when who whom whose which where before after since until"
)


def closing_clause(text: str, verbs: Sequence[SpeechVerb]) -> bool:
    """Whether the last of ``verbs`` is in a short clause after the sentence's last comma
    that closes it, with the others before that comma: ", Ushakov said.", ", a US official
    said on Monday.", ", according to the Elysee.", ", said Yuri Ushakov." (not ", Ames
    said, adding …", ", Ames said that …", ", cutting off a reporter who asked …")."""
    verb = verbs[-1]
    if verb.word not in _REPORTING:
        return False  # (", Teck wants the gap narrowed": a main clause of its own)
    if any(v.word in _SAYING for v in verbs[:-1]):
        return False  # ("Ames said …, the Post reported": Ames is who the claim quotes)
    comma = text.rfind(",", 0, verb.start)
    if comma < verbs[-2].end or "," in text[verb.end :]:
        return False
    subject = text[comma + 1 : verb.start].split()
    if len(subject) > 6 or len(text[:comma].split()) < 4:
        return False
    if any(w.casefold() in _NOT_IN_SUBJECT or w.endswith("ing") for w in subject):
        return False
    if subject and not (subject[0][0].isupper() or subject[0].casefold() in _SUBJECT_LEADS):
        return False  # (", in an implicit caution to …": no subject)
    if not subject and _INVERTED_SUBJECT_RE.match(text, verb.end) is None:
        return False  # (", said Ushakov", not ", said before he died")
    rest = text[verb.end :]
    return _CLOSING_REST_RE.fullmatch(rest) is not None and not (
        _NOT_IN_SUBJECT & set(rest.casefold().split())
    )


# A verb inside an aside set off by commas after a name ("Sen. Ann Roe, an Iowa Republican
# who has long criticised the budget, said …"): the sentence's own verb comes after it.
_ASIDE_OPEN_RE = re.compile(r",\s+(?:an?|the)\s[^,;:“”\"]*\bwho\s[^,;:“”\"]*$")


def in_aside(text: str, verb: SpeechVerb) -> bool:
    """Whether the verb is in a relative clause of an aside after a name: a later verb may
    have the sentence's source."""
    aside = _ASIDE_OPEN_RE.search(text, max(0, verb.start - 120), verb.start)
    if aside is None or "," not in text[verb.end :]:
        return False
    # ("a Republican who spoke on condition of anonymity, said": that aside's verb makes
    # the source anonymous, and stands)
    closing = text.find(",", verb.end)
    return "anonym" not in text[aside.start() : closing] and "not to be named" not in text
