"""Lines that address the reader rather than report: video and audio prompts ("Watch: …",
"Listen to this article"), social-share text ("Share this article", "Follow us on …"), tag
lists ("Tags: …"), picture captions ("File photo.", "Pictured: …"), advertising markers
("Advertisement"), and the end matter of a story: who else reported it ("Jane Roe in Kyiv
contributed to this report."), corrections of it ("An earlier version of this story …"), its
author's bio and contacts, newsletter and membership promos, "This is a developing story."

``prompt_reason`` says which, for a whole line of the source or for one sentence of a
paragraph it was glued into. The rules key on how such lines are built (an imperative to
watch, share, sign up or become a member, naming a medium, a channel or the reader's inbox;
a sentence about *this* story; a staff member's name, role and publication), not on any
site's wording. A line is only asked when its first word could open one, or when a cheap
substring test finds the words end matter needs, so prose costs a set lookup and a few
substring tests.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import word_set

__all__ = [
    "OPENERS",
    "end_matter_reason",
    "first_word",
    "may_be_end_matter",
    "opens_end_matter",
    "opens_whole_note",
    "prompt_reason",
]

OPENERS = word_set(
    """watch listen video videos audio podcast gallery photos live in share tweet email print
    follow join like find subscribe tags tag topics topic keywords categories category filed
    file archive stock representational representative caption pictured image images media
    advertisement advertising advert ad sponsored promoted story article continue check
    forward reply tell let here's here’s via"""
)
_MEDIA_RE = re.compile(
    # "Watch: …", "WATCH | …", "Video: …", "In pictures: …" (not "LIVE: …", a live blog's title)
    r"(?:(?:watch|listen)(?:\s+(?:live|now|again|more|here))?|videos?|audio|podcast|gallery|"
    r"photos|in (?:pictures|photos|video))\s*[:|]"
    # "Watch the video below", "Listen to this article", "Watch live: …"
    r"|(?:watch|listen(?:\s+to)?)\s+(?:the|our|this|a|more|now|live|again|here|below|full)\b"
    r".{0,80}?\b(?:video|clip|interview|podcast|episode|audio|broadcast|stream|report|speech|"
    r"article|story|here|below|above|live|now|briefing|conference)\b"
    # "Check out the full trailer for the documentary below."
    r"|check\s+out\s+(?:the|our|this)\b.{0,80}?\b(?:video|clip|trailer|interview|podcast|"
    r"episode|gallery|photos)\b.{0,40}?\b(?:below|above|here)\b",
    re.IGNORECASE,
)
_SOCIAL_WORDS = (
    r"(?:facebook|twitter|x|instagram|telegram|whatsapp|youtube|tiktok|linkedin|threads|"
    r"bluesky|mastodon|viber|google news|social media|social networks?)"
)
_SHARE_RE = re.compile(
    r"(?:share|tweet|email|print)\s+(?:this|the)\s+(?:article|story|post|page|video|report)\b"
    # "Follow us on …", "Join our WhatsApp channel", and an author's "Follow her on X @jroe"
    rf"|(?:follow|join|like|find|subscribe\s+to)\s+(?:us|him|her|them|me|our\b[^.]{{0,40}}?)"
    rf"(?:\s+(?:on|in|at|via)\s+{_SOCIAL_WORDS}|\s+{_SOCIAL_WORDS}?\s*(?:channel|page|group))\b"
    # "Follow Jane Roe on X @jroe", "Follow our reporter Jane Roe on Twitter at @jroe"
    rf"|follow\s+[^\s.,;@]{{1,40}}(?:\s[^\s.,;@]{{1,40}}){{0,11}}?\s+(?:on|via)\s+{_SOCIAL_WORDS}\b",
    re.IGNORECASE,
)
_TAGS_RE = re.compile(
    r"(?:tags?|topics?|keywords|categories|category|filed under|related topics)\s*:",
    re.IGNORECASE,
)
_CAPTION_RE = re.compile(
    r"(?:(?:file|archive|stock|representational|representative)\s+"
    r"(?:photo(?:graph)?|image|picture)s?\b.{0,80}"
    r"|(?:caption|pictured)\s*:.*"
    # "Image source, Getty Images", "Image caption, Commuters at …": a page's alt-text fields
    r"|(?:image|media|video|photo|picture)\s+(?:source|caption|copyright|credit)s?\s*,.*)",
    re.IGNORECASE | re.DOTALL,
)
# "Advertisement", "ADVERTISEMENT - Scroll to continue", "Story continues below advertisement",
# "Continue reading": where a page's ad slot or fold was, not the article's words.
_AD_RE = re.compile(
    r"(?:advertisement|advertising|advert|ad|sponsored(?:\s+content)?|promoted(?:\s+content)?)"
    r"(?:\s*[-–—|:•]\s*(?:scroll|continue|story continues|article continues)[^.]{0,40})?"
    r"|(?:the\s+)?(?:story|article|text|report)\s+continues\s+(?:below|after)\b[^.]{0,30}"
    r"|continue\s+reading\b[^.]{0,30}",
    re.IGNORECASE,
)
# A newsletter talking to its reader: "Forward it to a friend.", "Reply to this email.",
# "Tell us in the comments below.", "Here's what you need to know." (Not "Good morning.":
# in a transcript it is the speaker's.)
_READER_RE = re.compile(
    r"(?:forward|send)\s+(?:it|this(?:\s+\w+)?)\s+to\s+a\s+friend\b"
    r"|reply\s+to\s+(?:this|our)\s+(?:e-?mail|newsletter|message)\b"
    r"|(?:tell|let)\s+us\b.{0,40}?\b(?:in\s+the\s+comments|below)\b"
    r"|here(?:'s|’s|\s+is)\s+what\s+(?:you\s+need\s+to\s+know|we(?:'re|’re|\s+are)\s+"
    r"(?:watching|reading|following))\b",
    re.IGNORECASE,
)
# "Via Hindustan Times.": where a newsletter's item came from, not a statement.
_VIA_RE = re.compile(r"[Vv]ia\s+(?:the\s+)?[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,4}\.?")
# A second sentence after the prompt ("Share this. The ministry said …") is the article's.
_SECOND_SENTENCE_RE = re.compile(r"[a-z]{3}[.!?]\s+[A-Z“\"‘']")
_MAX_WORDS = 40  # prompts and captions are short; a long paragraph is the article


