"""Transcripts (issue 12): turns get their speaker; questions and labels are never claims.

Every text here is invented for the tests.
"""

from __future__ import annotations

from claims.extract.pipeline import parse_article
from claims.extract.text import clean_document
from claims.extract.transcripts import find_turns
from claims.extract.types import ArticleHints, KnownActor, ParsedArticle

BRIEFING = """Briefing on the river ferry programme

Remarks by President Jane Holloway and Commerce Secretary Peter Smith at the harbour office.

THE PRESIDENT: Good afternoon. The ferries carried 40,000 passengers last month. Fares fell
by 10 percent.

Q: Madam President, will the ferries run in March?

THE PRESIDENT: They will run until June 1.

The harbour will add two boats in May.

MR. SMITH: The ministry signed the contract on Tuesday. It covers 12 piers.

Q Is that enough for the summer?

QUESTION: And the budget?

MODERATOR: We have time for one more question.
"""

TITLE_CASE = """Interview with the governor

The following interview took place in Riverton with Governor Alma Reyes and Mr. Tom Baker.

The Governor. Our schools hired 300 teachers this year. Class sizes shrank.

Q. What about the roads?

The Governor. We repaved 80 miles of road in 2024.

Mr. Baker. The county paid for half of it.
"""


def _parse(raw: str, known: tuple[KnownActor, ...] = ()) -> ParsedArticle:
    return parse_article(raw, hints=ArticleHints(), known_actors=known)


def _turns(raw: str) -> dict:
    doc = clean_document(raw, ArticleHints())
    return find_turns(doc.body, doc.paragraphs)


def _skipped(article: ParsedArticle, reason: str) -> list[str]:
    return [article.body[s.start : s.end] for s in article.skipped if s.reason == reason]


def _claim(article: ParsedArticle, text: str):
    (claim,) = [c for c in article.claims if c.text == text]
    return claim


def test_a_short_briefing_is_a_transcript():
    turns = _turns(BRIEFING)
    assert {t.label for t in turns.values()} == {
        "THE PRESIDENT",
        "Q",
        "MR. SMITH",
        "QUESTION",
        "MODERATOR",
    }


def test_one_note_line_is_not_a_transcript():
    raw = (
        "Ferry fares fall\n\n"
        "The city cut ferry fares by 10 percent on Monday, the mayor said.\n\n"
        "Note: This article was updated to correct the date.\n\n"
        "Passenger numbers rose to 40,000 in March.\n\n"
        "The council will vote on a new pier in June."
    )
    assert _turns(raw) == {}
    assert _skipped(_parse(raw), "speaker label") == []


def test_an_article_quoting_a_q_is_not_a_transcript():
    raw = (
        "The ferry hearing\n\n"
        'The record of the hearing reads: "Q: Did you sign the contract? A: I did."\n\n'
        '"Q: Were the boats safe?" the lawyer asked again, reading from his notes.\n\n'
        "The council will vote on a new pier in June, the mayor said."
    )
    assert _turns(raw) == {}


def test_every_claim_in_a_turn_has_the_turns_speaker():
    article = _parse(BRIEFING)
    for text in (
        "Good afternoon.",
        "The ferries carried 40,000 passengers last month.",
        "Fares fell by 10 percent.",
        "They will run until June 1.",
        # A paragraph without a label continues the turn before it.
        "The harbour will add two boats in May.",
    ):
        assert _claim(article, text).speaker == "Jane Holloway"
    for text in ("The ministry signed the contract on Tuesday.", "It covers 12 piers."):
        claim = _claim(article, text)
        assert claim.speaker == "Peter Smith"
        assert claim.speaker_role == "Commerce Secretary"


def test_the_president_unnamed_keeps_the_label_as_description():
    raw = BRIEFING.replace("President Jane Holloway and ", "")
    claim = _claim(_parse(raw), "They will run until June 1.")
    assert claim.speaker is None
    assert claim.speaker_role == "President"


