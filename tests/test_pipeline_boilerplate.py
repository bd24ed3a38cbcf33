"""Datelines, structured labels, glued credits and captions, prompts, share text and tag
lines (issue 12, item 3), on texts written for these tests."""

from __future__ import annotations

import pytest

from claims.extract.datelines import find_dateline
from claims.extract.labels import label_end
from claims.extract.pipeline import parse_article
from claims.extract.types import ParsedArticle

from .test_pipeline_properties import check_invariants

TITLE = "Harbour Towns Prepare for a Long Winter"


def parse(*paragraphs: str) -> ParsedArticle:
    article = parse_article("\n\n".join([TITLE, *paragraphs]))
    check_invariants(article)
    return article


def claims(article: ParsedArticle) -> list[str]:
    return [c.text for c in article.claims]


def skipped(article: ParsedArticle, reason: str) -> list[str]:
    return [article.body[s.start : s.end] for s in article.skipped if s.reason == reason]


# --- Datelines -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dateline", "place", "agency"),
    [
        ("WASHINGTON (Reuters) -", "Washington", "Reuters"),
        ("OSLO (Example Wire) —", "Oslo", "Example Wire"),
        ("LONDON, March 3 (AP) —", "London", "AP"),
        ("KYIV, Feb. 18 /Agency/.", "Kyiv", "Agency"),
        ("VILNIUS, October 5. /Newswire/.", "Vilnius", "Newswire"),
        ("Paris, 4 June 2025 —", "Paris", ""),
        ("SPRINGFIELD, Ill., Sept. 26 (UPI) —", "Springfield, Ill.", "UPI"),
        ("PORTLAND, Maine —", "Portland, Maine", ""),
        ("NEW DELHI [India], March 3 (ANI):", "New Delhi [India]", "ANI"),
        ("ST. LOUIS --", "St. Louis", ""),
        ("SALT LAKE CITY ―", "Salt Lake City", ""),
        ("AVA, Mo. -", "Ava, Mo.", ""),  # a short name with its region is a place
        ("(Example Wire) —", "", "Example Wire"),
        ("BREMEN (ewp) -", "Bremen", "ewp"),  # agencies written in lower case
        ("WASHINGTON, D.C. (AP) —", "Washington, D.C.", "AP"),
        ("TALLINN, ESTONIA (AP) —", "Tallinn, Estonia", "AP"),
        ("Tallinn (Example Wire) -", "Tallinn", "Example Wire"),
    ],
)
def test_dateline_is_cut_from_the_first_claim_and_kept_as_metadata(dateline, place, agency):
    sentence = "The harbour council approved a new sea wall on Tuesday."
    article = parse(f"{dateline} {sentence}")
    assert claims(article) == [sentence]
    assert skipped(article, "dateline") == [dateline]
    assert (article.dateline_place, article.dateline_agency) == (place, agency)
    assert article.body.endswith(f"{dateline} {sentence}")  # the body keeps it


def test_bare_name_and_colon_further_down_is_left_alone():
    article = parse(
        "LISBON (Example Wire) — The port authority reopened the northern quay on Monday.",
        "HARRIS: We have waited two years for this quay, the harbour master said.",
    )
    assert claims(article) == [
        "The port authority reopened the northern quay on Monday.",
        # Further down, "NAME:" is a speaker label in an interview excerpt: left alone.
        "HARRIS: We have waited two years for this quay, the harbour master said.",
    ]
    assert article.dateline_place == "Lisbon"


def test_a_body_that_opens_with_place_and_colon_writes_its_other_datelines_so():
    article = parse(
        "LISBON: The port authority reopened the northern quay on Monday.",
        "PORTO: Ferry crossings resumed after a two-day pause.",
    )
    assert claims(article) == [
        "The port authority reopened the northern quay on Monday.",
        "Ferry crossings resumed after a two-day pause.",
    ]
    assert skipped(article, "dateline") == ["LISBON:", "PORTO:"]
    assert article.dateline_place == "Lisbon"