def first_word(text: str) -> str:
    """The first word of ``text``, lower case, without brackets and punctuation around it."""
    head = text[:20].lstrip("([“\"‘' ").split(maxsplit=1)
    return head[0].casefold().strip(":|.,!)]") if head else ""


def prompt_reason(text: str, word: str | None = None, *, end_matter: bool = True) -> str | None:
    """ "media prompt", "share", "tags", "caption", "advertisement", or an end-matter reason
    (``end_matter_reason``; not asked when ``end_matter`` is False) for a line or sentence of
    that kind. ``word``: its ``first_word``, when the caller has it."""
    word = first_word(text) if word is None else word
    if word in OPENERS:
        reason = _opener_reason(text)
        if reason is not None:
            return reason
    return end_matter_reason(text, word) if end_matter else None


def _opener_reason(text: str) -> str | None:
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
    if _AD_RE.fullmatch(text.rstrip(" .!")):
        return "advertisement"
    if len(text.split()) <= 12 and _READER_RE.match(text):
        return "promo"
    if _VIA_RE.fullmatch(text):
        return "credit"
    return None


# --- End matter ------------------------------------------------------------------------------

_NAME = r"[A-Z][\w.'’\-]*"
_STAFF = (
    r"(?:writers?|reporters?|correspondents?|staff|producers?|researchers?|photographers?|"
    r"editors?|journalists?|contributors?)"
)
# (with the small words names and desks have: "Ariane de Vogue", "Stats & Information")
_CREDITED_WORD = (
    rf"(?:{_NAME}|{_STAFF}|and|in|from|at|of|the|&|de|van|von|der|al|da|di|du|la|le|bin)"
)
# "Associated Press writer Jane Roe in Kyiv contributed to this report.", "CNN's Jane Roe
# contributed reporting.", "Reporting was contributed by …": names and newsroom words, then
# what they gave *this* story (not "The minister contributed $5 million to the fund.", nor
# "Scientists from 12 countries contributed research").
_CONTRIBUTOR_RE = re.compile(
    rf"{_CREDITED_WORD}(?:,?\s{_CREDITED_WORD}){{0,15}},?\s(?:also\s)?contributed\s"
    r"(?:(?:additional\s)?(?:reporting|research|writing)(?:\sto\sthis\s(?:report|story|article))?"
    r"|to\sthis\s(?:report|story|article|piece|coverage|reporting))"
    rf"(?:\s(?:from|in)\s{_NAME}[^.]{{0,60}})?\.?"
    # "Associated Press journalists Ann Lee and Bo Roe contributed." (a newsroom word first)
    rf"|{_NAME}(?:\s{_NAME}){{0,3}}\s{_STAFF}\s{_CREDITED_WORD}(?:,?\s{_CREDITED_WORD}){{0,15}}"
    r",?\s(?:also\s)?contributed\.?"
    r"|(?i:(?:additional\s)?(?:reporting|research))\s(?:was\s)?contributed\sby\s[A-Z][^.]{0,150}"
    r"\.?"
)
_THIS_PIECE = (
    r"this\s(?:story|article|report|post|piece|item|column|headline|newsletter|page|graphic|"
    r"video|episode|caption)"
)
# "Correction:", "Clarification:": the label opening a correction note.
_CORRECTION_LABEL_RE = re.compile(r"(?i:corrections?|clarifications?)\s?:")
_WRONGLY = r"(?:incorrectly|mistakenly|erroneously|wrongly|inaccurately)"
# A correction of *this* story: "An earlier version of this story incorrectly said …",
# "This article originally misstated …", "Correction: …", "We regret the error." (Not "An
# earlier version of the bill said …", which is news.)
_CORRECTION_RE = re.compile(
    r"(?i:an?|the)\s(?:earlier|previous|prior|original|initial|print|online)\s"
    rf"(?:(?:version|edition|headline|draft)s?\sof\s{_THIS_PIECE}\b|"
    rf"versions?\s(?:{_WRONGLY}\b|mis[a-z]+ed\b))"
    # ("This report incorrectly assumes …" may be about a report the story is about.)
    r"|(?i:this)\s(?:story|article|post|piece|item|column|headline)\s(?:has\s|had\s)?"
    rf"(?:{_WRONGLY}\s\w+|(?:originally|previously|initially)\s(?:said|stated|reported|gave|"
    r"described|referred|identified|named|misstated|misidentified|misspelled|misquoted|"
    r"misattributed)\b|(?:has\sbeen|was)\s(?:revised|corrected|amended|updated)\s"
    r"(?:on\s[^.]{1,30}?\s)?to\s"
    r"(?:reflect|correct|clarify|show|remove|fix))"
    rf"|{_CORRECTION_LABEL_RE.pattern}|(?i:correction\sappended)"
    rf"|(?:We|{_NAME}(?:\s{_NAME}){{0,4}})\sregrets?\sthe\serrors?[.!]?\s*$"
)
_ROLE = (
    r"(?:correspondent|reporter|editor|columnist|writer|journalist|contributor|producer|"
    r"photographer|photojournalist|videographer|bureau chief|commentator|blogger)"
)
# A staff bio: a full name, its role, and where it works or what it covers ("Jane Smith is
# the Africa correspondent for Example News, covering …", "Jane Roe is a senior reporter
# covering health."). The whole sentence must be that, so news about a journalist ("… a
# reporter for the paper who was detained in May") is not one.
_BIO_RE = re.compile(
    rf"(?P<name>{_NAME}(?:\s{_NAME}){{1,3}})\s(?:is|was|has\sbeen|serves\sas)\s(?:a|an|the|our)\s"
    rf"(?:[\w.'’\-]+,?\s){{0,5}}?{_ROLE}"
    rf"(?P<where>\s(?:for|of|at|with|on)\s(?:the\s)?{_NAME}[^.]{{0,80}}?)?"
    r"(?P<beat>,?\s(?:covering|who\scovers|based\sin|reporting\son|focusing\son|"
    r"speciali[sz]ing\sin|where\s(?:he|she|they)\scovers?)\b[^.]{0,120}?)?\.?"
)
# "Information from The Associated Press was used in this report."
_USED_RE = re.compile(
    rf"(?:Information|Material|Reporting)\sfrom\s(?:the\s|The\s)?{_NAME}(?:\s{_NAME}){{0,4}}"
    r"\s(?:was|were)\sused\sin\sthis\s(?:report|story|article)\.?"
)
# "Meagan Roe covers city hall and politics for The Example Post." (a staff bio's beat), or
# "… for the paper" (the publication not named)
_COVERS_RE = re.compile(
    rf"{_NAME}(?:\s{_NAME}){{1,3}}\s(?:covers|reports\son|writes\sabout)\s.{{3,120}}?"
    rf"\s(?:for|at)\s(?:(?:the\s|The\s)?{_NAME}(?:\s{_NAME}){{0,4}}|"
    r"(?:the|this|our)\s(?:paper|newspaper|magazine|site|website|publication|newsroom))\.?"
)
# "A version of this article appears in print on June 3, Section A, Page 1."
_PRINT_RE = re.compile(
    r"(?:A\s)?version\sof\sthis\s(?:article|story|review|column)\s(?:appears|appeared)\s"
    r"in\sprint\b.{0,160}"
)
_CONTACT_RE = re.compile(
    rf"(?:(?i:he|she|they)|{_NAME}(?:\s{_NAME}){{0,3}})\s(?:can|may)\sbe\s"
    r"(?:reached|contacted|emailed)\s(?:at|on|via|by)\b"
    r"|(?i:email|e-mail|contact|write\sto)\s(?:him|her|them|me|the\s(?:author|writer|reporter))"
    r"\s(?:at|on|via)\s\S*@"
)
# "Twitter: @jroe", "She tweets @jroe", "Follow @example": an account to follow.
_HANDLE_RE = re.compile(
    r"(?:(?i:he|she|they)\stweets|(?i:twitter|x|instagram|threads|bluesky|follow))\s?:?\s"
    r"(?:at\s)?@\w+"
)
# Newsletter, membership and outlet promos: an imperative addressed to the reader, with what
# it offers (an inbox, the latest news, membership). "Members of the union signed up for the
# strike." and "Support for the bill fell." are not imperatives.
_PROMO_RE = re.compile(
    r"sign(?:ing)?[\s\-]?up\b[^.]{0,80}?\b(?:newsletters?|briefing|digest|alerts?|updates|"
    r"inbox|bulletin|edition|e-?mails?)\b"
    r"|(?:enter|type|provide|confirm)\s(?:your|an?)\s(?:e-?mail|email\saddress)"
    r"|by\s(?:signing\sup|subscribing|registering|clicking|submitting|entering|continuing|"
    r"creating)\b[^.]{0,80}?\byou\s(?:agree|accept|consent|acknowledge)"
    r"|(?:get|receive|have)\s(?:[\w'’]+\s){0,4}?(?:news|headlines|stories|updates|alerts|"
    r"newsletters?|briefings?)\s(?:[\w'’]+\s){0,3}?(?:delivered|sent|straight|direct(?:ly)?)\s"
    r"(?:\w+\s){0,2}?(?:your|an?)\s(?:inbox|e-?mail)"
    # (Not "Read …": "Read Live Updates On The Iowa Caucuses" is a live blog's headline.)
    r"|(?:get|track|follow|catch|stay\s(?:up\sto\sdate|updated|informed|tuned))\s"
    r"(?:with\s|on\s)?(?:all\s)?(?:the\s|our\s)?"
    r"(?:(?:latest|breaking)\s(?:news|updates|headlines|stories)|live\supdates)\b"
    r"|(?:become|join\sas|sign\sup\sas)\s(?:a|an)\s(?:\w+\s)?(?:member|subscriber|supporter|"
    r"patron|donor)s?\b"
    r"|(?:support|fund)\s(?!for\b|of\b|from\b|among\b|in\b|has\b|is\b|was\b|fell\b|rose\b)"
    r"(?:[\w\-]+,?\s){0,3}?(?:journalism|newsroom|reporting|us)\b[^.]{0,60}[.!]?\s*$"
    r"|if\syou\s(?:value|enjoy|appreciate|support|rely\son|want\sto\ssupport|"
    r"would\slike\sto\ssupport)\b[^.]{0,40}?\b(?:our|us|this)\b"
    r"|(?:we|our\s\w+)\b[^.]{0,60}?\bbring(?:ing|s)?\syou\b[^.]{0,60}?\b(?:journalism|news|"
    r"reporting|coverage|stories|updates)"
    r"|(?:please\s)?(?:consider\s)?(?:making\sa\sdonation|donating|donate)\b"
    r"|thank(?:s|\syou)\sfor\s(?:signing\sup|subscribing|registering|reading|your\s"
    r"(?:support|subscription|interest|donation))(?:\s[A-Z][\w.'’\-]*){0,5}[.!]?\s*$"
    # "Sign up here.", "Sign up for free." (after the promo sentence that said for what)
    r"|sign[\s\-]?up\s(?:here|now|today|for\sfree)[.!]?\s*$"
    r"|download\s(?:the|our)\s(?:[\w.\-]+\s){0,2}?app\b"
    r"|subscribe\s(?:to|for|now|today|here)\b|subscribe\W*$",
    re.IGNORECASE,
)
# A page's disclosures: "This article contains affiliate links.", "We may earn a commission
# if you buy through them.", "Disclosure: …", "Our Standards: The … Trust Principles."
_DISCLOSURE_RE = re.compile(
    r"(?:this|the|our)\s(?:[\w-]+\s){0,2}?(?:contains?|includes?|uses?|may\scontain)\s"
    r"affiliate\slinks?\b"
    r"|(?:we|the\s[\w-]+)\s(?:may|might|could)\s(?:earn|receive|get)\s(?:a\s)?(?:small\s)?"
    r"(?:commission|share\sof\s(?:sales|revenue)|fee)\b[^.]{0,60}?\b(?:buy|purchase|links?|"
    r"click|sign)"
    r"|(?:disclosures?|our\sstandards|editorial\sstandards)\s?:",
    re.IGNORECASE,
)
_DEVELOPING_RE = re.compile(
    r"this\s(?:is\s)?an?\s(?:developing|breaking)(?:\snews)?\s(?:story|news\sstory|report)\b"
    r"|this\s(?:story|article|report|post|page)\s(?:is\sdeveloping|will\sbe\supdated|"
    r"is\sbeing\supdated|may\sbe\supdated)"
    r"|(?:please\s)?check\sback\b[^.]{0,40}?\b(?:updates|more|later|soon)"
    r"|(?:more|further)\s(?:details\s|updates\s)?to\sfollow\W*$"
    r"|(?:please\s)?refresh\s(?:this|the)\spage",
    re.IGNORECASE,
)
# Notes that make a whole paragraph end matter, whatever follows them on it.
_NOTE_RE = re.compile(
    r"(?:a\s)?(?:note|message|letter|word)\sfrom\s(?:the|our)\s(?:authors?|writer|editors?|"
    r"editor-in-chief|newsroom|team|publisher|founders?)\s?:"
    r"|about\s(?:the\s)?(?:authors?|writers?|reporters?|contributors?)\s?:"
    r"|(?:the\s)?(?:author|writer)(?:'s|’s)?\s(?:bio|biography|note)\s?:",
    re.IGNORECASE,
)
_NOTE_WORDS = word_set("a note message letter word about the author writer")
_NOTE_INITIALS = frozenset("aAcCnNmMlLwWtT")  # (and "correction", "clarification")


