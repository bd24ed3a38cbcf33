"""Which line is the title, and ``title_source`` (issue 12, item 4), on invented pages."""

from __future__ import annotations

import pytest

from claims.extract.pipeline import parse_article
from claims.extract.types import ArticleHints

from .test_pipeline_properties import check_invariants

PROMO = "Ferry Prices Soar as Fuel Costs Climb"  # another story's headline, linked at the top
TITLE = "Harbour Towns Prepare for a Long Winter"
LEAD = "The harbour council approved a new sea wall on Tuesday after a year of debate."
MORE = "Work on the wall will start in March, the council said."


def parse(text: str, **kwargs):
    article = parse_article(text, **kwargs)
    check_invariants(article)
    return article


def test_promo_above_the_title_is_passed_over_for_the_line_before_the_byline():
    article = parse(f"{PROMO}\n\n{TITLE}\n\nBy Jane Roe\n\n{LEAD}\n\n{MORE}")
    assert (article.title, article.title_source) == (TITLE, "byline")
    assert article.author == "Jane Roe"
    assert PROMO not in article.body


def test_promo_above_the_title_is_passed_over_for_the_line_before_the_dateline():
    article = parse(f"{PROMO}\n\n{TITLE}\n\nBERGEN (Example Wire) — {LEAD}\n\n{MORE}")
    assert (article.title, article.title_source) == (TITLE, "byline")
    assert [c.text for c in article.claims] == [LEAD, MORE]
    assert article.dateline_place == "Bergen"


def test_a_headline_style_dek_before_the_byline_is_the_subtitle_not_the_title():
    dek = "Councils along the coast are spending more on flood defences"
    article = parse(f"{PROMO}\n\n{TITLE}\n\n{dek}\n\nBy Jane Roe\n\n{LEAD}")
    assert (article.title, article.title_source) == (TITLE, "byline")
    assert article.subtitle == dek


def test_an_office_line_over_the_date_is_not_the_title():
    readout = "Readout of the Minister's Call with the Harbour Council"
    text = f"{readout}\n\nOffice of the Spokesperson\n\nMarch 3, 2025\n\n{LEAD}\n\n{MORE}"
    article = parse(text)
    assert (article.title, article.title_source) == (readout, "byline")
    # A short headline under a promo is still the title: it names no office.
    short = "Harbour Towns Brace Themselves"
    article = parse(f"{PROMO}\n\n{short}\n\nBy Jane Roe\n\n{LEAD}")
    assert (article.title, article.title_source) == (short, "byline")


def test_a_sentence_dek_between_title_and_byline_is_the_subtitle():
    dek = "Councils along the coast are spending more on flood defences."
    article = parse(f"{TITLE}\n\n{dek}\n\nPublished on March 3, 2025\n\n{LEAD}")
    assert (article.title, article.title_source) == (TITLE, "byline")
    assert article.subtitle == dek


def test_the_line_repeated_further_down_is_the_title():
    article = parse(f"{PROMO}\n\n{TITLE}\n\n{LEAD}\n\n{TITLE}\n\n{MORE}")
    assert (article.title, article.title_source) == (TITLE, "repeated")


def test_a_header_line_gives_the_title():
    article = parse(f"Title: {TITLE}\n\n{PROMO}\n\n{LEAD}")
    assert (article.title, article.title_source) == (TITLE, "header")
    assert "Title:" not in article.body


def test_a_header_line_repeated_in_the_text_marks_where_the_article_starts():
    article = parse(f"Headline: {TITLE}\n\n{PROMO}\n\n{TITLE}\n\n{LEAD}")
    assert (article.title, article.title_source) == (TITLE, "header")
    assert article.body.startswith(TITLE)
    assert PROMO not in article.body


def test_a_hint_wins():
    article = parse(f"{PROMO}\n\n{TITLE}\n\nBy Jane Roe\n\n{LEAD}", hints=ArticleHints(title=PROMO))
    assert (article.title, article.title_source) == (PROMO, "hint")


def test_a_given_title_does_not_cut_a_short_lede_off_the_body():
    # With the title given (HTML or feed metadata) only its place in the text is sought; a
    # heading or a credited quotation after a short lede is not it, and the lede stays.
    lede = "Senator Mara Quist met Governor Olek Varga in the harbour town on Monday."
    for line in ("What happens next", '"Fees doubled." -- Quist, on Monday'):
        article = parse(f"{lede}\n\n{line}\n\n{MORE}", hints=ArticleHints(title=TITLE))
        assert (article.title, article.title_source) == (TITLE, "hint")
        assert article.claims[0].text == lede, line
        assert article.claims[-1].text == MORE


def test_a_given_title_still_finds_its_place_below_a_promo():
    article = parse(f"{PROMO}\n\nHarbour towns\n\n{LEAD}", hints=ArticleHints(title=TITLE))
    assert [c.text for c in article.claims] == [LEAD]


def test_without_byline_dateline_or_repeat_the_headline_before_the_text():
    article = parse(f"{TITLE}\n\n{LEAD}\n\n{MORE}")
    assert (article.title, article.title_source) == (TITLE, "first_line")


