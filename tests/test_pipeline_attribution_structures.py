"""Attribution structures beyond "X said" (issue 12 follow-up), on invented sentences (pure):
verbs of judging and intending, modal and control verbs, relative-pronoun and passive
sources, quotations without a speech verb, mixed quotation marks, unnamed groups."""

from __future__ import annotations

import pytest

from claims.extract.attribution import find_attribution
from claims.extract.pipeline import parse_article
from claims.extract.quotes import quote_regions
from claims.extract.source_names import source_name
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


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # verbs of mentioning, proposing, judging and intending
        ("Varga rejected the offer from the harbour board.", "Olek Varga"),
        ("Quist wants to cut the harbour fees by half.", "Mara Quist"),
        ("Quist agreed to meet the dock workers next week.", "Mara Quist"),
        ("Varga likened the new toll to highway robbery.", "Olek Varga"),
        ("Quist spoke emotionally of her father's shipyard.", "Mara Quist"),
        ("Varga laid out his plan to rebuild the old docks.", "Olek Varga"),
        ("Varga is confident that the port will reopen.", "Olek Varga"),
        ("As Varga put it, the port is a gift to the city.", "Olek Varga"),
        ("Quist made clear that the port stays open.", "Mara Quist"),
        ("Varga took aim at the harbour board on Friday.", "Olek Varga"),
        ("Quist saw the toll as a betrayal of the dock workers.", "Mara Quist"),
        # modals, negations and contractions between subject and verb
        ("Varga could not explain why the ferry was late.", "Olek Varga"),
        ("Quist doesn't think the port will close.", "Mara Quist"),
        ("Varga has long argued that the tolls are too high.", "Olek Varga"),
        ("Varga this month rejected the request for more berths.", "Olek Varga"),
        # a verb whose subject is the subject of the verb before "to"
        ("Varga continued to insist that the port was safe.", "Olek Varga"),
        ("Quist appeared to suggest that fees would rise.", "Mara Quist"),
        ("Varga has yet to explain the delay to the council.", "Olek Varga"),
        # relative pronouns and asides
        ("Quist, who has often argued for lower fees, said the budget was fine.", "Mara Quist"),
        ("Dana Pryce, who served under Olek Varga, said the port was safe.", "Dana Pryce"),
        ("Quist, Varga said, will win the vote.", "Olek Varga"),
        # the main clause, not an opening subordinate one
        ("When Acme signaled that it would sell, Varga said the port was safe.", "Olek Varga"),
        ("In a Facebook message posted on Friday, Varga said the port was safe.", "Olek Varga"),
        ("Senate Democrat Olek Varga (D-Est.) last week said the plan was dead.", "Olek Varga"),
        # a possessive claim
        ("Reporters checked Varga’s claim that the port is safe.", "Olek Varga"),
    ],
)
def test_named_sources(sentence: str, speaker: str) -> None:
    assert said(sentence) == (speaker, "indirect")


@pytest.mark.parametrize(
    "sentence",
    [
        "But environmentalists worry that the mine will pollute the river.",
        "World leaders and diplomats almost universally expressed outrage over the test.",
        "Then someone asked how the port could stay open.",
        "Not everyone agrees on what the harbour is for.",
        "Small groups of protesters continued to call for more information.",
        "Critics across the political spectrum are questioning the toll.",
        "One worker at the shipyard declined to speak, saying it would cost him his job.",
        "Dock workers who spoke with The Daily Courier said the port is failing.",
        "Officials who met Governor Olek Varga said the port is failing.",
    ],
)
def test_unnamed_groups_are_anonymous(sentence: str) -> None:
    assert said(sentence) == (None, "anonymous")


@pytest.mark.parametrize(
    "sentence",
    [
        "The fees were set by the harbour board, which denied any wrongdoing.",
        "The city of Halden is demanding that the port stay open.",
        "The port agency, in a long letter to the council, has said it would close the port.",
        "One slide says that exports doubled.",
        "The self-described harbour reformer said the port would close.",
        "Ann Moor’s family has called on the police to release the video.",
    ],
)
def test_described_sources_are_attributed_without_a_speaker(sentence: str) -> None:
    assert said(sentence) == (None, "indirect")


@pytest.mark.parametrize(
    "sentence",
    [
        "The board declined to comment on the sale.",
        "Quist spoke in Tartu on Monday.",
        "Varga leads by three points in the latest poll.",
        "The body was found by a farmer near the docks.",
        "Prices continued to rise in the spring.",
        "Quist is sure of it.",
        "Varga saw the ferry leave the harbour.",
        "Quist made a cake for the dock workers.",
        "The city may find itself isolated by the new toll.",
        "It took a hard line, putting the future of harbour support in doubt.",
        "Varga has already held a direct call with the mayor.",
        "The port is busy, hopes for a deal, and waits.",
    ],
)
def test_no_report(sentence: str) -> None:
    assert said(sentence) == (None, "")