def test_a_surname_label_resolves_to_a_known_actor():
    raw = BRIEFING.replace("MR. SMITH:", "SECRETARY RUBIO:")
    article = _parse(raw, (KnownActor("Marco Rubio", "person"),))
    assert _claim(article, "It covers 12 piers.").speaker == "Marco Rubio"


def test_questions_are_skipped_never_claims():
    article = _parse(BRIEFING)
    assert _skipped(article, "question") == [
        "Madam President, will the ferries run in March?",
        "Is that enough for the summer?",
        "And the budget?",
        # A moderator's turns are the questions' (and their framing), as a reporter's are.
        "We have time for one more question.",
    ]
    assert not [c for c in article.claims if "ferries run in March" in c.text]


def test_labels_are_cut_from_claims_with_exact_offsets():
    article = _parse(BRIEFING)
    assert _skipped(article, "speaker label") == [
        "THE PRESIDENT:",
        "Q:",
        "THE PRESIDENT:",
        "MR. SMITH:",
        "Q",
        "QUESTION:",
        "MODERATOR:",
    ]
    for claim in article.claims:
        assert article.body[claim.start : claim.end] == claim.text
        assert not claim.text.startswith(("THE PRESIDENT", "MR. SMITH", "Q", "MODERATOR"))
    first = _claim(article, "Good afternoon.")
    assert article.body[first.start - len("THE PRESIDENT: ") : first.start] == "THE PRESIDENT: "


def test_every_character_is_in_one_claim_or_skipped_span():
    article = _parse(BRIEFING)
    spans = sorted(
        [(c.start, c.end) for c in article.claims] + [(s.start, s.end) for s in article.skipped]
    )
    covered = [False] * len(article.body)
    for start, end in spans:
        assert not any(covered[start:end])
        covered[start:end] = [True] * (end - start)
    assert all(covered[i] or ch.isspace() for i, ch in enumerate(article.body))


def test_title_case_labels():
    article = _parse(TITLE_CASE)
    for text in ("Our schools hired 300 teachers this year.", "Class sizes shrank."):
        assert _claim(article, text).speaker == "Alma Reyes"
    assert _claim(article, "The county paid for half of it.").speaker == "Tom Baker"
    assert not [c for c in article.claims if "roads" in c.text]


def test_a_label_named_only_in_the_title_resolves_to_the_full_name():
    raw = (
        "Press Briefing by Press Secretary Nora Quill\n\n"
        "MS. QUILL: The port reopened on Monday. Exports rose 9 percent.\n\n"
        "Q Will it stay open?\n\n"
        "MS. QUILL: It will stay open through the winter.\n"
    )
    article = _parse(raw)
    assert {c.speaker for c in article.claims} == {"Nora Quill"}
    remarks = "Remarks by President Ada Brandt on the Budget\n\n" + (
        "THE PRESIDENT: We cut the deficit by 2 percent.\n\nQ And taxes?\n\n"
        "THE PRESIDENT: Taxes stay where they are.\n"
    )
    assert {c.speaker for c in _parse(remarks).claims} == {"Ada Brandt"}
    # A title naming someone else with that surname's word as a title word resolves nobody.
    other = raw.replace("Press Secretary Nora Quill", "the Secretary Quill Office")
    assert {c.speaker for c in _parse(other).claims} == {None}


def _speakers(article: ParsedArticle) -> dict[str, str | None]:
    return {c.text: c.speaker for c in article.claims}


HEARING = """Senate hearing on the harbour bank

The following is part of Tuesday's hearing.

SEN. JANE ROE (D-MA), CHAIR: The bank failed in two days. Depositors took out $40 billion.

SEN. TOM ABEL (R-SC): The regulators were warned for 18 months.

OLGA PRASK, FORMER CEO, HARBOUR BANK: I am sorry for what happened.

The bank's board met 27 times in 2022.

ROE: The board approved a $2 million bonus.

PRASK: That bonus was for 2022 and the board approved it.

ABEL: I will follow up on that.
"""