_WORD_RE = re.compile(r"[a-z]+")
_Gate = tuple[tuple[frozenset[str], ...], ...]


def _gate(spec: str) -> _Gate:
    """Which words a text needs before a rule is tried: alternatives separated by ";", each
    a "|"-separated list of word sets that must all meet the text's words (lower case, as
    ``_WORD_RE`` finds them; "@" for an address or handle). Every text a rule matches has
    them, so a text without them is not asked, and a paragraph without any rule's is not
    end matter at all (``may_be_end_matter``). A set lookup per word: one pass over the
    text, where a substring test per trigger would be one pass each."""
    return tuple(
        tuple(word_set(group) for group in alternative.split("|"))
        for alternative in spec.split(";")
    )


_RULES: tuple[tuple[_Gate, re.Pattern[str], str], ...] = (
    (_gate("contributed"), _CONTRIBUTOR_RE, "contributors"),
    (
        _gate(
            """version versions edition editions headline headlines draft drafts
            | earlier previous prior original initial print online
            ; incorrectly mistakenly erroneously wrongly inaccurately originally previously
              initially revised corrected amended updated
            | story article post piece item column headline
            ; correction corrections clarification clarifications ; regret regrets | error errors"""
        ),
        _CORRECTION_RE,
        "correction",
    ),
    (
        _gate(
            """correspondent reporter editor columnist writer journalist contributor producer
            photographer photojournalist videographer bureau commentator blogger
            | is was been serves"""
        ),
        _BIO_RE,
        "author bio",
    ),
    (_gate("reached contacted emailed | be ; @"), _CONTACT_RE, "author bio"),
    (_gate("covers writes reports | for at"), _COVERS_RE, "author bio"),
    (_gate("used | information material reporting"), _USED_RE, "contributors"),
    (_gate("version | print"), _PRINT_RE, "correction"),
    (
        _gate(
            """sign signing signup | up newsletter newsletters briefing digest alert alerts
              updates inbox bulletin edition email emails mail
            ; enter type provide confirm | email mail
            ; agree accept consent acknowledge | signing subscribing registering clicking
              submitting entering continuing creating
            ; inbox email mail | delivered sent straight direct directly
            ; latest breaking | news updates headlines stories | get track follow catch stay
            ; updates | live | get track follow catch stay
            ; become join sign | member members subscriber subscribers supporter supporters patron
              patrons donor donors
            ; journalism newsroom | support fund ; support fund | us reporting
            ; value enjoy appreciate rely | if | you ; support | if | you
            ; bring bringing brings | we our | you ; donate donating donation
            ; thank thanks | signing subscribing registering reading support subscription
              interest donation
            ; download | app ; subscribe"""
        ),
        _PROMO_RE,
        "promo",
    ),
    (
        _gate(
            "affiliate | links link ; commission share fee | earn receive get ; disclosure "
            "disclosures ; standards | our editorial"
        ),
        _DISCLOSURE_RE,
        "disclosure",
    ),
    (
        _gate(
            """developing breaking | story report ; developing updated
            | story article report post page ; check | back ; follow | more further
            ; refresh | page"""
        ),
        _DEVELOPING_RE,
        "developing",
    ),
)
# The first group of every alternative: a text with none of these words meets no gate.
_TRIGGER_WORDS = frozenset().union(*(alt[0] for gate, _, _ in _RULES for alt in gate))
_FULL = frozenset(
    {_CONTRIBUTOR_RE, _BIO_RE, _COVERS_RE}
)  # (the others say enough in their first words)
_MAX_END_MATTER_WORDS = 60


