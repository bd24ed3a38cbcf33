"""``manage.py rescore_claims``: new scores and reasons from stored claims, nothing else."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.forms.models import model_to_dict

from claims.extract.worthiness import score
from claims.management.commands.rescore_claims import date_spans, stored_features
from claims.models import Actor, Claim, Evidence, Review
from tests.factories import give_verdict, make_article, make_claim

pytestmark = pytest.mark.django_db

STALE = {"check_worthiness": 0.123, "check_reasons": ["old reason"]}
RESCORED = {"check_worthiness", "check_reasons"}


def _rows() -> dict[int, dict]:
    """Every stored field of every claim, the many-to-many ones included."""
    return {c.pk: model_to_dict(c) | {"id": c.pk} for c in Claim.objects.order_by("pk")}


def _history() -> list[tuple]:
    reviews = list(Review.objects.order_by("pk").values_list())
    return [*reviews, *Evidence.objects.order_by("pk").values_list()]


@pytest.fixture
def worked_on(claims, editor) -> list[Claim]:
    """The conftest claims, one with a verdict and evidence, all with a stale score."""
    minister = Actor.objects.create(name="Lena Varga")
    claims[0].actors.set([minister, claims[1].speaker])
    give_verdict(
        claims[1],
        verdict="corroborated",
        editor=editor,
        note="checked",
        evidence=[{"url": "https://evidence.example/1", "stance": "supports"}],
    )
    Claim.objects.update(**STALE)
    return list(Claim.objects.order_by("pk"))


def _run(*args: str) -> str:
    out = StringIO()
    call_command("rescore_claims", *args, stdout=out)
    return out.getvalue()


def test_only_the_score_and_reasons_change(worked_on):
    before, history = _rows(), _history()
    output = _run("--batch-size", "2")
    after = _rows()
    assert "3 claims rescored, changed 3" in output
    for pk, row in before.items():
        changed = {k for k in row if row[k] != after[pk][k]}
        assert changed == RESCORED, (pk, changed)
        claim = Claim.objects.get(pk=pk)
        expected = score(stored_features(claim, claim.actors.count()))
        assert (claim.check_worthiness, claim.check_reasons) == expected
        assert all(isinstance(r, str) for r in claim.check_reasons)
    assert _history() == history
    assert Claim.objects.get(pk=worked_on[1].pk).version == before[worked_on[1].pk]["version"]


def test_a_second_run_changes_nothing_and_batches_agree(worked_on):
    _run("--batch-size", "1")
    first = _rows()
    assert "changed 0" in _run("--batch-size", "500")
    assert _rows() == first


def test_dry_run_writes_nothing(worked_on):
    before = _rows()
    assert "would change 3" in _run("--dry-run")
    assert _rows() == before


def test_article_option_limits_the_claims(worked_on):
    other = make_article("Budget", ["The deficit grew by 12 percent in 2024."])
    outside = make_claim(other, "The deficit grew by 12 percent in 2024.", 0, **STALE)
    _run("--article", str(worked_on[0].article_id))
    outside.refresh_from_db()
    assert (outside.check_worthiness, outside.check_reasons) == tuple(STALE.values())
    assert Claim.objects.get(pk=worked_on[0].pk).check_reasons != STALE["check_reasons"]


def test_bad_batch_size_is_refused(db):
    with pytest.raises(CommandError):
        _run("--batch-size", "0")


def test_stored_attributes_become_the_features(worked_on):
    quote, first = worked_on[1], worked_on[0]
    features = stored_features(quote, 1)
    assert (features.is_quote, features.has_speaker, features.actor_count) == (True, True, 1)
    assert not stored_features(first, 0).has_date  # the conftest claims store no dates
    text = "Talks on 3 May 2024 and on 9 May 2024 failed."
    dates = [{"text": "3 May 2024"}, {"text": "9 May 2024"}, {"text": "absent"}, "junk"]
    assert date_spans(text, dates) == ((9, 19), (27, 37))