def test_labels_with_a_party_or_a_description_open_turns():
    article = _parse(HEARING)
    speakers = _speakers(article)
    assert speakers["The regulators were warned for 18 months."] == "Tom Abel"
    assert speakers["I am sorry for what happened."] == "Olga Prask"
    assert speakers["The bank's board met 27 times in 2022."] == "Olga Prask"
    # A lone surname is the speaker the transcript introduced by full name.
    assert speakers["The board approved a $2 million bonus."] == "Jane Roe"
    assert speakers["That bonus was for 2022 and the board approved it."] == "Olga Prask"
    labels = _skipped(article, "speaker label")
    assert labels[:3] == [
        "SEN. JANE ROE (D-MA), CHAIR:",
        "SEN. TOM ABEL (R-SC):",
        "OLGA PRASK, FORMER CEO, HARBOUR BANK:",
    ]
    # "(R-SC)" looks like a dateline's agency; in a transcript it is a senator's party.
    assert article.dateline_place == ""
    assert _skipped(article, "dateline") == []


def test_period_labels_with_long_titles_or_a_seat_open_turns():
    raw = (
        "The President's News Conference With Chancellor Ilse Brandt\n\n"
        "The President. Our trade reached $260 billion last year.\n\n"
        "Chancellor Brandt. Germany tripled its aid since 2023.\n\n"
        "Q. Will you extend the exemption?\n\n"
        "Prime Minister Oda. Japan will add 1 trillion yen.\n\n"
        "The President. We will extend it.\n\n"
        "Mrs. PARK of Virginia. My district has 40,000 lead pipes.\n\n"
        "The SPEAKER pro tempore. The gentlewoman's time has expired.\n"
    )
    article = _parse(raw)
    speakers = _speakers(article)
    assert speakers["Germany tripled its aid since 2023."] == "Ilse Brandt"
    roles = {c.text: c.speaker_role for c in article.claims}
    assert roles["Japan will add 1 trillion yen."] == "Prime Minister Oda"
    assert roles["My district has 40,000 lead pipes."] == "Mrs. Park of Virginia"
    assert roles["The gentlewoman's time has expired."] == "Speaker pro tempore"
    assert "Chancellor Brandt." in _skipped(article, "speaker label")


def test_colon_datelines_are_not_speakers():
    raw = (
        "Monsoon roundup\n\n"
        "PUNE: Heavy rain flooded the old city on Monday. Bus services were suspended.\n\n"
        "NAGPUR: The night was the hottest in 12 years, the weather office said.\n\n"
        "PUNE: The city corporation said 14 trees had fallen.\n\n"
        "INDORE: Reservoirs fell to 18 percent of capacity.\n"
    )
    article = _parse(raw)
    assert _turns(raw) == {}
    assert article.dateline_place == "Pune"
    assert _skipped(article, "dateline") == ["PUNE:", "NAGPUR:", "PUNE:", "INDORE:"]
    said = _claim(article, "The night was the hottest in 12 years, the weather office said.")
    assert said.attribution != "transcript"
    # The same labels in turns that are spoken make a transcript.
    spoken = raw.replace("Heavy rain", "We saw rain").replace("The city", "Our city")
    assert {t.label for t in _turns(spoken).values()} == {"PUNE", "NAGPUR", "INDORE"}


def test_a_label_alone_on_its_line_recurs():
    raw = (
        "Interview: Finance Minister Ruth Valk on the budget\n\n"
        "The interview was conducted on Sunday.\n\n"
        "DORN:\n\nMinister, is the deficit sustainable?\n\n"
        "VALK:\n\nIt is not. We are cutting spending by 12 billion euros.\n\n"
        "DORN:\n\nCritics say the cuts fall hardest on the poor.\n\n"
        "VALK:\n\nChild benefits rise by 6 percent.\n"
    )
    article = _parse(raw)
    assert article.title == "Interview: Finance Minister Ruth Valk on the budget"
    assert _skipped(article, "speaker label") == ["DORN:", "VALK:", "DORN:", "VALK:"]
    assert _claim(article, "Child benefits rise by 6 percent.").speaker == "Ruth Valk"
    # Dorn asks: both turns, one of them a statement, are his questions.
    assert "Critics say the cuts fall hardest on the poor." in _skipped(article, "question")


