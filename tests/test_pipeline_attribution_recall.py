"""Attribution recall rules of session 7 (issue 12), on invented sentences (pure): earlier
sentences of a quotation take the attribution that closes it, purpose infinitives of
speech, more verbs of restating, and quantifiers standing alone as an unnamed subject."""

from __future__ import annotations

import pytest

from claims.extract.pipeline import parse_article
from claims.extract.types import ArticleHints, ParsedArticle, ParsedClaim

HINTS = ArticleHints(title="Test")
INTRO = "Senator Mara Quist met Governor Olek Varga in Tallinn on Monday. "


def parse(text: str) -> ParsedArticle:
    return parse_article(text, hints=HINTS)


def claim(article: ParsedArticle, fragment: str) -> ParsedClaim:
    (found,) = [c for c in article.claims if fragment in c.text]
    return found


def said(sentence: str, intro: str = INTRO) -> tuple[str | None, str]:
    found = claim(parse(intro + sentence), sentence[:20])
    return found.speaker, found.attribution


# --- a quotation's earlier sentences -----------------------------------------------------


def test_earlier_sentences_of_a_quotation_take_its_closing_attribution():
    # (Typewriter marks: the splitter cannot hold '' quotations together as it does “…”.)
    article = parse(INTRO + "''The ferry is late. The pier is shut. We will fix it,'' Varga said.")
    first, second = claim(article, "ferry is late"), claim(article, "pier is shut")
    assert (first.speaker, first.attribution) == ("Olek Varga", "continuation")
    assert (second.speaker, second.attribution) == ("Olek Varga", "continuation")
    last = claim(article, "We will fix it")
    assert (last.speaker, last.attribution) == ("Olek Varga", "direct")


def test_mixed_quotation_marks_are_carried_back_too():
    article = parse(INTRO + '“The ferry is late. We will fix it," Quist said.')
    assert claim(article, "ferry is late").speaker == "Mara Quist"


def test_an_anonymous_closing_attribution_stays_anonymous_when_carried_back():
    article = parse(INTRO + "''The ferry is late. We will fix it,'' said one harbour official.")
    first = claim(article, "ferry is late")
    assert (first.speaker, first.attribution) == (None, "anonymous")


def test_no_carrying_back_across_paragraphs_or_into_closed_quotations():
    article = parse(INTRO + "''The ferry is late.\n\nThe pier is shut,'' Varga said.")
    assert claim(article, "ferry is late").attribution == ""
    article = parse(INTRO + "''The ferry is late.'' The pier is shut, Varga said.")
    assert claim(article, "ferry is late").attribution == ""


def test_an_unattributed_quotation_stays_narration():
    article = parse(INTRO + "''The ferry is late. The pier is shut.'' The town waited.")
    assert claim(article, "ferry is late").attribution == ""
    assert claim(article, "pier is shut").speaker is None


# --- verbs -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # a purpose infinitive of speech is the subject's statement
        ("Varga went on local radio to condemn the new harbour toll.", "Olek Varga"),
        ("Quist held a news conference to tout her plan for the docks.", "Mara Quist"),
        ("Varga called the workers together to praise their patience.", "Olek Varga"),
        # restating, alleging, answering
        ("Quist reiterated that the port will stay open all winter.", "Mara Quist"),
        ("Varga alleged that the harbour board hid the accounts.", "Olek Varga"),
        ("Quist answered that the fees would not rise this year.", "Mara Quist"),
    ],
)
def test_more_verbs_of_speech(sentence, speaker):
    assert said(sentence)[0] == speaker


@pytest.mark.parametrize(
    "sentence",
    [
        "Varga went to the harbour to find the missing ferry.",  # no speech
        "Quist drove north to support the dock workers.",  # an act, not a statement
    ],
)
def test_purpose_infinitives_of_acts_are_narration(sentence):
    assert said(sentence) == (None, "")


# --- quantifiers as subjects -------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The three ministers met, but each recognized the risk of a strike.",
        "Few believe the pier can reopen before spring.",
        "Both want the harbour board to publish its accounts.",
        "Another notes that the ferry has been late all year.",
        "Two in three said the tolls were too high.",
    ],
)
def test_a_quantifier_alone_is_an_unnamed_source(sentence):
    assert said(sentence) == (None, "anonymous")


@pytest.mark.parametrize(
    "sentence",
    [
        "Most reports from the harbour were late.",  # "-s": a noun after a plural quantifier
        "The ferry drew some praise from the dock workers.",  # a noun, not a verb
        "Varga wants more berths in the harbour.",  # (a named subject, not a quantifier)
    ],
)
def test_quantifiers_before_nouns_are_no_source(sentence):
    assert said(sentence)[1] != "anonymous"