def test_datelines_open_later_paragraphs_too_and_the_first_one_is_the_metadata():
    article = parse(
        "ROTTERDAM (Example Wire) — Dock workers ended their strike on Friday.",
        "GENOA — Ferry operators cancelled six crossings because of the storm.",
    )
    assert claims(article) == [
        "Dock workers ended their strike on Friday.",
        "Ferry operators cancelled six crossings because of the storm.",
    ]
    assert skipped(article, "dateline") == ["ROTTERDAM (Example Wire) —", "GENOA —"]
    assert (article.dateline_place, article.dateline_agency) == ("Rotterdam", "Example Wire")


def test_a_dateline_on_a_line_of_its_own():
    article = parse("BERGEN (Example Wire) —", "The fishing fleet stayed in port for a week.")
    assert claims(article) == ["The fishing fleet stayed in port for a week."]
    assert skipped(article, "dateline") == ["BERGEN (Example Wire) —"]
    assert article.dateline_place == "Bergen"


@pytest.mark.parametrize(
    "sentence",
    [
        "NATO — the alliance — met in Brussels on Monday.",  # an acronym, not a place
        "The EU said on Monday that talks would resume.",
        "Paris — not Berlin — will host the summit, officials said.",  # no date, no agency
        "THE PRESIDENT: We will rebuild the harbour.",  # a speaker label, even at the start
        "UPDATE: The ferry service resumed at noon.",  # a label (cut as one, below)
        "TIME IS UP: The council ends the debate.",  # a headline's words, not a place
        "Tuesday, March 3 — The council met again.",  # a date, not a place
        "WASHINGTON-based groups said the rules were too strict.",
    ],
)
def test_not_datelines(sentence):
    assert find_dateline(sentence, lead=True) is None


def test_no_dateline_leaves_the_metadata_empty():
    article = parse("The council met on Monday to discuss the harbour.")
    assert (article.dateline_place, article.dateline_agency) == ("", "")


# --- Structured labels -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "label",
    [
        "Details:",
        "Background:",
        "Context:",
        "UPDATE:",
        "UPDATE 2:",
        "Update (5 p.m.):",
        "UPDATE, 5:40 p.m.:",
        "Editor’s note:",
        "Why it matters:",
        "Quote from Jane Roe:",
        "CORRECTION:",
    ],
)
def test_label_is_not_part_of_the_claim(label):
    article = parse(f"{label} The harbour wall will cost 40 million euros.")
    assert claims(article) == ["The harbour wall will cost 40 million euros."]
    assert skipped(article, "label") == [label]


def test_label_on_its_own_line_is_dropped_and_the_next_paragraph_is_a_claim():
    article = parse("Background:", "The port was closed in 2019 after a fire.")
    assert claims(article) == ["The port was closed in 2019 after a fire."]
    assert "Background:" not in article.body


def test_label_and_dateline_together():
    article = parse("UPDATE: MALMÖ (Example Wire) — The bridge reopened to traffic at noon.")
    assert claims(article) == ["The bridge reopened to traffic at noon."]
    assert skipped(article, "label") == ["UPDATE:"]
    assert skipped(article, "dateline") == ["MALMÖ (Example Wire) —"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials said: the wall will be finished in May.",
        "The message was clear: no more delays.",
        "Background checks took three weeks, the mayor said.",
        "Details: it was a long day.",  # lower case after the colon: a sentence's own colon
        "Note that the figures are provisional.",
    ],
)
def test_colons_in_sentences_are_not_labels(sentence):
    assert label_end(sentence) is None


# --- Credits and captions glued into paragraphs ----------------------------------------------


@pytest.mark.parametrize(
    "credit",
    [
        "(Photo by Jane Roe/Example Images)",
        "[Image credit: Example Images]",
        "(File photo)",
        "ANI",
        "(AP)",
        "— Example Wire",
        "/Newswire/",
        "(With inputs from agencies)",
    ],
)
def test_trailing_credit_is_cut(credit):
    article = parse(f"The quay reopened on Monday. {credit}")
    assert claims(article) == ["The quay reopened on Monday."]
    assert skipped(article, "credit") == [credit]


