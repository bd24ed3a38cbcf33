"""Speech verbs ("said", "warns", "according to") and the words that may stand between a
speaker and the verb, found in one linear pass over a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from .lexicon import CALENDAR_WORDS, word_set
from .quotes import QuoteIndex

# Finite forms: "Bolton says", "said Rubio", "she cautions": verbs that report what someone
# said, wrote or published ("the study found", "the poll shows"), or holds ("thinks",
# "fears", "wants": a stance is attributed to its holder just as a statement is).
_FINITE = (
    "say says said tell tells told assert asserts asserted argue argues argued warn warns "
    "warned caution cautions cautioned explain explains explained remark remarks remarked "
    "add adds added note notes noted insist insists insisted claim claims claimed "
    "stated states write writes wrote tweet tweets tweeted declare declares declared "
    "lament laments lamented believe believes believed urge urges urged ask asks asked "
    "reply replies replied respond responds responded acknowledge acknowledges acknowledged "
    "admit admits admitted stress stresses stressed emphasize emphasizes emphasized "
    "emphasise emphasises emphasised announce announces announced recall recalls recalled "
    "observe observes observed predict predicts predicted concede concedes conceded counter "
    "counters countered conclude concludes concluded vow vows vowed promise promises "
    "promised pledge pledges pledged deny denies denied confirm confirms confirmed "
    "criticize criticizes criticized criticise criticises criticised lambast lambasts "
    "lambasted accuse accuses accused contend contends contended describe describes "
    "described complain complains complained testify testifies testified expressed "
    "calls called suggest suggests suggested told report reports reported find finds found "
    "show shows showed reveal reveals revealed indicate indicates indicated estimate "
    "estimates estimated think thinks thought hope hopes hoped expect expects know knows "
    "knew fear fears feared want wants wanted posted joked mocked "
    "recounted disputed dismissed blasted slammed praised defended endorsed agreed "
    "disagreed doubted questioned continued propose proposes proposed recommend "
    "recommends recommended repeat repeats repeated threaten "
    "threatens threatened blame blames blamed decry decries decried agree agrees "
    "understand understands understood endorse endorses urged denounce denounces denounced "
    "cite cites cited tout touts touted continues disclosed acknowledged boasted "
    "boasts bragged brags conceded quipped mused "
    # Verbs of mentioning, proposing, judging and intending: news attributes a position
    # with them as it does a statement ("Rivas wants to cut taxes", "the court ruled that",
    # "Ames rejected the offer", "she likened him to a bully").
    "mention mentions mentioned discuss discusses discussed "
    "pointed offered propose rejects rejected liken likens "
    "likened compare compares compared demand demands demanded "
    "support supports supported oppose opposes opposed backed favors favored favours "
    "favoured prefer prefers preferred plans planned intends intended seeks sought "
    "decided considers considered worry worries worried questions challenged "
    "thanked promoted highlighted detailed referred referenced charged attacked "
    "apologized apologised disputes dismisses praises defends slams blasts welcomed "
    "welcomes condemn condemns condemned ruled rules rated signaled signalled "
    "hinted sees views viewed regards regarded characterize characterizes characterized "
    "characterise characterises characterised brands branded hail hails hailed laud lauds "
    "lauded proclaim proclaims proclaimed deride derides derided champion champions "
    "championed invoke invokes invoked outline outlines outlined unveil unveils unveiled "
    "commented thank thanked congratulate congratulates congratulated assure assures "
    "assured apologize apologizes apologise apologises yells yelled shouts shouted chanted "
    "admires admired recognizes recognized recognises recognised realizes realized feel "
    "feels felt chastise chastises chastised rebuke rebukes rebuked scold scolds scolded "
    "forecast forecasts reference references articulate articulates articulated echo "
    "echoes echoed compliment compliments complimented retweet retweets retweeted "
    "confronted debated call wonder wonders wondered resent resents resented highlight "
    "highlights grill grills grilled "
    # More verbs of restating, alleging and answering ("Ames reiterated that …").
    "reiterate reiterates reiterated allege alleges alleged answered implied implies "
    "surmised elaborated applaud applauds applauded remind reminds reminded voiced "
    "decry lamented insisted encourage encourages encouraged remember remembers remembered "
    "recognize recognise realize realise consider doubt doubts"
)
STANCE_ADJECTIVES = word_set(
    "afraid concerned confident convinced certain sure hopeful optimistic skeptical "
    "sceptical adamant incensed frustrated furious angry upset"
)
INTENT_ADJECTIVES = word_set("eager determined willing reluctant keen")
# Verbs that report speech only with their particle: "spoke of", "talked about", "points to"
# (not "spoke in Ohio", "leads by three points").
_PHRASAL = {
    **dict.fromkeys(
        ("spoke", "speaks", "speak", "speaking", "talked", "talks", "talk", "talking"),
        (" of ", " about ", " out "),
    ),
    # "would like to", "I’d like to": a wish, with its infinitive
    "like": (" to ",),
    **dict.fromkeys(("point", "points", "pointing"), (" to ", " out ")),
    **dict.fromkeys(("laid", "lays", "laying", "spelled", "spells"), (" out ",)),
    **dict.fromkeys(("put", "puts"), (" it ", " it,", " it.")),  # "as Ames put it"
    **dict.fromkeys(
        ("make", "makes", "made", "making"), (" the case", " clear", " it clear", " the argument")
    ),
    **dict.fromkeys(("take", "takes", "took", "taking"), (" aim at", " issue with")),
    # adjectives of a stance, after "be", with their clause: "Ames is confident that …",
    # "she is skeptical about …"; of an intention with its infinitive: "he is eager to …"
    **dict.fromkeys(STANCE_ADJECTIVES, (" that ", " about ")),
    **dict.fromkeys(INTENT_ADJECTIVES, (" to ",)),
    # a directive with its clause ("the judge ordered that …", not "ordered a review"); a
    # text's words ("the sign reads: …")
    **dict.fromkeys(("order", "orders", "ordered"), (" that ",)),
    **dict.fromkeys(("reads", "read"), (": ", " “", ' "')),
}
# Participles open a clause about the sentence's subject: "Bergmann …, asking, “…”".
_PARTICIPLES = (
    "saying telling asserting arguing warning cautioning explaining adding noting insisting "
    "claiming writing declaring asking replying acknowledging admitting stressing "
    "emphasizing emphasising announcing recalling observing predicting conceding "
    "countering concluding vowing promising pledging denying confirming criticizing "
    "criticising accusing contending describing complaining calling suggesting "
    "mentioning discussing demanding proposing rejecting supporting opposing "
    "urging questioning touting praising blaming welcoming condemning encouraging citing "
    "tweeting posting thanking pointing offering backing hoping seeking expecting "
    "highlighting characterizing characterising branding hailing invoking endorsing "
    "echoing yelling shouting wondering slamming blasting attacking reiterating alleging "
    "denouncing decrying lamenting fearing"
)
# "see … as": a view attributed to its holder ("critics see the plan as a gift"), not sight.
_SEEING = word_set("see saw")
_AS_COMPLEMENT_RE = re.compile(r" [^,.;:!?“”\"]{1,50}? as ")
FINITE_VERBS = word_set(_FINITE)
# Verbs of holding a view: an attribution only with a complement ("Putin fears that …", not
# "the very thing Putin feared—").
STANCE_VERBS = word_set(
    "think thinks thought hope hopes hoped expect expects know knows knew "
    "fear fears feared want wants wanted understand understands understood believe "
    "believes believed remember remembers remembered recognize recognise realize realise "
    "consider doubt doubts"
)
# After "to", only verbs of saying report anything ("took to Twitter to announce …",
# "went on television to condemn …": the purpose is a statement); "to counter", "to find",
# "to support" do not.
INFINITIVE_SPEECH = word_set(
    "say tell announce declare warn argue explain claim insist write tweet post predict "
    "condemn denounce criticize criticise praise tout discuss urge ask demand deny confirm "
    "propose stress emphasize emphasise highlight thank congratulate apologize apologise "
    "accuse blame describe outline unveil recall mention note suggest admit acknowledge "
    "complain vow pledge promise endorse reiterate"
)
PARTICIPLE_VERBS = word_set(_PARTICIPLES)
SPEECH_VERBS = FINITE_VERBS | PARTICIPLE_VERBS


def _whole_word_re(words: Iterable[str]) -> re.Pattern[str]:
    r"""``\b(?:word|word|…)\b``, written so the regex engine can scan for a first letter in C
    instead of trying every position: the alternatives grouped by first letter, each letter
    followed by a look-behind (one character wider) that says what ``\b`` said before it.
    (Which alternative comes first does not matter: two whole words cannot both match at
    one place.)"""
    by_first: dict[str, list[str]] = {}
    for word in sorted(words):
        by_first.setdefault(word[0], []).append(re.escape(word[1:]))
    groups = (
        f"{re.escape(first)}(?<!\\w.)(?:{'|'.join(rests)})" for first, rests in by_first.items()
    )
    return re.compile(f"(?:{'|'.join(groups)})\\b")


# Case-sensitive on purpose: "State" in "Secretary of State" is not the verb "state".
_SPEECH_VERB_RE = _whole_word_re(SPEECH_VERBS | {"according to", "According to"})
# Headline case ("Senator Says Talks Failed"): capitalised forms that are never a noun.
HEADLINE_VERBS = word_set("Says Said Tells Warns Insists Admits Denies Vows Urges")

# Words that may stand between a subject and its verb: "Bolton, however, warns", "Trump has
# repeatedly vowed", "he also told".
_GAP_WORDS = word_set(
    "has have had is was were are will would has also again already repeatedly publicly "
    "privately openly bluntly later previously then recently once since still however "
    "too even further reportedly frequently often quickly swiftly flatly firmly "
    "explicitly separately earlier subsequently simply just only never not did does do "
    "himself herself themselves then has since emphatically confidently angrily "
    "cautiously sharply both all each long often now together always first "
    # modals and negations: "Ames could not explain", "he doesn't think", "she’ll present"
    "can could may might must should shall not doesn't didn't don't can't "
    "couldn't won't wouldn't hasn't haven't isn't wasn't doesn’t didn’t don’t can’t "
    "couldn’t won’t wouldn’t hasn’t haven’t isn’t wasn’t"
)
# "of the Wilson Center", "at Goldman Sachs", "from Colorado": small words an organisation or
# place name may contain.
_ORG_CONNECTIVES = word_set("for and of on the a an in & de du la")
_TIME_LEADS = frozenset({"on", "last", "this", "next", "late", "early"})
_WHEN_WORDS = CALENDAR_WORDS | word_set("week month year morning afternoon evening weekend")
# Plural or generic subjects: an attribution to them names nobody.
UNNAMED_SUBJECTS = word_set(
    "analysts analyst officials official critics critic experts expert sources source "
    "observers diplomats diplomat people they some many others lawmakers legislators "
    "economists commentators reports report insiders aides aide spokesman spokeswoman "
    "spokesperson residents witnesses scholars researchers studies polls pundits "
    "supporters opponents activists voters leaders allies partners administration "
    "government ministry officers authorities we you i it one "
    # people by trade or by tie, in the plural: "Doctors say", "Staff said", "Fans chanted"
    "staff doctors physicians nurses scientists teachers parents students fans colleagues "
    "friends relatives families neighbours neighbors locals villagers workers employees "
    "farmers traders shoppers investors patients survivors protesters prosecutors "
    "investigators engineers lawyers attorneys members citizens"
)
# Of those, the ones that make a verb's subject anonymous: not the words that speak for an
# institution ("the Defence Ministry said" names it, "the government said" describes it,
# "a spokesperson for the Harbour Authority said" is the authority on the record).
ANONYMOUS_SUBJECTS = UNNAMED_SUBJECTS - word_set(
    "administration government ministry spokesman spokeswoman spokesperson"
)
_WORD_RE = re.compile(r"[^\W\d_][\w'’.-]*|\d[\w.,]*")
_CONTRACTION_RE = re.compile(r"['’](?:ll|d|s|re|ve)\b")

MAX_GAP = 240  # characters: past that a "subject" is too far from its verb to be one


# (Named tuples here and for the other per-sentence records of attribution: several are made
# a sentence, and one costs a third of a frozen dataclass.)
class SpeechVerb(NamedTuple):
    start: int
    end: int
    word: str  # lowercased
    participle: bool
    inverted_ok: bool  # may be followed by its subject ("…,” said Rubio)


_LETTERS_RE = re.compile(r"[A-Za-z]+")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_VERBS_AND_ACCORDING = (
    SPEECH_VERBS | HEADLINE_VERBS | _PHRASAL.keys() | _SEEING | {"according", "According"}
)


def _whole_words(text: str, words: set[str]) -> list[tuple[int, str]]:
    """(offset, word) of every occurrence of ``words`` in ``text`` as a whole ``_LETTERS_RE``
    word (no ASCII letter either side), in order: what iterating over the text's words and
    keeping these would give, but with ``str.find`` doing the walking."""
    found = []
    for word in words:
        size = len(word)
        pos = text.find(word)
        while pos >= 0:
            after = pos + size
            if not (pos and text[pos - 1] in _ASCII_LETTERS) and text[after : after + 1] not in (
                _ASCII_LETTERS
            ):
                found.append((pos, word))
            pos = text.find(word, pos + 1)
    found.sort()
    return found


def speech_verbs(text: str, quotes: QuoteIndex | None = None) -> list[SpeechVerb]:
    """Speech verbs of ``text`` outside quotations (a verb inside a quote is the speaker's).

    A scan of words and a set lookup rather than one big alternation: linear with a small
    constant, even on a megabyte-long "sentence"."""
    found: list[SpeechVerb] = []
    # C-speed; most sentences have no speech verb. (The intersection takes the words as a
    # list: no set of all of them is built. Their order does not matter: see _whole_words.)
    present = _VERBS_AND_ACCORDING.intersection(_LETTERS_RE.findall(text))
    if not present:
        return found
    for start, word in _whole_words(text, present):
        end = start + len(word)
        if word in ("according", "According"):
            if not text.startswith(" to", end) or text[end + 3 : end + 4].isalnum():
                continue
            word, end = "according to", end + 3
        elif word in HEADLINE_VERBS:
            word = word.casefold()
        elif _lacks_complement(text, word, end):
            continue
        if (start and (text[start - 1].isalnum() or text[start - 1] == "-")) or text[
            end : end + 1
        ].isalnum():
            continue  # part of a longer token ("said2", "so-called")
        if quotes is not None and quotes.inside(start):
            continue
        head = text[max(0, start - 3) : start].rstrip()
        found.append(
            SpeechVerb(
                start,
                end,
                word,
                word in PARTICIPLE_VERBS,
                # inverted_ok (’ and '' close quotations too: ‘…,’ said X; ''…,'' said X.)
                not head or head[-1] in ',”"»“:;—–(’' or head.endswith("''"),
            )
        )
    return found


_ADVERB_RE = re.compile(r" [a-z]+ly(?=[ ,])")


def _lacks_complement(text: str, word: str, end: int) -> bool:
    """A phrasal verb without its particle ("spoke in Ohio"), "see" without "as"."""
    if word in _PHRASAL:
        return not _has_particle(text, end, _PHRASAL[word])
    return word in _SEEING and not _AS_COMPLEMENT_RE.match(text, end)


def _has_particle(text: str, end: int, particles: tuple[str, ...]) -> bool:
    """ "spoke of", "spoke emotionally of", "pointed out"."""
    adverb = _ADVERB_RE.match(text, end, end + 20)
    return text.startswith(particles, adverb.end() if adverb else end)


def skip_org_phrase(text: str, pos: int, limit: int) -> int:
    """After "of"/"at"/"from": skip a capitalised name with its small connectives ("the
    Center for Strategic and International Studies"). Returns the offset after its last
    capitalised word, or ``pos`` if there is no such name."""
    end = pos
    cursor = pos
    for match in _WORD_RE.finditer(text, pos, limit):
        if text[cursor : match.start()].strip() not in ("", "(", ")"):
            break
        word = match.group()
        if word[0].isupper():
            end = match.end()
        elif word.casefold() not in _ORG_CONNECTIVES:
            break
        cursor = match.end()
    if end == pos:
        return pos
    # A trailing acronym in brackets: "(CNAS)".
    tail = re.match(r"\s*\([^()\s]{1,12}\)", text[end:limit])
    return end + tail.end() if tail else end


_DESCRIBING = ("who ", "which ", "a ", "an ", "the ")


def _describes(aside: str) -> bool:
    """Whether an aside describes the subject ("who has often argued for it", "a former
    minister")."""
    return aside.lstrip().startswith(_DESCRIBING)


def _reports_inside(inner: str) -> bool:
    """Whether an aside has its own speech verb ("Ames, Lyle said, will win": Ames is not
    the speaker), unless it describes the subject ("Ames, who has often argued for it,")."""
    return not _describes(inner) and bool(_SPEECH_VERB_RE.search(inner))


def gap_is_transparent(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` could separate a subject from its verb: nothing, adverbs
    and auxiliaries, an appositive between commas or dashes, a parenthesis, or an affiliation
    ("of the Wilson Center")."""
    if end - start > MAX_GAP:
        return False
    pos = start
    while pos < end:
        ch = text[pos]
        if ch.isspace():
            pos += 1
            continue
        if ch in ",—–(":
            closer = ")" if ch == "(" else ch if ch != "," else ","
            close = text.find(closer, pos + 1, end)
            if close < 0 and ch in "—–":  # an em dash may close with the other dash
                close = text.find("—" if ch == "–" else "–", pos + 1, end)
            if close < 0:
                return False
            inner = text[pos + 1 : close]
            if any(q in inner for q in '“”"') or _reports_inside(inner):
                return False
            # One comma may close an aside and open the next, describing one: "Ames,
            # meanwhile, who served under Lyle, said".
            shared = ch == "," and _describes(text[close + 1 : end])
            pos = close if shared else close + 1
            continue
        if ch in "’'":  # "she’ll present", "he’d say"
            contraction = _CONTRACTION_RE.match(text, pos, end)
            if contraction is None:
                return False
            pos = contraction.end()
            continue
        match = _WORD_RE.match(text, pos, end)
        if not match:
            return False
        word = match.group().casefold()
        if word in _TIME_LEADS:  # "Ann Marsh on Sunday defended …", "this month rejected"
            when = _WORD_RE.match(text, match.end() + 1, end)
            if when is not None and when.group().casefold() in _WHEN_WORDS:
                pos = when.end()
                continue
        if word in ("of", "at", "from"):
            after = skip_org_phrase(text, match.end(), end)
            if after == match.end():
                return False
            pos = after
            continue
        if word in _GAP_WORDS or (word.endswith("ly") and len(word) > 4):
            pos = match.end()
            continue
        return False
    return True


def speech_verb_after(text: str, pos: int) -> SpeechVerb | None:
    """The first speech verb within reach after ``pos`` whose subject could sit at ``pos``."""
    word = _opaque_word(text, pos)
    if word is not None:  # only a verb right there can follow a transparent gap
        match = _SPEECH_VERB_RE.match(text, word, pos + MAX_GAP + 20)
    else:
        match = _SPEECH_VERB_RE.search(text, pos, pos + MAX_GAP + 20)
    if not match or not gap_is_transparent(text, pos, match.start()):
        return None
    word = match.group().casefold()
    return SpeechVerb(match.start(), match.end(), word, word in PARTICIPLE_VERBS, False)


_ORG_LEADS = frozenset({"of", "at", "from"})


def _opaque_word(text: str, pos: int) -> int | None:
    """Where the first word after ``pos`` starts when ``gap_is_transparent`` stops at it (not
    a time, an affiliation, an auxiliary or an adverb; nor punctuation it reads on from):
    a gap from ``pos`` to any later verb holds it, or a piece of it ending in "'’.-" (where a
    verb inside it would start), and is not transparent. None when the gap may go on."""
    start, size = pos, len(text)
    while start < size and text[start].isspace():
        start += 1
    if start >= size or text[start] in ",—–(’'":
        return None
    match = _WORD_RE.match(text, start)
    if match is None:
        return start
    word = match.group().casefold()
    if word in _TIME_LEADS or word in _ORG_LEADS or word in _GAP_WORDS:
        return None
    return None if word.endswith("ly") and len(word) > 4 else start