def _meets(gate: _Gate, words: frozenset[str]) -> bool:
    for alternative in gate:
        for group in alternative:
            if group.isdisjoint(words):
                break
        else:
            return True
    return False


# Cached: a short paragraph is asked twice, as a line of the source (``boilerplate``) and as
# a paragraph of the body (``cuts``); most texts have no trigger word and get None.
@lru_cache(maxsize=256)
def _trigger_words(text: str) -> frozenset[str] | None:
    """The words of ``text`` (lower case), or None when no rule's gate is met by them."""
    lowered = text.casefold()
    found = _WORD_RE.findall(lowered)
    handle = "@" in lowered
    if not handle and _TRIGGER_WORDS.isdisjoint(found):
        return None  # (most texts: no set of their words is built)
    words = frozenset(found) | {"@"} if handle else frozenset(found)
    for gate, _, _ in _RULES:
        if _meets(gate, words):
            return words
    return None


def may_be_end_matter(text: str) -> bool:
    """Cheap pre-test: False, and no sentence of ``text`` is end matter by
    ``end_matter_reason``'s sentence rules."""
    return _trigger_words(text) is not None


def opens_whole_note(text: str, word: str | None = None) -> bool:
    """Whether ``text`` opens with a note that makes its whole paragraph end matter ("About
    the author: …", "Note from the author: …", "Correction: …")."""
    if word is None:
        if text[:1] not in _NOTE_INITIALS:
            return False  # (asked of every paragraph: most open with another letter)
        word = first_word(text)
    if word in ("correction", "corrections", "clarification", "clarifications"):
        return _CORRECTION_LABEL_RE.match(text) is not None
    return word in _NOTE_WORDS and bool(_NOTE_RE.match(text))