def test_the_agent_of_a_passive_report_is_its_source() -> None:
    assert said("The plan was first reported by The Daily Courier.") == (
        "Daily Courier",
        "indirect",
    )


def test_a_quotation_without_a_speech_verb_is_its_subjects() -> None:
    assert said('Varga branded the plan "a gift to smugglers" at a rally.') == (
        "Olek Varga",
        "partial",
    )
    text = "Governor Olek Varga went to the docks. " + '"Nobody leaves tonight," he yelled.'
    found = claim(parse(text), "Nobody leaves")
    assert (found.speaker, found.attribution) == ("Olek Varga", "direct")


def test_a_transcript_quoted_whole_gives_each_turn_its_speaker() -> None:
    text = (
        "Port talks\n\nGovernor Olek Varga spoke to the host Ann Marsh on Sunday. "
        "They talked about the port.\n\n"
        '"MARSH: Will the port close this winter?\n\n'
        '"VARGA: The port stays open. We have the money for it.\n\n'
        '"MARSH: And the ferry?\n\n'
        '"VARGA: The ferry runs every day.'
    )
    article = parse(text)
    assert claim(article, "stays open").speaker == "Olek Varga"
    assert claim(article, "ferry runs").attribution == "transcript"


def test_mixed_quotation_marks_close_a_quotation() -> None:
    text = '“The port must stay open," she said.'
    (region,) = quote_regions(text)
    assert text[region.end :] == " she said."
    text = "“If the port closes, we all lose,“ said Ann Marsh, a dock worker."
    assert quote_regions(text)[0].closed
    assert said(text) == ("Ann Marsh", "direct")


def test_a_straight_mark_closes_a_curly_quotation_before_a_name() -> None:
    text = '“The port must stay open," Varga said at the docks.'
    (region,) = quote_regions(text)
    assert region.closed and text[region.end :] == " Varga said at the docks."
    assert said(text) == ("Olek Varga", "direct")
    # Not when it closes a straight quotation opened inside, nor when a curly mark closes
    # the quotation later.
    inner = '“They called it "a disaster," Varga said at the docks.'
    assert not quote_regions(inner)[0].closed
    later = '“It was "over." Nobody came,” Varga said.'
    assert quote_regions(later)[0].end == later.index("”") + 1


def test_a_subject_phrase_keeps_an_adjective_after_its_determiner() -> None:
    text = "“The port stays open,” the unsigned ruling said."
    assert said(text) == (None, "direct")
    assert find_attribution(text, [], None) is not None
    assert find_attribution("The embattled minister said the port would close.", []).kind == (
        "description"
    )


def test_one_comma_closes_an_aside_and_opens_the_next() -> None:
    text = "Varga, meanwhile, who ran the port for years, said the fees would rise."
    assert said(text) == ("Olek Varga", "indirect")
    # (a comma before a clause that does not describe the subject still ends the gap)
    assert said("Varga, meanwhile, Quist said, will lose the vote.") == ("Mara Quist", "indirect")


def test_a_sentence_inside_an_earlier_quotation_has_its_attribution() -> None:
    text = INTRO + "''Nobody expected the storm. It was a wild card,'' Ms. Quist said."
    assert claim(parse(text), "wild card").speaker == "Mara Quist"


def test_an_unclosed_quotation_does_not_hide_later_attributions() -> None:
    text = INTRO + "Quist tweeted: “Let’s go. We can win.’\n\nVarga said the port was safe."
    assert claim(parse(text), "port was safe").speaker == "Olek Varga"


def test_a_capitalised_role_word_is_no_part_of_a_name() -> None:
    article = parse("Rival Dana Pryce said the port would close.")
    assert article.people == {"Dana Pryce": "Rival"}
    assert claim(article, "Pryce").speaker == "Dana Pryce"


def test_titled_and_described_source_names() -> None:
    assert source_name("Mr. King") == ("King", "person")
    assert source_name("TV host Ann Marsh") == ("Ann Marsh", "person")
    assert source_name("The Daily Courier.") == ("Daily Courier", "organization")
    assert source_name("former Pennsylvania Gov.") is None
    assert source_name("Ranking Democrat Ann Marsh") == ("Ann Marsh", "person")
    assert source_name("Former Governor") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Mortgage rates fell to 6 percent in May.",
        "Freight rates were up 4 percent on the year.",
        "New rules took effect in March.",
        "Insurance claims jumped 8 percent.",
        "Interest rates remain high.",
    ],
)
def test_an_s_form_before_a_plural_verb_is_a_noun(sentence: str) -> None:
    assert said(sentence) == (None, "")


@pytest.mark.parametrize(
    "sentence",
    [
        "Varga added 84 yards in the second half.",
        "Varga added two goals before the break.",
        "The council added $5 million to the port fund.",
        "The club adds another striker to its squad.",
        "Varga conceded a penalty after 20 minutes.",
        "The visitors conceded two goals before the break.",
        "Varga claimed pole position in Monaco.",
    ],
)
def test_an_amount_added_is_not_said(sentence: str) -> None:
    assert said(sentence) == (None, "")


