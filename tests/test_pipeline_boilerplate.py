"""Datelines, structured labels, glued credits and captions, prompts, share text and tag
lines (issue 12, item 3), on texts written for these tests."""

from __future__ import annotations

import pytest

from claims.extract.boilerplate import boilerplate_reason
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
        # Indian wire copy: no dash or colon after the agency.
        ("Kochi, Mar 3 (Example Wire)", "Kochi", "Example Wire"),
        ("NEW DELHI, March 3 (EWN)", "New Delhi", "EWN"),
        ("Washington DC, 12 March (Example Wire) –", "Washington DC", "Example Wire"),
        ("VILNIUS, October 5. /Newswire/.", "Vilnius", "Newswire"),
        ("Paris, 4 June 2025 —", "Paris", ""),
        ("SPRINGFIELD, Ill., Sept. 26 (UPI) —", "Springfield, Ill.", "UPI"),
        ("PORTLAND, Maine —", "Portland, Maine", ""),
        ("NEW DELHI [India], March 3 (ANI):", "New Delhi [India]", "ANI"),
        ("ST. LOUIS --", "St. Louis", ""),
        ("SALT LAKE CITY ―", "Salt Lake City", ""),
        ("AVA, Mo. -", "Ava, Mo.", ""),  # a short name with its region is a place
        ("LONDON/SINGAPORE, Oct 3 (Wire) -", "London/Singapore", "Wire"),  # two bureaus
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
        # No dash or colon after the agency: a dateline only with a date before it.
        "Greenpeace (Netherlands) Director Jane Roe said the port was unsafe.",
        "Paris (AFP) The minister said the port was unsafe.",
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
        "EXAMPLEWIRE/Jane Roe",  # a photo credit in the agency's own form
        "Example Photo/Jane Roe",
        "Example Images",
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
        "Good morning, the mayor said, and then she cut fares by 5 percent.",
        "Via Rail cut 12 routes in May.",
        "Let us be clear: the wall cost $20 million.",
        "The commission may earn interest on the $5 million fund.",
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
    "credit",
    [
        "Reporting by Ann Lee; Editing by Tom Roe",
        "Additional reporting by Ann Lee",
        "Associated Press",  # (an agency name alone, under a sentence)
    ],
)
def test_the_last_paragraph_above_the_storys_credits_is_not_a_caption(credit):
    last = "The port authority declined to comment on the report."
    article = parse(
        "Bridge opens after delays", "The mayor cut the ribbon on Sunday.", last, credit
    )
    assert last in claims(article)


@pytest.mark.parametrize("credit", ["Photo: Example Images", "Ann Lee/Reuters"])
def test_a_short_line_above_a_picture_credit_is_its_caption(credit):
    caption = "The mayor at the harbour on Monday."
    article = parse("Bridge opens after delays", "The bridge opened on Sunday.", caption, credit)
    assert caption not in claims(article)


# A paragraph of the article above a stray picture credit (the caption lost in extraction,
# or written under the credit) is not that picture's caption: only a caption-like line is.
@pytest.mark.parametrize(
    "credit",
    [
        "Photo credit: File | Example Media Group",
        "Photo: Reuters",
        "(Getty Images)",
        "Image: Ann Lee/dpa/example alliance",
        "Photograph: Ann Lee/AAP",
    ],
)
@pytest.mark.parametrize(
    "paragraph",
    [
        # a reported sentence
        "The harbour master Tom Roe said the quay would cost 4 million euros to repair.",
        # a quotation, and two sentences
        "Jane Roe accused the council of “building on sand.” The vote is due in May.",
        # a statement longer than a caption
        "Ferry traffic through the harbour fell by a third in the first half of the year.",
        "Was the harbour ready for the storm?",
    ],
)
def test_a_paragraph_above_a_stray_credit_is_not_its_caption(credit, paragraph):
    last = "The council meets again in June."
    article = parse("The quay was closed on Monday after the storm.", paragraph, credit, last)
    assert article.subtitle == ""
    assert claims(article)[0] == "The quay was closed on Monday after the storm."
    assert claims(article)[-1] == last
    assert paragraph in article.body  # kept in the body: a claim or skipped there


