"""A transcript's host or moderator who labels themself by name alone: their turns are the
interviewer's (skipped as questions), never claims, when the opening lines name them as the
host or when they open the conversation in short turns that ask more than the guest's.

Every text here is invented for the tests.
"""

from __future__ import annotations

from claims.extract.pipeline import parse_article
from claims.extract.types import ArticleHints, ParsedArticle


def _parse(raw: str) -> ParsedArticle:
    return parse_article(raw, hints=ArticleHints())


def _claimed(article: ParsedArticle) -> list[str]:
    return [c.text for c in article.claims]


BRIEF_OPENER = """Evening News transcript: the transport minister on rail strikes

GRETA HOLM: Minister, good evening.

PAVEL NOVAK: Good evening.

HOLM: Cancellations rose by a fifth. Is that down to the strikes?

NOVAK: We signed a pay deal with the drivers in March 2023, and cancellations on the main
lines fell by more than 60 percent.

HOLM: Passengers say otherwise.

NOVAK: They do, and I understand why they are angry about it.
"""


def test_the_one_who_opens_briefly_and_asks_is_the_interviewer() -> None:
    article = _parse(BRIEF_OPENER)
    claimed = _claimed(article)
    assert "Cancellations rose by a fifth." not in claimed
    assert "Passengers say otherwise." not in claimed
    assert {c.speaker for c in article.claims} == {"Pavel Novak"}


HOSTED_BY = """Council debate: the transcript

The debate between Lena Ortiz and Sam Whitaker was moderated by Channel 9's Nora Pike.

PIKE: Good evening. Bus fares rose 12 percent last year. Ms. Ortiz, you have a minute.

ORTIZ: I know that hurt. We froze fares in March, and ridership is up 8 percent since.

PIKE: Mr. Whitaker.

WHITAKER: We will add 20 routes, and we will pay for every one of them.

PIKE: That is our time.
"""


def test_the_moderator_the_intro_names_is_no_claimant() -> None:
    article = _parse(HOSTED_BY)
    claimed = _claimed(article)
    assert "Bus fares rose 12 percent last year." not in claimed
    assert "That is our time." not in claimed
    assert {c.speaker for c in article.claims if c.attribution == "transcript"} == {
        "Lena Ortiz",
        "Sam Whitaker",
    }


PROGRAMME_WITH_HOST = """Transcript: Omar Lind MP on Sunday Politics with Ruth Castle

RC: Hospital waiting lists are at 6.1 million. Let's start there.

OL: We would fund 30,000 extra scans a week, paid for by the bank levy.

RC: Nurses have struck eight times since January.

OL: The ministry refused to meet the union for three months.
"""


def test_the_host_a_programme_is_named_with_asks_whatever_they_say() -> None:
    article = _parse(PROGRAMME_WITH_HOST)
    claimed = _claimed(article)
    assert "Hospital waiting lists are at 6.1 million." not in claimed
    assert "Nurses have struck eight times since January." not in claimed
    assert {c.speaker for c in article.claims} == {"Omar Lind"}


INTERVIEW_WITH_GUEST = """Interview with harbour master Ingrid Vaal

VAAL: Volumes rose 11 percent in 2023, and grain exports alone rose 30 percent.

MORROW: The new cranes were late, weren't they?

VAAL: They arrived in May, and about 70 percent of our cargo now moves through them.

MORROW: Thank you.
"""


def test_the_guest_an_interview_is_with_is_no_host() -> None:
    article = _parse(INTERVIEW_WITH_GUEST)
    assert any(c.text.startswith("Volumes rose 11 percent") for c in article.claims)


DEBATE_WITHOUT_MODERATOR = """Candidates' debate, excerpt

ABEL: Taxes fell under my plan. Who paid for that? Not the families.

BRANDT: The city paid, and we cut the deficit by 40 million dollars in two years. Why hide it?

ABEL: Not true.

BRANDT: The audit office confirmed the 40 million in May, and the council approved it.

ABEL: We hired 200 teachers.
"""


def test_candidates_who_both_ask_now_and_then_keep_their_claims() -> None:
    claimed = _claimed(_parse(DEBATE_WITHOUT_MODERATOR))
    assert "We hired 200 teachers." in claimed
    assert "Not the families." in claimed