def end_matter_reason(text: str, word: str | None = None) -> str | None:
    """ "contributors", "correction", "author bio", "promo" or "developing" for one sentence
    (or a line of the source) of a story's end matter, or None. A line of several sentences
    is only end matter as a whole when a note opens it (``opens_whole_note``)."""
    if len(text) > 1000:
        return None
    if opens_whole_note(text, word):
        return "correction" if text[:1] in "Cc" else "author bio"
    if len(text) > 400 or text.count(" ") >= _MAX_END_MATTER_WORDS:
        return None
    words = _trigger_words(text)
    if words is None or _SECOND_SENTENCE_RE.search(text):
        return None
    # (A promo may be put in brackets: "(Subscribe to our podcast here.)")
    sentence = text.strip().removeprefix("(").removesuffix(")").strip()
    if "@" in words and _HANDLE_RE.match(sentence):
        return "share"
    for gate, rule, reason in _RULES:
        if not _meets(gate, words):
            continue
        match = rule.fullmatch(sentence) if rule in _FULL else rule.match(sentence)
        if match is not None and (reason != "author bio" or _is_bio(match)):
            return reason
    return None


def _is_bio(match: re.Match[str]) -> bool:
    """A staff bio names where its author works or what they cover; "Jane Roe is a
    journalist." alone may be news about her. (Contact lines have no such groups.)"""
    return match.re is not _BIO_RE or bool(match["where"] or match["beat"])


def opens_end_matter(text: str) -> bool:
    """Whether the first sentence of ``text`` (a paragraph) is end matter: a staff bio,
    contributors, a correction ("Ana Roos is a reporter at Example News. She covers …")."""
    if opens_whole_note(text):
        return True
    if not may_be_end_matter(text[:400]):
        return False
    second = _SECOND_SENTENCE_RE.search(text)
    first = text[: second.start() + 4] if second else text
    return end_matter_reason(first) is not None