@pytest.mark.parametrize(
    "caption_line",
    [
        "Photo: Rescue teams search the flooded quay.",
        "Photo: The quay at dawn on Monday.",
        "The flooded quay at dawn. (Xinhua/Ann Lee)",  # a caption with its credit
    ],
)
def test_a_caption_line_under_a_photo_label_does_not_take_the_paragraph_above(caption_line):
    above = "Some residents remain unconvinced."
    article = parse("The quay was closed on Monday after the storm.", above, caption_line)
    assert above in claims(article)


def test_a_lede_above_a_caption_is_not_the_subtitle():
    lede = "The quay was closed on Monday after the storm flooded the harbour front."
    article = parse(
        lede, "Photo: Rescue teams search the flooded quay. (AP)", "Repairs start soon."
    )
    assert article.subtitle == ""
    assert claims(article)[0] == lede


# A caption with its picture's credit on the same line is skipped whole, not left as a claim.
@pytest.mark.parametrize(
    "line",
    [
        "Fishing boats in the harbour at dawn. Photograph: Ann Lee/Example",
        "The mayor at the quay on Monday. Photo: Example Wire",
        "The mayor at the quay on Monday. Image: Ann Lee/Example Wire",
        "The harbour master speaks to reporters at the quay on May 6, 2024 [Ann Lee/Example]",
        "The flooded quay at dawn. (Example Wire/Ann Lee)",
        "A file photo of the harbour wall. | Photo Credit: ANN LEE",
        "Item 1 of 3 Fishing boats in the harbour at dawn. EXAMPLEWIRE/Ann Lee",
        "[2/3] Screenshot of a post about the quay.",
    ],
)
def test_a_caption_with_its_credit_on_the_line_is_skipped_whole(line):
    first = "The quay was closed on Monday after the storm."
    last = "The council meets again in June."
    article = parse(first, line, last)
    assert claims(article) == [first, last]


@pytest.mark.parametrize(
    "line",
    [
        # a report, a quotation, a long sentence: the article's, with a credit glued on
        "The harbour master said the quay would cost 4 million euros. Photo: Example Wire",
        "Jane Roe called the wall “a disgrace.” Photo: Example Wire",
        "Ferry traffic through the harbour fell by a third in the first half of the year, the "
        "busiest months for tourists and fishing crews alike. Photo: Example Wire",
        "Support for the wall rose to 41% in May, a poll by two firms found (Example/Pollster).",
    ],
)
def test_a_paragraph_with_a_credit_glued_on_keeps_its_claim(line):
    article = parse("The quay was closed on Monday after the storm.", line)
    assert len(claims(article)) == 2


@pytest.mark.parametrize(
    "stamp",
    ["Updated 9:42 p.m.", "Last updated: 14:05 GMT", "Posted at 8.30am", "Updated 10:02 a.m. ET"],
)
def test_a_live_blog_entry_stamp_is_not_a_claim(stamp):
    article = parse("Bridge opens after delays", stamp, "The mayor cut the ribbon on Sunday.")
    assert claims(article) == ["The mayor cut the ribbon on Sunday."]


# --- Live-blog times -------------------------------------------------------------------------


@pytest.mark.parametrize("stamp", ["3:41 PM:", "12:05 GMT —", "9.30am |", "14:05 CET+1 -"])
def test_a_live_blog_time_opening_a_paragraph_is_cut(stamp):
    article = parse(f"{stamp} The ferry service resumed at noon.")
    assert claims(article) == ["The ferry service resumed at noon."]
    assert skipped(article, "timestamp") == [stamp]
    assert article.dateline_place == ""  # a time is no place


def test_a_label_after_a_live_blog_time_is_cut_too():
    article = parse("1:02 PM — Update: The ferry service resumed at noon.")
    assert claims(article) == ["The ferry service resumed at noon."]
    assert skipped(article, "timestamp") == ["1:02 PM —"]
    assert skipped(article, "label") == ["Update:"]