def test_conceding_or_claiming_a_point_in_words_is_still_speech() -> None:
    assert said("Varga claimed the election was stolen.") == ("Olek Varga", "indirect")
    assert said("Varga claimed victory on Tuesday.") == ("Olek Varga", "indirect")
    assert said("Varga conceded that the plan failed.") == ("Olek Varga", "indirect")
    assert said("Varga claimed a third of voters backed him.") == ("Olek Varga", "indirect")


def test_added_with_words_or_inverted_is_still_speech() -> None:
    assert said("Varga added that the port was safe.") == ("Olek Varga", "indirect")
    assert said("The bank added 300 jobs, Varga said.") == ("Olek Varga", "indirect")
    assert said("“It was safe,” added another delegate.")[1] == "anonymous"


def test_an_s_form_before_its_complement_is_still_speech() -> None:
    assert said("Varga claims the vote was rigged.") == ("Olek Varga", "indirect")
    assert said("The court rules that the port must stay open.") == (None, "indirect")


def test_an_s_form_whose_object_a_relative_clause_moved_is_still_speech() -> None:
    sentence = "The deals, which Varga estimates will last a decade, were signed."
    assert said(sentence) == ("Olek Varga", "indirect")


@pytest.mark.parametrize(
    ("sentence", "attribution"),
    [
        ("Varga “hid the payments,” the complaint states.", "partial"),
        ("The lawsuit states that Varga hid $3 million.", "indirect"),
        ("Twelve states filed suits against the port.", ""),
        ("Ferries run in states won by the governor's party.", ""),
        ("Many claims about the port were false.", ""),
    ],
)
def test_a_document_states_but_counted_s_forms_are_nouns(sentence: str, attribution: str) -> None:
    assert said(sentence) == (None, attribution)


def test_as_reported_by_names_its_source() -> None:
    assert said("As reported by Example Wire, the port closed.") == ("Example Wire", "indirect")
    assert said("As stated in the council's report, costs rose.") == (None, "indirect")


def test_a_name_written_family_name_first_is_its_first_word_later() -> None:
    intro = "Foreign Ministry spokesperson Lin Wenhao said the talks were useful. "
    assert said("“We want calm waters,” Lin said.", intro) == ("Lin Wenhao", "direct")
    # Two people share the word: nobody is guessed.
    intro += "Lin Mei, a trade envoy, said the same. "
    assert said("“We want calm waters,” Lin said.", intro) == ("Lin", "direct")


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("“The port failed its users,” the harbour board chair, Ivo Laine, said.", "Ivo Laine"),
        ("“Where is the money?” shouted one farmer, Ivo Laine, 58, who grows wheat.", "Ivo Laine"),
        ("“We lost everything,” said a neighbour, Ivo Laine.", "Ivo Laine"),
    ],
)
def test_a_name_in_commas_after_its_description_speaks_after_a_quotation(
    sentence: str, speaker: str
) -> None:
    assert said(sentence)[0] == speaker


def test_a_role_word_inside_an_organisations_name_does_not_cut_it() -> None:
    assert source_name("Amnesty International Kenya")[0] == "Amnesty International Kenya"
    assert source_name("Trade Minister Ann Marsh") == ("Ann Marsh", "person")


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "The Harbour Fund on Tuesday lowered its forecast, saying costs were high.",
            "Harbour Fund",
        ),
        ("His lawyer, Atty. Ivo Laine, insisted that the report was fabricated.", "Ivo Laine"),
        ("Barrister Ivo Laine said his clients would appeal.", "Ivo Laine"),
        ("City Auditor Ivo Laine told the council that costs were understated.", "Ivo Laine"),
        (
            "Sen. Ivo Laine, an Iowa Republican who has long criticised the port, said it failed.",
            "Ivo Laine",
        ),
    ],
)
def test_titles_times_and_asides_stay_out_of_the_speakers_name(sentence: str, speaker: str) -> None:
    assert said(sentence)[0] == speaker


def test_the_judge_is_the_justice_named_before() -> None:
    intro = "Justice Ivo Laine said the defendants acted recklessly. "
    assert said("“They were warned three times,” the judge said.", intro)[0] == "Ivo Laine"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Swedish utility Vattenfall said it would bid for the port.", "Vattenfall"),
        ("Anti-corruption group SERAP urged the council to publish the audit.", "SERAP"),
        ("The Catholic charity Caritas welcomed the port deal.", "Caritas"),
    ],
)
def test_an_organisation_named_after_what_it_is_speaks(sentence: str, speaker: str) -> None:
    assert said(sentence)[0] == speaker


def test_an_aside_that_keeps_its_source_anonymous_stands() -> None:
    sentence = (
        "A dock worker, a union member who spoke on condition of anonymity for fear of "
        "losing her job at Varga's port, said she had been fired."
    )
    assert said(sentence) == (None, "anonymous")