def test_without_any_headline_the_first_sentence_stands_in():
    article = parse(f"{LEAD} {MORE}")
    assert (article.title, article.title_source) == (LEAD, "fallback")


def test_labelled_promos_are_dropped_before_the_title_is_chosen():
    for promo in (f"Read also: {PROMO}", f"Related: {PROMO}", f"Watch: {PROMO}"):
        article = parse(f"{promo}\n\n{TITLE}\n\n{LEAD}")
        assert (article.title, article.title_source) == (TITLE, "first_line"), promo


def test_a_title_case_headline_with_a_period_is_still_the_title():
    # Title Case capitalises words the article writes in lower case ("towns", "winter").
    towns = "Three towns on the coast expect a hard winter."
    article = parse(f"{TITLE}.\n\n{LEAD}\n\n{towns}")
    assert (article.title, article.title_source) == (f"{TITLE}.", "first_line")
    assert [c.text for c in article.claims] == [LEAD, towns]


def test_a_short_lede_full_of_names_is_not_taken_for_a_title():
    lede = "Example Holdings bought Nordhavn Tower from Jane Roe on Monday."
    article = parse(f"{lede}\n\n{LEAD}")
    assert (article.title, article.title_source) == (lede, "fallback")
    assert [c.text for c in article.claims] == [lede, LEAD]


def test_a_one_sentence_lede_in_sentence_case_is_not_taken_for_a_title():
    lede = "The council approved the wall on Tuesday."
    article = parse(f"{lede}\n\n{LEAD}")
    assert (article.title, article.title_source) == (lede, "fallback")
    assert [c.text for c in article.claims] == [lede, LEAD]


def test_fallback_title_does_not_stop_at_an_abbreviation():
    article = parse("The U.S. envoy met the council on Tuesday. The talks went on all day.")
    assert article.title == "The U.S. envoy met the council on Tuesday."


def test_byline_field():
    article = parse(f"{TITLE}\n\nBYLINE: Jane Roe.\n\n{LEAD}")
    assert (article.author, article.title_source) == ("Jane Roe", "byline")


def test_short_furniture_between_the_headline_and_the_byline_is_not_the_title():
    for furniture in ("Follow Author", "2 min", "Jane Roe\n\nHarbour reporter"):
        article = parse(f"{TITLE}\n\n{furniture}\n\nBy Jane Roe\n\n{LEAD}\n\n{MORE}")
        assert (article.title, article.title_source) == (TITLE, "byline"), furniture


def test_a_line_with_a_clock_time_is_not_the_title():
    stamp = "Issued on: 27/07/2025 - 14:20"
    article = parse(f"{TITLE}\n\n{stamp}\n\nBERGEN (Example Wire) — {LEAD}\n\n{MORE}")
    assert article.title == TITLE


def test_a_caption_ending_with_its_photo_credit_is_not_a_claim():
    for caption in (
        "Workers repair the sea wall in Bergen, Tuesday, Jan. 21, 2025. (AP Photo/Ann Lee)",
        "The harbour master speaks to reporters at the quay. | Ann Lee/EXAMPLE",
    ):
        last = "The council meets again in May."
        article = parse(f"{TITLE}\n\nBy Jane Roe\n\n{LEAD}\n\n{MORE}\n\n{caption}\n\n{last}")
        assert [c.text for c in article.claims] == [LEAD, MORE, last], caption


def test_a_hard_wrapped_caption_ends_at_its_credit_and_the_lede_stays_a_claim():
    caption = "Workers repair the sea wall in Bergen on Tuesday morning. (AP Photo/Ann Lee)"
    text = f"{TITLE}\n\nBy Jane Roe\n\n{LEAD}\n{caption}\n{MORE}"
    article = parse(text)
    assert [c.text for c in article.claims] == [LEAD, MORE]
    assert article.subtitle == ""


# A wire agency credited under the headline is the story's byline, not a photo's credit: the
# headline above it stays the title (it is no caption).
@pytest.mark.parametrize(
    ("byline", "author", "publisher"),
    [
        ("By Example Wire", "Example Wire", ""),  # (not an agency the code knows: a control)
        ("By Reuters", "Reuters", ""),
        ("By AFP", "AFP", ""),
        ("By The Associated Press", "The Associated Press", ""),
        ("By Reuters Staff", "Reuters Staff", ""),
        ("By Ana Roos, Reuters", "Ana Roos", "Reuters"),
        ("By Ana Roos with AFP", "Ana Roos", "AFP"),
        ("By Ana Roos, AFP Lisbon", "Ana Roos", "AFP"),
        ("By Ana Roos and Associated Press", "Ana Roos", "Associated Press"),
        ("With AFP", "", "AFP"),
        ("Reuters", "", "Reuters"),
        ("AFP", "", "AFP"),
    ],
)
def test_an_agency_byline_under_the_headline_keeps_the_headline_the_title(
    byline, author, publisher
):
    headline = "Harbour towns brace for a long winter"
    article = parse(f"{headline}\n\n{byline}\n\n{LEAD}\n\n{MORE}")
    assert article.title == headline
    assert article.title_source in ("byline", "first_line")
    assert (article.author, article.publisher) == (author, publisher)
    assert [c.text for c in article.claims] == [LEAD, MORE]