@pytest.mark.parametrize(
    "sentence",
    [
        "12.5 percent: that is how much the fares rose, the operator said.",
        "3:1 — the vote went against the harbour plan, officials said.",
        "2024 — the year the harbour flooded — was the wettest on record.",
    ],
)
def test_numbers_that_are_not_times_stay_in_the_claim(sentence):
    assert claims(parse(sentence)) == [sentence]


# --- Furniture glued after a short paragraph's last sentence ---------------------------------


@pytest.mark.parametrize(
    ("tail", "reason"),
    [
        ("Advertisement", "advertisement"),
        ("ADVERTISEMENT - Scroll to continue", "advertisement"),
        ("Watch: drone footage of the flooded quay", "media prompt"),
        ("Listen to this article", "media prompt"),
        ("Share this article", "share"),
        ("Image source, Example Images", "caption"),
        ("EXAMPLEWIRE/Jane Roe", "credit"),
    ],
)
def test_furniture_glued_to_a_short_paragraph_is_cut_and_the_claim_kept(tail, reason):
    article = parse("Three people were injured, police said.", f"The quay flooded. {tail}")
    assert claims(article) == ["Three people were injured, police said.", "The quay flooded."]
    assert tail in skipped(article, reason)


@pytest.mark.parametrize(
    "heading", ["Ministers meet Sen. Jane Roe", "Watch the skies", "Share prices fall again"]
)
def test_headings_stay_headings(heading):
    article = parse("The council met on Monday.", heading, "The vote was close.")
    assert claims(article) == ["The council met on Monday.", "The vote was close."]
    assert skipped(article, "heading") == [heading]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Sponsored by Example Power", "promo"),
        ("Brought to you by Northwind Bank", "promo"),
        ("Curated by Ana Roos", "credit"),
        ("Produced by Jan Berg and Ana Roos", "credit"),
        ("Words by: EXAMPLE NEWS 7", "byline"),
        ("Reporting from Bergen", "byline"),
        ("Skip next section Navigation", "nav"),
        ("Jump past this section", "nav"),
        ("Week of March 3, 2025", "dateline"),
        # Headlines of the same shape are kept:
        ("Hosted by Oslo, talks on the sea wall resume", None),
        ("Hit by a storm surge", None),
        ("Skipping school for the sea wall protest", None),
    ],
)
def test_credit_sponsor_and_navigation_lines_around_a_headline(line, reason):
    assert boilerplate_reason(line) == reason


