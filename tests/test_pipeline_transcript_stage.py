"""Stage directions in a transcript's turns ("(APPLAUSE)", "[laughter]") are what the
transcriber heard, not what the speaker said: skipped on their own, never in a claim.

Every text here is invented for the tests.
"""

from __future__ import annotations

from claims.extract.pipeline import parse_article
from claims.extract.types import ArticleHints

FORUM = """School board forum transcript

Moderator: Ms. Ferreira, why are classes so large?

Ana Ferreira: We hired 120 teachers last year. [laughter] Class sizes fell to 24 pupils.

Moderator: Mr. Okafor?

Ben Okafor: The district's own audit found 29 pupils a class. (APPLAUSE) The 24 only counts
primary schools.

Ben Okafor: Fees went up 18% in three years. (CHEERS AND APPLAUSE)

Ana Ferreira: (LAUGHS) I'm happy to share the audit. The North Atlantic group (NATO) was
not involved.

(CROSSTALK)
"""


def test_stage_directions_are_cut_out_of_turns() -> None:
    article = parse_article(FORUM, hints=ArticleHints())
    claimed = [c.text for c in article.claims]
    assert "We hired 120 teachers last year." in claimed
    assert "Class sizes fell to 24 pupils." in claimed
    assert "The 24 only counts primary schools." in claimed
    assert "I'm happy to share the audit." in claimed
    assert "The North Atlantic group (NATO) was not involved." in claimed  # not a direction
    assert not [t for t in claimed if ("(" in t and "NATO" not in t) or "[" in t]
    skipped = {article.body[s.start : s.end] for s in article.skipped}
    assert {"[laughter]", "(APPLAUSE)", "(CHEERS AND APPLAUSE)", "(LAUGHS)"} <= skipped