def test_an_agency_under_a_caption_in_the_article_still_credits_the_caption():
    caption = "Fishing boats moored in the harbour at dawn"
    last = "The council meets again in June."
    article = parse(f"{TITLE}\n\n{LEAD}\n\n{MORE}\n\n{caption}\n\nReuters\n\n{last}")
    assert article.title == TITLE
    assert caption not in article.body
    assert [c.text for c in article.claims] == [LEAD, MORE, last]


# --- Furniture around the headline (a credit, sponsor, date or nav line, a site's name) -----

SENTENCE_HEADLINE = "Harbour towns brace for a long and costly winter"


@pytest.mark.parametrize(
    ("furniture", "where"),
    [
        ("Words by: EXAMPLE NEWS 7", "below"),
        ("Sponsored by Example Power", "below"),
        ("Presented by Northwind", "below"),
        ("Curated by Ana Roos", "below"),
        ("Week of March 3, 2025", "below"),
        ("Reporting from Bergen", "below"),
        ("Skip this section Navigation", "above"),
        ("Example Broadcasting Corporation", "above"),
        ("The Nordstrand Weekly", "above"),
        ("Harbour news", "above"),
    ],
)
def test_furniture_next_to_the_headline_is_not_the_title(furniture, where):
    lines = [SENTENCE_HEADLINE, furniture] if where == "below" else [furniture, SENTENCE_HEADLINE]
    article = parse("\n\n".join([*lines, LEAD, MORE]))
    assert article.title == SENTENCE_HEADLINE
    assert furniture not in article.body or article.subtitle != furniture
    assert [c.text for c in article.claims] == [LEAD, MORE]


def test_a_section_label_repeated_in_the_footer_is_not_the_title():
    footer = "More on these topics\n\nHarbours\n\nHarbour news"
    article = parse(f"Harbour news\n\n{SENTENCE_HEADLINE}\n\n{LEAD}\n\n{MORE}\n\n{footer}")
    assert (article.title, article.title_source) == (SENTENCE_HEADLINE, "first_line")
    assert article.subtitle == ""


def test_a_writer_credit_line_gives_the_author():
    article = parse(f"{SENTENCE_HEADLINE}\n\nText by: Ana Roos\n\n{LEAD}")
    assert (article.title, article.author) == (SENTENCE_HEADLINE, "Ana Roos")


# --- Headlines that headline_like turns down: long ones, and ones ending in "U.S." ---------


def test_a_long_unpunctuated_line_not_over_the_article_is_not_taken_for_a_headline():
    line = (
        "Harbour towns that spent more than a million on sea walls report fewer floods "
        "this winter according to the council"
    )
    article = parse(f"{line}\n\nSea walls\n\nIn short\n\n{LEAD}")
    assert article.title != line


@pytest.mark.parametrize(
    "headline",
    [
        "Record number of harbour workers move to U.S.",
        "Sea wall deal is close, says U.K.",
        "Harbour towns that spent more than a million on sea walls report fewer floods "
        "this winter, council finds",  # longer than headline_like's 14 words
    ],
)
def test_a_long_or_abbreviated_headline_is_the_title_and_no_claim(headline):
    article = parse(f"{headline}\n\n{LEAD}\n\n{MORE}")
    assert (article.title, article.title_source) == (headline, "first_line")
    assert [c.text for c in article.claims] == [LEAD, MORE]


def test_a_sentence_ending_in_an_abbreviation_under_the_headline_stays_a_claim():
    sentence = "The council's engineers trained in the U.S."
    article = parse(f"{SENTENCE_HEADLINE}\n\n{LEAD}\n\n{sentence}")
    assert article.title == SENTENCE_HEADLINE
    assert [c.text for c in article.claims] == [LEAD, sentence]


# --- A headline and its dek in sentence case over the dateline ------------------------------


def test_a_sentence_case_dek_under_the_headline_is_the_subtitle():
    dek = "Money raised by the council will pay for new pumps along the coast"
    dateline = f"BERGEN (Example Wire) — {LEAD}"
    article = parse(f"{SENTENCE_HEADLINE}\n\n{dek}\n\n{dateline}\n\n{MORE}")
    assert (article.title, article.title_source) == (SENTENCE_HEADLINE, "byline")
    assert article.subtitle == dek


def test_a_line_between_the_dek_and_the_date_is_not_the_title():
    dek = (
        "The council voted on Tuesday to spend two million on sea walls and pumps along the "
        "northern coast before the storms"
    )
    lines = [SENTENCE_HEADLINE, dek, "Why readers trust Example", "Published: 9:15am, 7 Apr 2025"]
    article = parse("\n\n".join([*lines, LEAD, MORE]))
    assert (article.title, article.title_source) == (SENTENCE_HEADLINE, "byline")