def test_a_full_name_label_names_its_speaker():
    raw = (
        "Answers to questions after the summit\n\n"
        "QUESTION: How do you assess the summit?\n\n"
        "MARTA VELLINI: Trade exceeded 240 billion last year. We settle in our currencies.\n\n"
        "AUDIENCE MEMBER: We love you!\n\n"
        "QUESTION: Will you meet the president?\n\n"
        "MARTA VELLINI: If the meeting is prepared, why not.\n"
    )
    article = _parse(raw)
    assert _claim(article, "Trade exceeded 240 billion last year.").speaker == "Marta Vellini"
    audience = _claim(article, "We love you!")
    assert (audience.speaker, audience.speaker_role) == (None, "Audience Member")


def test_labels_resolve_to_names_in_the_title():
    def speakers(title: str, label: str) -> set[str | None]:
        body = f"{label}: Exports rose 9 percent.\n\nQ And taxes?\n\n{label}: Taxes stay.\n"
        return {c.speaker for c in _parse(f"{title}\n\n{body}").claims}

    # A middle initial is part of the name, not its end.
    assert speakers("Remarks by President Ada J. Brandt on Trade", "THE PRESIDENT") == {
        "Ada J. Brandt"
    }
    assert speakers("Secretary Laura K. Vance at a Press Availability", "SECRETARY VANCE") == {
        "Laura K. Vance"
    }
    # The label's capitals are no obstacle to a double-barrelled name.
    title = "Press Briefing by Press Secretary Karla Diaz-Ortiz"
    assert speakers(title, "MS. DIAZ-ORTIZ") == {"Karla Diaz-Ortiz"}
    # "Secretary of State" is a secretary's role; headline capitals do not join the names.
    title = "Secretary of State Mia Lund With Foreign Minister Tor Berg Before Their Meeting"
    assert speakers(title, "THE SECRETARY") == {"Mia Lund"}
    # A surname alone, then a headline's small word: the surname, not "Brandt Before".
    assert speakers("Remarks by President Brandt Before Departure", "THE PRESIDENT") == {"Brandt"}
    assert speakers("Remarks by President Brandt During a Cabinet Meeting", "THE PRESIDENT") == {
        "Brandt"
    }


def test_interviewers_turns_are_questions():
    raw = (
        "Interview with Health Minister Oskar Lind\n\n"
        "INTERVIEWER: Minister, the opposition says waiting lists grew by 400,000.\n\n"
        "LIND: That figure is wrong. Waiting lists grew by 120,000.\n\n"
        "INTERVIEWER: Will you resign if the target is missed?\n\n"
        "LIND: No. We will meet it.\n"
    )
    article = _parse(raw)
    assert "Minister, the opposition says waiting lists grew by 400,000." in _skipped(
        article, "question"
    )
    assert {c.speaker for c in article.claims} == {"Oskar Lind"}
    # A host named as one in the first label, then by surname; or one who mostly asks.
    show = (
        "Sunday show\n\n"
        "JON TEAL, CNN HOST: Welcome. I'm Jon Teal.\n\n"
        "SEN. DALE WHIT (R-KS): Thanks for having me.\n\n"
        "TEAL: You said the bill costs $1.5 trillion. The CBO says $1.1 trillion.\n\n"
        "WHIT: The CBO uses a ten-year window.\n\n"
        "TEAL: Let's turn to the border.\n\n"
        "WHIT: Seizures rose 12 percent.\n"
    )
    assert {c.speaker for c in _parse(show).claims} == {"Dale Whit"}
    asks = show.replace("JON TEAL, CNN HOST", "TEAL").replace("Jon Teal.", "Teal. Ready?")
    asks = asks.replace("$1.1 trillion.", "$1.1 trillion. Which is it?")
    assert {c.speaker for c in _parse(asks).claims} == {"Dale Whit"}