# --- sources -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "By a wide margin, those surveyed said the ferry should keep running.",
        "Some 40 percent of the dock workers polled said they would strike.",
        "In several cases, harbour executives say, the tolls were never paid.",
        "Marine biologists even noted that the harbour water was clean.",
        "Ferry operators today argue that the tolls are too high.",
    ],
)
def test_unnamed_groups_with_participles_and_stressing_words(sentence):
    assert said(sentence) == (None, "anonymous")


def test_a_participle_before_a_comma_is_a_verb_not_a_modifier():
    sentence = "When the pier collapsed, the harbour closed, said Olek Varga, who was there."
    assert said(sentence) == ("Olek Varga", "indirect")


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The new toll, many think, will never be collected.", None),
        ("The new toll, Varga believes, will never be collected.", "Olek Varga"),
    ],
)
def test_a_stance_verb_set_off_by_commas_reports_its_clause(sentence, speaker):
    assert said(sentence) == (speaker, "indirect" if speaker else "anonymous")


def test_a_stance_verb_without_complement_is_still_no_report():
    assert said("The crash was what Varga feared, and it came.") == (None, "")


def test_a_straight_quotation_closed_by_a_curly_mark():
    article = parse(INTRO + '"The toll is far too high for the dock workers,” she said.')
    found = claim(article, "toll is far")
    assert found.attribution == "direct" and found.speaker is not None


# --- introduced text and headline leads --------------------------------------------------


def test_an_introduced_paragraph_is_the_sources_to_its_end_and_no_further():
    article = parse(
        INTRO + "Varga wrote on Twitter:\n\nThe tolls are unfair. They must go.\n\nIt rained."
    )
    assert claim(article, "They must go").speaker == "Olek Varga"
    assert claim(article, "They must go").attribution == "continuation"
    assert claim(article, "It rained").attribution == ""


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Quist to dock workers: the tolls will go.", "Mara Quist"),
        ("Varga on the tolls: they are unfair and must go.", "Olek Varga"),
    ],
)
def test_a_headline_lead_names_its_speaker(sentence, speaker):
    assert said(sentence)[0] == speaker


def test_a_name_followed_by_a_place_is_no_headline_lead():
    assert said("Varga went to Riga on Monday to see the harbour.") == (None, "")


def test_a_finding_lead_is_attributed_to_no_one():
    assert said("Poll: Varga leads the race in the north by ten points.") == (None, "indirect")


@pytest.mark.parametrize(
    "sentence",
    ["Harbour campaign says the tolls will go.", "The Varga camp said the tolls would go."],
)
def test_a_campaign_or_camp_is_a_description(sentence):
    assert said(sentence) == (None, "indirect")


def test_a_campaign_word_without_a_speech_verb_is_narration():
    assert said("Varga campaign staff met in Riga on Friday.") == (None, "")


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Varga is eager to cut the harbour tolls.", "Olek Varga"),
        ("Quist is skeptical about the new harbour toll.", "Mara Quist"),
        ("Varga encouraged the dock workers to vote.", "Olek Varga"),
        ("Quist remembered that the pier had flooded twice.", "Mara Quist"),
    ],
)
def test_stances_intentions_and_memories(sentence, speaker):
    assert said(sentence)[0] == speaker


@pytest.mark.parametrize(
    ("sentence", "attribution"),
    [
        ("The judge ordered that the pier be rebuilt by May.", "indirect"),
        ("The judge ordered a review of the pier.", ""),
        ("The sign at the pier reads: “No tolls today, no tolls tomorrow.”", "direct"),
        ("Varga read the report on Monday.", ""),
        ("The pier was determined by the engineers to be safe.", ""),
    ],
)
def test_directives_and_texts_need_their_complement(sentence, attribution):
    assert said(sentence)[1] == attribution


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Varga would like to cut the harbour tolls.", "Olek Varga"),
        ("Quist spoke out against the harbour tolls on Friday.", "Mara Quist"),
        ("Varga will talk about the tolls on Friday.", "Olek Varga"),
        ("Quist doubts the pier can reopen by spring.", "Mara Quist"),
    ],
)
def test_wishes_talk_and_doubt(sentence, speaker):
    assert said(sentence)[0] == speaker


@pytest.mark.parametrize(
    "sentence",
    [
        "Most senators back the plan, and all but two said the tolls should go.",
        "Two others have said the tolls should go.",
    ],
)
def test_counted_quantifiers_are_unnamed(sentence):
    assert said(sentence) == (None, "anonymous")


def test_like_without_an_infinitive_is_no_wish():
    assert said("The pier looks like a ruin after the storm.") == (None, "")


@pytest.mark.parametrize(
    ("sentence", "attribution"),
    [
        ("In a Courier poll released Monday, 40 percent of voters chose Varga.", "indirect"),
        ("In the harbour, the ferry waited for the storm to pass.", ""),
        ("In the spring, the poll workers left the harbour town.", ""),
    ],
)
def test_a_sentence_opening_with_a_poll_reports_it(sentence, attribution):
    assert said(sentence) == (None, attribution)
