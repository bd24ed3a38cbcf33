"""The vocabulary that tells a name from a title, a role, a seat or an organisation: the
words ``new_people`` reads around capitalised runs, and ``sources`` around speech verbs.
"""

from __future__ import annotations

from .lexicon import MONTHS, word_set
from .name_tokens import TITLE_HEADS

TITLE_HEADS_CF = frozenset(t.casefold() for t in TITLE_HEADS)
# Heads after which "of <Place>" names a constituency: "Senator John Kennedy of Louisiana".
CONSTITUENCY_HEADS = word_set(
    "senator sen. representative rep. congressman congresswoman governor gov. mayor lawmaker"
)
# Lower-case role nouns: "American teacher Marc Fogel", "a … security expert at …".
ROLE_NOUNS = word_set(
    """teacher expert analyst envoy negotiator journalist spokesman spokeswoman spokesperson lawyer
    attorney banker economist businessman businesswoman oligarch activist commentator adviser
    advisor official diplomat ambassador minister president senator lawmaker leader chief founder
    chairman chairwoman director professor researcher reporter correspondent editor author
    historian general colonel commander aide candidate mayor governor judge prosecutor investor
    billionaire tycoon dissident scientist doctor soldier pilot singer actor player coach ceo
    politician strategist pollster columnist writer novelist filmmaker artist athlete entrepreneur
    executive owner secretary representative congressman congresswoman premier chancellor king
    queen prince princess hawk associate predecessor successor counterpart deputy ally rival critic
    supporter partner son daughter wife husband brother sister father mother cousin friend
    colleague confidant scholar fellow specialist consultant officer administrator coordinator head
    boss manager mediator monarch dictator ruler president-elect nominee pick appointee veteran
    student mp nurse captain striker defender midfielder goalkeeper quarterback winger batsman
    bowler jockey cyclist swimmer farmer fisherman worker resident engineer psychologist
    physician surgeon pharmacist pastor priest bishop imam rabbi teenager widow survivor victim
    witness neighbour neighbor shopkeeper vendor trader miner firefighter paramedic detective
    technician mechanic accountant architect musician comedian chef landlord tenant homeowner
    volunteer organiser organizer protester planner lecturer retiree pensioner grandmother
    grandfather"""
)
# Lower-case words that can open a role: "retired General", "former investment banker".
ROLE_MODIFIERS = word_set(
    """former retired acting late then outgoing incoming interim deputy senior top chief special
    longtime long-time veteran ex newly elected current assistant associate executive principal
    lead leading prominent independent opposition security policy foreign military political
    investment transatlantic national energy defense defence intelligence campaign economic trade
    finance financial state federal regional local international global legal constitutional human
    rights nuclear climate health presidential congressional parliamentary royal crown vice"""
)
# Words that make a capitalised phrase an organisation or a place rather than a person.
ORG_WORDS = word_set(
    """Center Centre Institute Institution University College School Academy Council Committee
    Commission Department Ministry Agency Bureau Office Service Services Bank Fund Foundation Trust
    Board Authority Association Union Federation Republic Kingdom Emirates Party Group Holdings
    Company Corporation
    Corp Corp. Inc Inc. Ltd Ltd. LLC Co Co. Partners Associates Advisors Advisers Capital Ventures
    Energy Media News Times Post Journal Press Network Television Radio Palace House Senate
    Congress Parliament Duma Assembly Court Army Navy Force Forces Guard Police Church Mosque
    Museum Hospital Airport Station Square Street Avenue Road Bridge Tower Stadium Hotel Park
    Island Islands River Lake Sea Ocean Gulf Bay Valley Mountains Peninsula Region Province State
    States County City District Coast Strait Canal War Wars Treaty Accords Agreement Act Plan
    Doctrine Summit Conference Forum Initiative Project Program Programme Day Week Games Cup Prize
    Award Studies Affairs Security Club Team Global International Reserve Exchange Market Markets
    Index Airlines Motors Industries Systems Technologies Oil Gas Petroleum"""
)
# Role words that may lead a run: "Former", "Rival", "Activist", "Democrat" Ann Marsh.
LEADING_ROLE_WORDS = ROLE_NOUNS | ROLE_MODIFIERS | word_set("democrat republican libertarian")
ORG_WORDS_CF = frozenset(w.casefold().rstrip(".") for w in ORG_WORDS)
# Heads of an institution's name as a source names it ("the World Health Organization",
# "the Food and Drug Administration", "the Centers for Disease Control and Prevention").
# Not in ORG_WORDS: the people pass would then split names such as "World Trade
# Organization" and read "Trump administration" as an organisation.
SOURCE_ORG_WORDS_CF = ORG_WORDS_CF | word_set(
    """organization organisation administration centers centres alliance coalition society
    diocese archdiocese secretariat directorate inspectorate observatory"""
)
# First words of place names: "North Korea", "New York", "South Africa".
PLACE_FORMERS = word_set(
    """north south east west northern southern eastern western central new upper lower great
    greater saint san santa los las el la le st. st mount fort port lake cape gulf"""
)
# Lower-case particles inside names: Ursula von der Leyen, Mohammed bin Salman.
PARTICLES = word_set(
    "von van der den de da das do dos du del della di la le bin bint ibn al el ben ter zu y"
)
MONTH_WORDS = frozenset(MONTHS)
# A weak signal (surname recurrence) does not count after these: "a banker at Goldman Sachs".
BLOCKING_PREPOSITIONS = word_set(
    """at in from near into across inside outside toward towards throughout within via aboard
    to on"""
)