def test_title_case_colon_labels_only_when_two_recur():
    raw = (
        "Transcript: Sen. Elena Warr on the show\n\n"
        "Moderator: Senator, thanks for joining us. Why oppose the tariffs?\n\n"
        "Sen. Warr: The average family will pay $1,900 more a year.\n\n"
        "Moderator: The administration says they bring back 500,000 jobs.\n\n"
        "Sen. Warr: We lost 20,000 manufacturing jobs since they took effect.\n"
    )
    article = _parse(raw)
    assert _skipped(article, "speaker label") == ["Moderator:", "Sen. Warr:"] * 2
    assert {c.speaker for c in article.claims} == {"Elena Warr"}
    news = (
        "Ferry fares fall\n\n"
        "Zelensky: We need more air defence, he told reporters on Monday.\n\n"
        "Note: The ministry said 40 ferries run daily.\n\n"
        "Update: The ferries carried 40,000 passengers.\n\n"
        "Note: This story was updated."
    )
    assert _turns(news) == {}


def test_time_stamps_and_newsroom_notes():
    raw = (
        "Full transcript: police update\n\n"
        "[00:00:12] MAYOR OKAFOR: A gunman opened fire near the station. Four were hurt.\n\n"
        "[00:01:05] CHIEF RUIZ: Officers arrived within 90 seconds.\n\n"
        "[00:02:10] REPORTER: Was the weapon bought legally?\n\n"
        "[00:02:14] CHIEF RUIZ: We believe it was bought in 2021.\n\n"
        "NOTE: The update began at 9 p.m.\n"
    )
    article = _parse(raw)
    roles = {c.text: c.speaker_role for c in article.claims}
    assert roles["Officers arrived within 90 seconds."] == "Chief Ruiz"
    assert roles["Four were hurt."] == "Mayor Okafor"
    assert "[00:01:05] CHIEF RUIZ:" in _skipped(article, "speaker label")
    # A newsroom's note ends the turn before it: it is nobody's speech.
    note = _claim(article, "The update began at 9 p.m.")
    assert note.attribution != "transcript"
    assert note.speaker_role != "Chief Ruiz"


def test_the_articles_prose_after_a_transcript_is_not_the_last_speakers():
    raw = (
        "Senators question the nominee\n\n"
        "SENATOR ROE: Will you commit to the budget?\n\n"
        "MR. VANCE: The budget rose 4 percent. The army cut 2,000 posts.\n\n"
        "SENATOR ROE: That is not an answer.\n\n"
        "MR. VANCE: We will review the plans.\n\n"
        "Vance's nomination goes to a vote next week. Republicans hold a 14-13 majority.\n"
    )
    article = _parse(raw)
    assert _claim(article, "We will review the plans.").speaker_role == "Mr. Vance"
    for text in (
        "Vance's nomination goes to a vote next week.",
        "Republicans hold a 14-13 majority.",
    ):
        assert (_claim(article, text).attribution, _claim(article, text).speaker_role) == ("", "")


def test_a_heading_ends_a_turn():
    raw = (
        "Live: talks in Geneva\n\n"
        "MARTA VELLINI: Trade exceeded 240 billion last year.\n\n"
        "QUESTION: And next year?\n\n"
        "MARTA VELLINI: It will grow again.\n\n"
        "Ministers arrive in Geneva\n\n"
        "The foreign ministers landed in Geneva on Monday evening.\n"
    )
    article = _parse(raw)
    assert _claim(article, "It will grow again.").speaker == "Marta Vellini"
    assert (
        _claim(article, "The foreign ministers landed in Geneva on Monday evening.").speaker is None
    )