# --- End matter: contributors, corrections, bios, promos -------------------------------------


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Example Wire writer Jane Roe in Lisbon contributed to this report.", "contributors"),
        ("Example News' Jane Roe contributed reporting.", "contributors"),
        ("Jane Roe and Omar Haddad contributed reporting from Porto.", "contributors"),
        ("Additional reporting was contributed by Jane Roe in Porto.", "contributors"),
        ("Example Wire journalists Jane Roe and Omar Haddad contributed.", "contributors"),
        ("Example News' Ana de Souza contributed to this report.", "contributors"),
        ("Example Stats & Information contributed to this report.", "contributors"),
        ("Information from The Example Wire was used in this report.", "contributors"),
        ("A version of this article appears in print on June 3, Section A.", "correction"),
        ("Jane Roe covers city hall and politics for The Example Post.", "author bio"),
        ("Jane Roe covers harbour policy for the paper.", "author bio"),
        ("Thanks for reading The Harbour Letter!", "promo"),
        (
            "An earlier version of this story incorrectly said the wall cost 20 million.",
            "correction",
        ),
        ("A previous version of this article misstated the mayor's name.", "correction"),
        ("This article has been revised to reflect the following correction.", "correction"),
        ("Correction: The vote was 9-2, not 8-3.", "correction"),
        ("We regret the error.", "correction"),
        ("Jane Roe is the Iberia correspondent for Example News.", "author bio"),
        ("Jane Roe is a senior reporter covering ports and shipping.", "author bio"),
        ("About the author: Jane Roe has reported from 40 countries.", "author bio"),
        ("She can be reached at jroe@example.com.", "author bio"),
        ("Follow her on X @jroe", "share"),
        ("Follow Jane Roe on Twitter @jroe.", "share"),
        ("Twitter: @jroe", "share"),
        ("Sign up for the Harbour Briefing — get the top stories in your inbox.", "promo"),
        ("Enter your email address", "promo"),
        ("By signing up, you agree to our Terms of Use and Privacy Policy.", "promo"),
        ("Get the latest headlines delivered to your inbox every morning.", "promo"),
        ("Become a member today for just $5 a month.", "promo"),
        ("Get the latest news on WhatsApp.", "promo"),
        ("Support independent journalism.", "promo"),
        ("If you value our reporting, please consider making a donation.", "promo"),
        ("Thank you for signing up!", "promo"),
        ("(Subscribe to the Example Harbour podcast here.)", "promo"),
        ("This is a developing story.", "developing"),
        ("Check back for updates.", "developing"),
        ("Story continues below advertisement", "advertisement"),
        ("This article was amended on 14 May to correct the name of the quay.", "correction"),
        ("Disclosure: The author's spouse works for the harbour board.", "disclosure"),
        ("This page contains affiliate links.", "disclosure"),
        ("Our Standards: The Example Wire Trust Principles.", "disclosure"),
        ("Forward it to a friend.", "promo"),
        ("Reply to this email with your questions.", "promo"),
        ("Tell us in the comments below.", "promo"),
        ("Here's what you need to know.", "promo"),
    ],
)
def test_end_matter_lines_are_not_claims(line, reason):
    article = parse("The council met on Monday.", line, "The vote was close.")
    assert claims(article) == ["The council met on Monday.", "The vote was close."]
    assert line not in article.body


@pytest.mark.parametrize(
    "line",
    [
        "— With files from The Example Press",
        "- Additional reporting by Jane Roe",
        "*Writing by Jane Roe; Editing by Omar Haddad",
        "With reports from Jane Roe, Example.net",
    ],
)
def test_the_storys_credits_at_its_end_are_not_claims(line):
    article = parse("The council met on Monday.", "The vote was close.", line)
    assert claims(article) == ["The council met on Monday.", "The vote was close."]
    assert line not in article.body


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Jane Roe in Lisbon contributed to this report.", "contributors"),
        ("An earlier version of this story misstated the vote.", "correction"),
        ("Jane Roe is the Iberia correspondent for Example News.", "author bio"),
        ("Become a member today.", "promo"),
        ("This is a developing story and will be updated.", "developing"),
        ("Sign up here.", "promo"),
        ("Via The Harbour Times.", "credit"),
        ("We may earn a commission if you buy through them.", "disclosure"),
    ],
)
def test_end_matter_sentences_glued_into_a_paragraph_are_cut(sentence, reason):
    article = parse(f"The council met on Monday. {sentence} The vote was close.")
    assert claims(article) == ["The council met on Monday.", "The vote was close."]
    assert skipped(article, reason) == [sentence]


def test_the_text_after_a_correction_label_is_the_correction():
    article = parse(
        "The quay reopened on Monday.",
        "Correction: The vote was 9-2, not 8-3. The earlier figure was wrong.",
    )
    assert claims(article) == ["The quay reopened on Monday."]


def test_a_staff_bio_takes_what_it_says_next_of_the_author_with_it():
    article = parse(
        "The quay reopened on Monday.",
        "Jane Roe is the Iberia correspondent for Example News. She previously worked for "
        "Example Radio. She can be reached at jroe@example.com.",
    )
    assert claims(article) == ["The quay reopened on Monday."]
    assert len(skipped(article, "author bio")) == 3