def test_credit_between_sentences_is_cut_and_both_sentences_stay():
    article = parse(
        "The mayor visited the harbour. (Photo: Jane Roe/Example Images) She promised new funds."
    )
    assert claims(article) == ["The mayor visited the harbour.", "She promised new funds."]
    assert skipped(article, "credit") == ["(Photo: Jane Roe/Example Images)"]


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Photo: Example Images.", "credit"),
        ("Image by Jane Roe/Example Images.", "credit"),
        ("File photo.", "caption"),
        ("Reporting by Jane Roe; Editing by Omar Haddad.", "credit"),
        ("Contributing: Jane Roe, Example Today.", "credit"),
        ("Pictured: the mayor at the harbour on Monday.", "caption"),
    ],
)
def test_credit_and_caption_sentences_glued_into_a_paragraph(sentence, reason):
    article = parse(f"The council met on Monday. {sentence} The vote was close.")
    assert claims(article) == ["The council met on Monday.", "The vote was close."]
    assert skipped(article, reason) == [sentence]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Photographs by the agency show the damage to the harbour.",
        "The council met on Monday (local time) and approved the plan.",
        "The mayor told Example Wire that the plan was ready.",
        "Images from the satellite show the flooded quay.",
        "The harbour master, Jane Roe, said the quay would reopen. (She did not give a date.)",
        "The vote closed at 10 p.m. EST.",  # a time zone after an abbreviation's period
        "“We will not give up the quay.” — Jane Roe",  # who said it, not a credit
    ],
)
def test_sentences_about_pictures_and_agencies_stay_claims(paragraph):
    article = parse(paragraph)
    assert " ".join(claims(article)) == paragraph


# --- Prompts, share text, tags ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Watch: The mayor opens the new quay", "media prompt"),
        ("WATCH | Storm waves hit the harbour wall", "media prompt"),
        ("Watch live: The council votes on the wall", "media prompt"),
        ("Listen to this article", "media prompt"),
        ("Watch the full interview below.", "media prompt"),
        ("Share this article", "nav"),
        ("Follow us on Telegram for the latest news.", "share"),
        ("Join our WhatsApp channel", "share"),
        ("Tags: harbours, storms, winter", "tags"),
        ("Topics: Ports; Weather", "tags"),
    ],
)
def test_prompt_lines_are_dropped(line, reason):
    article = parse("The council met on Monday.", line, "The vote was close.")
    assert claims(article) == ["The council met on Monday.", "The vote was close."]
    assert line not in article.body
    assert article.body.count("\n\n") == 2  # title and the two paragraphs


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Watch the video below.", "media prompt"),
        ("Share this story.", "share"),
        ("Follow us on Example Social for updates.", None),  # not a network we know: kept
        ("Tags: harbours, storms.", "tags"),
    ],
)
def test_prompt_sentences_glued_into_a_paragraph(sentence, reason):
    article = parse(f"The council met on Monday. {sentence}")
    if reason is None:
        assert claims(article) == ["The council met on Monday.", sentence]
    else:
        assert claims(article) == ["The council met on Monday."]
        assert skipped(article, reason) == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "Watch out for falling prices, the economist warned.",
        "Listen to the fishermen, the mayor told the council.",
        "Share prices fell by 3 percent on Monday.",
        "Followers of the party met in the harbour town.",
        "Live coverage of the vote drew a record audience.",
    ],
)
def test_sentences_that_start_like_prompts_stay_claims(sentence):
    assert claims(parse(sentence)) == [sentence]


def test_body_is_not_changed_by_cuts():
    text = "ROTTERDAM (Example Wire) — Dock workers ended their strike. (Photo: Example Images)"
    article = parse(text)
    assert article.body == f"{TITLE}\n\n{text}"
    assert claims(article) == ["Dock workers ended their strike."]


def test_a_labelled_paragraph_above_a_photo_credit_is_text_not_a_caption():
    background = "Background: The new bridge has cost the region more than $40 million."
    article = parse(
        "Bridge opens after delays",
        background,
        "Photo: Example Wire/Ann Lee\nThe mayor cut the ribbon on Sunday.",
    )
    assert "The new bridge has cost the region more than $40 million." in claims(article)


@pytest.mark.parametrize(
    "stamp",
    ["Updated 9:42 p.m.", "Last updated: 14:05 GMT", "Posted at 8.30am", "Updated 10:02 a.m. ET"],
)
def test_a_live_blog_entry_stamp_is_not_a_claim(stamp):
    article = parse("Bridge opens after delays", stamp, "The mayor cut the ribbon on Sunday.")
    assert claims(article) == ["The mayor cut the ribbon on Sunday."]