def test_parliamentary_labels_with_seats_and_a_bracketed_name():
    raw = (
        "Questions to the Prime Minister\n\n"
        "Ann Lee (Leeds North) (Lab): Waiting lists rose by 8,000. Will he act?\n\n"
        "The Prime Minister (Ivo Laine): Waiting lists fell by 2,000 this year.\n\n"
        "Ann Lee (Leeds North) (Lab): The figures say otherwise. Taxes rose by £4 billion.\n\n"
        "The Prime Minister (Ivo Laine): We cut taxes for 3 million families.\n"
    )
    speakers = _speakers(_parse(raw))
    assert speakers["Waiting lists fell by 2,000 this year."] == "Ivo Laine"
    # A member's questions assert what is to be checked: not an interviewer's.
    assert speakers["Waiting lists rose by 8,000."] == "Ann Lee"
    assert speakers["Taxes rose by £4 billion."] == "Ann Lee"


def test_council_labels_with_a_country_in_brackets():
    raw = (
        "Security Council meeting\n\n"
        "The President: I give the floor to the representative of Estonia.\n\n"
        "Mr. Varga (Estonia): Twelve civilians were killed on Monday.\n\n"
        "The President: I give the floor to the representative of Latvia.\n\n"
        "Ms. Lopes (Latvia): Latvia condemns the strikes.\n\n"
        "The President: I now give the floor to the representative of Lithuania.\n"
    )
    article = _parse(raw)
    said = _claim(article, "Twelve civilians were killed on Monday.")
    assert (said.attribution, said.speaker_role) == ("transcript", "Mr. Varga")
    assert "Mr. Varga (Estonia):" in _skipped(article, "speaker label")


def test_a_news_conference_where_only_the_one_answering_recurs():
    raw = (
        "News conference after the summit\n\n"
        "Marta Vellini: The talks lasted four hours. Trade grew by 20 percent.\n\n"
        "Ivo Kask: Is a ceasefire possible this winter?\n\n"
        "Marta Vellini: Everything depends on the other side.\n\n"
        "Ana Roos: Will gas prices rise?\n\n"
        "Marta Vellini: Gas prices will stay at the current level until 2027.\n"
    )
    speakers = _speakers(_parse(raw))
    assert speakers["Trade grew by 20 percent."] == "Marta Vellini"
    assert speakers["Gas prices will stay at the current level until 2027."] == "Marta Vellini"
    assert "Is a ceasefire possible this winter?" not in speakers


def test_initials_label_the_speaker_named_in_full_once():
    raw = (
        "Interview: the port director\n\n"
        "Marcus Hale: The port handled 4 million containers last year.\n\n"
        "Interviewer: Will jobs be lost?\n\n"
        "MH: We retrained 300 workers.\n\n"
        "Interviewer: And the unions?\n\n"
        "MH: The unions signed the agreement in May.\n"
    )
    assert _speakers(_parse(raw))["We retrained 300 workers."] == "Marcus Hale"


def test_testimony_answers_are_the_witnesses():
    raw = (
        "Testimony in the harbour case\n\n"
        "Detective Ana Ortiz told the court what she found that night.\n\n"
        "Q. Were you called to the scene on March 2?\n\n"
        "A. Yes. I arrived at approximately 11:40 p.m.\n\n"
        "Q. What did you see?\n\n"
        "A. The door was open. Two windows were broken.\n"
    )
    article = _parse(raw)
    assert _claim(article, "Two windows were broken.").speaker == "Ana Ortiz"
    assert "Were you called to the scene on March 2?" in _skipped(article, "question")


def test_a_paragraph_opening_with_an_initial_is_no_answer_without_questions():
    raw = (
        "Union history\n\n"
        "A. Philip Randolph led the march in 1963.\n\n"
        "A. Philip Randolph founded the union in 1925.\n\n"
        "A. Philip Randolph died in 1979.\n"
    )
    assert not _turns(raw)