def test_news_about_a_reporter_after_a_bio_like_sentence_stays():
    article = parse(
        "Jane Roe is a reporter for Example News. She was detained at the border in May, "
        "her editor said."
    )
    assert claims(article) == ["She was detained at the border in May, her editor said."]


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister contributed $5 million to the fund.",
        "Scientists from 12 countries contributed research to the study.",
        "Three agencies contributed to the report, which was published on Monday.",
        "Members of the union signed up for the strike.",
        "Clinton wants to sign up 5 million voters, her campaign said.",
        "Newsletter sign-ups rose 30% this year, the company said.",
        "An earlier version of the bill said the tax would rise.",
        "The original draft said the tax would rise, according to documents.",
        "This report incorrectly assumes growth, critics said.",
        "The company regrets the error, a spokesman said.",
        "Support for independent journalism fell to 40 percent, a poll showed.",
        "Support for the plan fell, the survey found.",
        "Thank you for your support, the mayor told the crowd.",
        "If you value freedom, vote, the senator told the crowd.",
        "Jane Roe is a journalist and author of two books on the port.",
        "The hotline can be reached at 555-0100, police said.",
        "Like the idea, he posted on Facebook that the plan works.",
        "Get out of the harbour, the coast guard told the crews.",
        "This is a developing country, the minister said.",
        "He refused to follow her commands, police said.",
        "Read Live Updates On The Harbour Vote.",
    ],
)
def test_news_that_reads_like_end_matter_stays_a_claim(sentence):
    assert claims(parse("The council met on Monday.", sentence)) == [
        "The council met on Monday.",
        sentence,
    ]


# --- Quotation labels ------------------------------------------------------------------------


def test_a_quote_label_that_names_its_speaker_keeps_the_speaker():
    article = parse(
        "The housing plan was published on Monday.",
        'Quote from Housing Minister Jane Roe: "We will build more homes than ever before."',
    )
    quote = article.claims[-1]
    assert quote.speaker == "Jane Roe"
    assert quote.text == ('Housing Minister Jane Roe: "We will build more homes than ever before."')
    assert skipped(article, "label") == ["Quote from"]


def test_a_quote_label_without_a_name_is_cut_whole():
    article = parse('Quote from the ministry: "We will build more homes than ever before."')
    assert claims(article) == ['"We will build more homes than ever before."']
    assert skipped(article, "label") == ["Quote from the ministry:"]


_RELEASE = (
    "Harbour Robotics today announced that it has raised $40 million to build dock cranes.",
    "“Ports need cranes that run on batteries,” said Ana Roos, chief executive of Harbour "
    "Robotics. “This lets us build them.”",
    "The company will open a plant in Porto next year and hire 200 people there.",
)


@pytest.mark.parametrize(
    "tail",
    [
        (
            "About Harbour Robotics",
            "Harbour Robotics designs electric cranes for ports. Founded in 2019, it is based "
            "in Lisbon. For more information, visit www.example.com.",
        ),
        ("Forward-Looking Statements", "This release contains forward-looking statements."),
        ("Notes to editors:", "Photos are available on request."),
        ("Media contact:", "Ana Lee", "press@example.com"),
        ("###",),
    ],
)
def test_a_press_releases_closing_sections_are_not_claims(tail):
    article = parse(*_RELEASE, *tail)
    assert claims(article)[-1] == _RELEASE[-1]
    assert all(line not in claims(article) for line in tail)


def test_about_a_subject_in_the_middle_of_an_article_is_no_end_matter():
    article = parse(
        "About 40 people were hurt when the crane fell on Monday, officials said.",
        "About the Harbour Robotics case",
        *_RELEASE,
    )
    assert claims(article)[-1] == _RELEASE[-1]


@pytest.mark.parametrize("credit", ["Photo: Example Images", "(Photo: Example Images)"])
def test_a_narrated_last_paragraph_above_a_stray_credit_is_kept(credit):
    last = "The stock had tripled since its listing in 2022."
    article = parse("Shares fell 38 percent on Tuesday, the exchange said.", last, credit)
    assert claims(article)[-1] == last