def test_a_role_before_the_name_in_a_label_and_journalists_with_their_outlet():
    raw = (
        "Weekly media briefing by the Official Spokesperson\n\n"
        "Official Spokesperson, Shri Ivo Laine: Trade reached 22 billion dollars last year.\n\n"
        "Question (Ana Roos, Example News): Will an agreement be signed?\n\n"
        "Official Spokesperson, Shri Ivo Laine: Six rounds of talks have been held.\n\n"
        "Ola Berg (Example Wire): And the border?\n\n"
        "Official Spokesperson, Shri Ivo Laine: The border has been calm since October.\n"
    )
    article = _parse(raw)
    assert {c.speaker for c in article.claims} == {"Ivo Laine"}
    assert _claim(article, "Six rounds of talks have been held.").attribution == "transcript"
    assert "Will an agreement be signed?" in _skipped(article, "question")


# Editorial notes and the writer's bio around an interview are no claims, and none is the
# last speaker's.
_INTERVIEW = """Talking ferries with the harbour master

{top}

Interviewer: How many passengers did the ferries carry last year?

Olsen: We carried 1.2 million passengers in 2023, a record.

Interviewer: And the new pier?

Olsen: The pier opens on May 2, two months late.

{end}
"""


def test_editorial_notes_and_the_writers_bio_are_not_the_last_speakers():
    article = parse_article(
        _INTERVIEW.format(
            top="THIS IS AN UNEDITED TRANSCRIPT. THIS TEXT MAY CHANGE BEFORE IT IS FINAL.",
            end=(
                "This conversation has been lightly edited for length and clarity.\n\n"
                "Mara Lund is a staff reporter at the Coast Weekly. She writes about ports."
            ),
        )
    )
    assert [c.text for c in article.claims] == [
        "We carried 1.2 million passengers in 2023, a record.",
        "The pier opens on May 2, two months late.",
    ]


def test_a_please_note_line_is_no_speaker():
    article = parse_article(
        _INTERVIEW.format(
            top="PLEASE NOTE: THIS TRANSCRIPT WAS PRODUCED FROM A RECORDING OF THE BROADCAST.",
            end="The following is an edited transcript of the conversation.",
        )
    )
    assert [c.text for c in article.claims] == [
        "We carried 1.2 million passengers in 2023, a record.",
        "The pier opens on May 2, two months late.",
    ]


def test_edited_notes_in_an_article_are_not_claims():
    article = parse_article(
        "Ferry chief on the new pier\n\n"
        "The harbour's new pier will open on May 2, two months late, its operator said.\n\n"
        "The following is a transcript of Tuesday's briefing. It has been edited for length.\n\n"
        "Answers have been condensed for clarity."
    )
    assert [c.text for c in article.claims] == [
        "The harbour's new pier will open on May 2, two months late, its operator said."
    ]


def test_full_name_labels_taking_turns_are_speakers_not_datelines():
    raw = (
        "Leaders' debate: the transcript\n\n"
        "ADA KLINE: Ferry fares are down by about 9 percent since January.\n\n"
        "IVO LAINE: Fares are still 6 percent higher than two years ago.\n\n"
        "ADA KLINE: The opposition's plan would cost £28 million a year.\n\n"
        "IVO LAINE: That pledge was scaled back in February.\n"
    )
    article = _parse(raw)
    assert [c.speaker for c in article.claims] == ["Ada Kline", "Ivo Laine"] * 2
    assert article.dateline_place == ""


def test_a_tally_of_names_and_numbers_is_no_transcript():
    raw = (
        "Delegate count\n\n"
        "A look at where the race stands, based on the latest count of pledged delegates.\n\n"
        "Ada Kline: 1,769.\n\nIvo Laine: 1,501.\n\nAda Kline: 547.\n\nIvo Laine: 46.\n"
    )
    assert not _turns(raw)
