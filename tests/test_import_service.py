"""The database side of the importer: create / unchanged / update, re-import safety, batched
writes. Driven by a stand-in pipeline (``fake_parse``) so each test knows its claims."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.extract.types import ParsedArticle, ParsedClaim
from claims.importer import parsing, service
from claims.importer.actor_cache import KnownActorCache
from claims.importer.service import content_hash, import_article, import_bytes, import_paths
from claims.models import Actor, Article, Claim, ClaimRelation, Evidence, Review
from tests.factories import article_text, fake_parse, give_verdict, use_fake_pipeline

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fake_pipeline(monkeypatch):
    use_fake_pipeline(monkeypatch)


S1 = "US and Russian officials met in Riyadh on February 18, 2025."
S2 = "“We want the war to end,” Marco Rubio said."
S3 = "Analysts say the talks were a first step."
S4 = "Donald Trump praised the meeting with Vladimir Putin."
S5 = "Prices rose 5% in March."


def _snapshot() -> dict:
    """Everything an import could touch, to prove a failed one touched nothing."""
    return {
        "articles": list(Article.objects.order_by("pk").values()),
        "claims": list(Claim.objects.order_by("pk").values()),
        "actors": list(Actor.objects.order_by("pk").values_list("pk", "name")),
        "mentions": list(Claim.actors.through.objects.order_by("pk").values_list()),
        "reviews": list(Review.objects.order_by("pk").values_list()),
    }


def _assert_offsets(article: Article) -> None:
    claims = list(article.claims.order_by("position"))
    assert [c.position for c in claims] == list(range(len(claims)))
    assert [c.start for c in claims] == sorted(c.start for c in claims)
    for claim in claims:
        assert article.body[claim.start : claim.end] == claim.text
        claim.validate_offsets()


# --- create / unchanged ----------------------------------------------------------------------


def test_import_creates_article_claims_and_actors():
    text = article_text(S1, S2 + " " + S3, S4, "The USA and Russia rejected the plan.")
    result = import_article(
        text=text,
        source_name="riyadh.txt",
        url="https://example.org/riyadh",
        publisher="Example News",
        published_on=dt.date(2025, 2, 19),
    )
    assert result.status == "created", result.error
    assert result.claim_count == 5
    article = Article.objects.get(pk=result.article_id)
    assert article.title == "Talks in Riyadh"
    assert article.url == "https://example.org/riyadh"
    assert article.publisher == "Example News"
    assert article.published_on == dt.date(2025, 2, 19)
    assert article.raw_text == text
    assert article.content_hash == content_hash(text)
    _assert_offsets(article)
    quote = article.claims.get(text=S2)
    assert quote.kind == Claim.Kind.QUOTE
    assert quote.speaker.name == "Marco Rubio"
    assert quote.speaker.description == "US Secretary of State"
    assert quote.mentioned_dates == []
    dated = article.claims.get(text=S1)
    assert dated.mentioned_dates == [
        {"text": "February 18, 2025", "date": "2025-02-18", "precision": "day"}
    ]
    trump_claim = article.claims.get(text=S4)
    assert set(trump_claim.actors.values_list("name", flat=True)) == {
        "Donald Trump",
        "Vladimir Putin",
    }
    # Gazetteer actors are matched (United States through its alias), not created again.
    assert Actor.objects.filter(name="United States").count() == 1
    rejected = article.claims.get(text__startswith="The USA")
    assert set(rejected.actors.values_list("name", flat=True)) == {"United States", "Russia"}
    assert result.parse_seconds >= 0 and result.db_seconds > 0


def test_reimport_same_text_is_unchanged_and_writes_nothing():
    text = article_text(S1, S3)
    first = import_article(text=text, source_name="a.txt")
    with CaptureQueriesContext(connection) as ctx:
        again = import_article(text=text, source_name="elsewhere/a-copy.txt")
    assert again.status == "unchanged"
    assert again.article_id == first.article_id
    assert again.claim_count == 2
    writes = [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert Article.objects.count() == 1


def test_same_person_across_articles_is_one_actor():
    r1 = import_article(text=article_text(S4), source_name="one.txt")
    r2 = import_article(
        text=article_text("Putin spoke with Trump by phone for two hours."), source_name="two.txt"
    )
    assert r1.ok and r2.ok
    assert Actor.objects.filter(name="Donald Trump").count() == 1
    assert Actor.objects.filter(name="Vladimir Putin").count() == 1
    claim = Claim.objects.get(article_id=r2.article_id)
    assert set(claim.actors.values_list("name", flat=True)) == {"Donald Trump", "Vladimir Putin"}


def test_existing_actor_found_by_alias_and_description_kept():
    putin = Actor.objects.create(name="Vladimir Putin", description="President of Russia")
    result = import_article(text=article_text(S4), source_name="a.txt")
    assert result.ok and result.new_actors == 1  # only Donald Trump
    putin.refresh_from_db()
    assert putin.description == "President of Russia"


def test_person_first_seen_without_a_role_gets_it_from_a_later_article(monkeypatch):
    import_article(text=article_text("Kirill Dmitriev arrived in Washington."), source_name="a")
    assert Actor.objects.get(name="Kirill Dmitriev").description == ""

    def with_role(text, *, hints, known_actors):
        parsed = fake_parse(text, hints=hints, known_actors=known_actors)
        parsed.people["Kirill Dmitriev"] = "head of the Russian Direct Investment Fund"
        return parsed

    monkeypatch.setattr(parsing, "parse_here", with_role)
    import_article(text=article_text("Kirill Dmitriev met Steve Witkoff."), source_name="b")
    actor = Actor.objects.get(name="Kirill Dmitriev")
    assert actor.description == "head of the Russian Direct Investment Fund"
    # An editor's description is never replaced.
    Actor.objects.filter(pk=actor.pk).update(description="Putin's envoy")
    import_article(text=article_text("Kirill Dmitriev left Washington."), source_name="c")
    assert Actor.objects.get(pk=actor.pk).description == "Putin's envoy"


def test_batch_caches_known_actors_and_sees_actors_it_created(tmp_path, monkeypatch):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(article_text(f"{S4} Story {i}."), encoding="utf-8")
    loads = []
    original = KnownActorCache.__init__

    def counting_init(self):
        loads.append(1)
        original(self)

    monkeypatch.setattr(KnownActorCache, "__init__", counting_init)
    seen: list[int] = []

    def parse(text, *, hints, known_actors):
        seen.append(sum(1 for a in known_actors if a.name == "Donald Trump"))
        return fake_parse(text, hints=hints, known_actors=known_actors)

    monkeypatch.setattr(parsing, "parse_here", parse)
    results = import_paths([tmp_path])
    assert [r.status for r in results] == ["created"] * 3
    assert len(loads) == 1  # once per batch, not per article
    assert seen == [0, 1, 1]  # later articles know the actor the first one created


# --- validation ------------------------------------------------------------------------------


def test_no_claims_is_an_error_and_writes_nothing():
    result = import_article(text="Just a heading\n\nno sentence here", source_name="x.txt")
    assert result.status == "failed"
    assert result.error.startswith("no claims found")
    assert Article.objects.count() == 0


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"text": "   \n "}, "empty"),
        ({"text": S1, "url": "not a url"}, "bad URL"),
        ({"text": S1, "url": "ftp://example.org/x"}, "bad URL"),
    ],
)
def test_invalid_arguments_fail_before_any_write(kwargs, reason):
    before = _snapshot()
    result = import_article(source_name="x.txt", **kwargs)
    assert result.status == "failed"
    assert reason in result.error
    assert "\n" not in result.error
    assert _snapshot() == before


def test_pipeline_offsets_are_verified_before_writing(monkeypatch):
    def broken(text, *, hints, known_actors):
        return ParsedArticle(
            title="T",
            body=text,
            claims=[ParsedClaim(text="Not in the body.", start=0, end=16, paragraph=0)],
        )

    monkeypatch.setattr(parsing, "parse_here", broken)
    result = import_article(text="Something else entirely here.", source_name="x.txt")
    assert result.status == "failed" and "offsets" in result.error
    assert Article.objects.count() == 0


def _parsed_with_provenance(text, *, hints, known_actors):
    """The pipeline's answer with an anonymous claim, a title source and a dateline."""
    body = "MOSCOW (Agency) - Officials said the talks failed. The mayor said it rained."
    anonymous, reported = "Officials said the talks failed.", "The mayor said it rained."
    return ParsedArticle(
        title="Talks fail",
        body=body,
        claims=[
            ParsedClaim(anonymous, 18, 18 + len(anonymous), 0),
            ParsedClaim(reported, body.index(reported), len(body), 0, speaker="Ivan Mayor"),
        ],
        title_source="byline",
        dateline_place="Moscow",
        dateline_agency="Agency",
    )


def test_attribution_title_source_and_dateline_are_stored(monkeypatch):
    parsed = _parsed_with_provenance("", hints=None, known_actors=())
    parsed.claims[0].attribution, parsed.claims[1].attribution = "anonymous", "indirect"
    monkeypatch.setattr(parsing, "parse_here", lambda text, **kw: parsed)
    result = import_article(text="Anything.", source_name="x.txt")
    article = Article.objects.get(pk=result.article_id)
    assert (article.title_source, article.dateline_place, article.dateline_agency) == (
        "byline",
        "Moscow",
        "Agency",
    )
    assert list(article.claims.values_list("attribution", "speaker__name")) == [
        ("anonymous", None),
        ("indirect", "Ivan Mayor"),
    ]
    # A title the caller gave is the caller's, whatever the pipeline found.
    monkeypatch.setattr(parsing, "parse_here", lambda text, **kw: parsed)
    again = import_article(text="Other.", source_name="y.txt", title="Given")
    assert Article.objects.get(pk=again.article_id).title_source == "hint"


def test_unknown_attribution_from_the_pipeline_fails_before_writing(monkeypatch):
    parsed = _parsed_with_provenance("", hints=None, known_actors=())
    parsed.claims[1].attribution = "rumour"
    monkeypatch.setattr(parsing, "parse_here", lambda text, **kw: parsed)
    result = import_article(text="Anything.", source_name="x.txt")
    assert result.status == "failed" and "attribution 'rumour'" in result.error
    assert Article.objects.count() == 0


def test_long_metadata_is_clipped_not_fatal():
    result = import_article(text=article_text(S1), source_name="x.txt", author="A" * 400)
    article = Article.objects.get(pk=result.article_id)
    assert len(article.author) == 300 and article.author.endswith("…")


# --- update and re-import safety -------------------------------------------------------------


@pytest.fixture
def reviewed():
    """An imported article whose S2 claim has a verdict, evidence and a relation."""
    editor = User.objects.create_user("ed", password="pw-ed-12345")
    text = article_text(S1, S2 + " " + S3, S4, S5)
    result = import_article(
        text=text, source_name="riyadh.txt", publisher="Old Publisher", title="Old title"
    )
    assert result.status == "created"
    other = import_article(text=article_text(S1, title="Elsewhere"), source_name="other.txt")
    claim = Claim.objects.get(article_id=result.article_id, text=S2)
    give_verdict(
        claim,
        verdict=Claim.Verdict.CORROBORATED,
        editor=editor,
        note="Confirmed by the transcript",
        evidence=[{"url": "https://example.org/transcript", "stance": "supports"}],
    )
    relation = ClaimRelation.objects.create(
        from_claim=claim,
        to_claim=Claim.objects.get(article_id=other.article_id),
        relation=ClaimRelation.Relation.CORROBORATES,
    )
    return {
        "article_id": result.article_id,
        "claim": claim,
        "relation": relation,
        "text": text,
        "editor": editor,
    }


def test_update_keeps_reviewed_claim_and_replaces_the_rest(reviewed):
    claim = reviewed["claim"]
    old_ids = set(
        Claim.objects.filter(article_id=reviewed["article_id"]).values_list("pk", flat=True)
    )
    # The new version: a new first paragraph, S3 reworded, the reviewed S2 moved after S4.
    new_text = article_text(
        "A new opening paragraph was added by the desk.",
        S1,
        S4,
        S2 + " Analysts say the talks were only a first step.",
        S5,
        title="New title",
    )
    result = import_article(text=new_text, source_name="riyadh.txt", publisher="New Publisher")
    assert result.status == "updated", result.error
    assert result.article_id == reviewed["article_id"]
    assert result.kept_claims == 1
    article = Article.objects.get(pk=reviewed["article_id"])
    assert article.title == "New title"
    assert article.publisher == "New Publisher"
    assert article.raw_text == new_text
    assert article.content_hash == content_hash(new_text)
    _assert_offsets(article)

    kept = Claim.objects.get(pk=claim.pk)
    assert kept.article_id == article.pk
    assert kept.text == S2
    assert kept.verdict == Claim.Verdict.CORROBORATED
    assert kept.verdict_note == "Confirmed by the transcript"
    assert kept.version == claim.version
    assert kept.start == new_text.index(S2) - 0  # body == text here (fake pipeline)
    assert kept.paragraph == 4
    assert Review.objects.filter(claim=kept).count() == 1
    assert Evidence.objects.filter(claim=kept).count() == 1
    assert ClaimRelation.objects.filter(pk=reviewed["relation"].pk, from_claim=kept).exists()
    texts = list(article.claims.order_by("position").values_list("text", flat=True))
    assert texts == [
        "A new opening paragraph was added by the desk.",
        S1,
        S4,
        S2,
        "Analysts say the talks were only a first step.",
        S5,
    ]
    # Unreviewed claims were replaced: none of the old ones but the kept one survive.
    new_ids = set(article.claims.values_list("pk", flat=True))
    assert old_ids & new_ids == {claim.pk}
    assert result.claim_count == 6


def test_update_fails_when_a_reviewed_claim_vanished_and_changes_nothing(reviewed):
    before = _snapshot()
    new_text = article_text(S1, "Analysts say the talks were a first step.", S4)
    result = import_article(text=new_text, source_name="riyadh.txt")
    assert result.status == "failed"
    assert str(reviewed["claim"].pk) in result.error
    assert "no longer appear" in result.error
    assert _snapshot() == before


def test_update_by_url_across_source_names():
    url = "https://example.org/story"
    first = import_article(text=article_text(S1), source_name="a.txt", url=url)
    second = import_article(text=article_text(S1, S3), source_name="b.txt", url=url)
    assert second.status == "updated" and second.article_id == first.article_id
    assert Article.objects.get().source_name == "b.txt"


def test_same_source_name_with_other_url_is_a_new_article():
    import_article(text=article_text(S1), source_name="a.txt", url="https://example.org/1")
    second = import_article(text=article_text(S3), source_name="a.txt", url="https://example.org/2")
    assert second.status == "created"
    assert Article.objects.count() == 2


def test_new_claim_overlapping_a_kept_claim_is_dropped():
    result = import_article(text=article_text(S5, S3), source_name="p.txt")
    claim = Claim.objects.get(article_id=result.article_id, text=S5)
    give_verdict(claim, verdict=Claim.Verdict.CONTRADICTED, editor=None)
    # The pipeline now reads S5 as part of a longer sentence (no sentence break before it).
    new_text = article_text("Officials noted that " + S5, S3)
    again = import_article(text=new_text, source_name="p.txt")
    assert again.status == "updated", again.error
    article = Article.objects.get(pk=result.article_id)
    assert list(article.claims.order_by("position").values_list("pk", "text")) == [
        (claim.pk, S5),
        (article.claims.get(text=S3).pk, S3),
    ]
    _assert_offsets(article)


def test_kept_claims_with_duplicate_text_take_distinct_nearest_occurrences():
    dup = "No comment was offered."
    result = import_article(text=article_text(dup, S1, dup), source_name="d.txt")
    claims = list(Claim.objects.filter(article_id=result.article_id, text=dup).order_by("start"))
    for c in claims:
        give_verdict(c, verdict=Claim.Verdict.UNVERIFIABLE, editor=None)
    again = import_article(text=article_text(S3, dup, S1, dup), source_name="d.txt")
    assert again.status == "updated", again.error
    article = Article.objects.get(pk=result.article_id)
    _assert_offsets(article)
    moved = {c.pk: c.start for c in Claim.objects.filter(pk__in=[c.pk for c in claims])}
    assert moved[claims[0].pk] < moved[claims[1].pk]  # order kept, no shared span


def test_claim_with_only_a_review_back_to_unverified_is_still_kept():
    result = import_article(text=article_text(S1, S3), source_name="r.txt")
    claim = Claim.objects.get(article_id=result.article_id, text=S3)
    give_verdict(claim, verdict=Claim.Verdict.MIXED, editor=None)
    give_verdict(claim, verdict=Claim.Verdict.UNVERIFIED, editor=None)  # history remains
    again = import_article(text=article_text(S3, S4), source_name="r.txt")
    assert again.status == "updated" and again.kept_claims == 1
    assert Claim.objects.filter(pk=claim.pk).exists()
    assert Review.objects.filter(claim_id=claim.pk).count() == 2


# --- dry run ---------------------------------------------------------------------------------


def test_dry_run_reports_and_writes_nothing(reviewed):
    before = _snapshot()
    created = import_article(text=article_text(S4), source_name="new.txt", dry_run=True)
    assert created.status == "created" and created.dry_run and created.claim_count == 1
    updated = import_article(text=article_text(S2, S4), source_name="riyadh.txt", dry_run=True)
    assert updated.status == "updated" and updated.kept_claims == 1
    failed = import_article(text=article_text(S4), source_name="riyadh.txt", dry_run=True)
    assert failed.status == "failed"
    assert _snapshot() == before


# --- batched writes --------------------------------------------------------------------------


def _many_sentences(n: int) -> str:
    sentences = [
        f"Donald Trump said on March {1 + i % 28}, 2025 that sanctions number {i} would stay."
        for i in range(n)
    ]
    paragraphs = [" ".join(sentences[i : i + 5]) for i in range(0, n, 5)]
    return article_text(*paragraphs, title=f"Many claims {n}")


def _count_queries(text: str, name: str) -> tuple[int, service.ImportResult]:
    with CaptureQueriesContext(connection) as ctx:
        result = import_article(text=text, source_name=name)
    return len(ctx.captured_queries), result


def test_query_count_does_not_grow_with_claim_count(django_assert_max_num_queries):
    small_queries, small = _count_queries(_many_sentences(5), "small.txt")
    with django_assert_max_num_queries(40):
        big = import_article(text=_many_sentences(300), source_name="big.txt")
    big_queries, _ = _count_queries(_many_sentences(301), "big2.txt")
    assert small.claim_count == 5 and big.claim_count == 300
    if connection.vendor == "postgresql":
        # One INSERT per table, whatever the claim count.
        assert big_queries <= small_queries + 1
    else:
        # SQLite caps parameters per statement at 999, so Django splits large INSERTs.
        claim_batches = -(-301 * 15 // 999)
        assert big_queries <= small_queries + claim_batches + 2


def test_update_query_count_is_bounded(django_assert_max_num_queries):
    import_article(text=_many_sentences(200), source_name="u.txt")
    claim = Claim.objects.filter(article__source_name="u.txt").order_by("position")[3]
    give_verdict(claim, verdict=Claim.Verdict.CORROBORATED, editor=None)
    with django_assert_max_num_queries(60):
        result = import_article(
            text=_many_sentences(200).replace("Many claims", "Still many"), source_name="u.txt"
        )
    assert result.status == "updated", result.error
    assert result.kept_claims == 1


# --- bytes and batches -----------------------------------------------------------------------


def test_import_bytes_jsonl_gives_one_result_per_article():
    data = (
        '{"title": "One", "body": "' + S1 + '", "url": "https://example.org/1"}\n'
        '{"title": "Two", "text": "' + S4 + '", "published": "April 15, 2025"}\n'
        '{"title": "Three"}\n'
    ).encode()
    results = import_bytes(data, source_name="feed.jsonl")
    assert [r.status for r in results] == ["created", "created", "failed"]
    assert results[2].source_name == "feed.jsonl:3"
    assert "body" in results[2].error
    two = Article.objects.get(title="Two")
    assert two.published_on == dt.date(2025, 4, 15)
    assert import_bytes(data, source_name="feed.jsonl")[0].status == "unchanged"


def test_header_block_metadata_is_used_and_raw_text_kept():
    raw = (
        "Title: Header Title\nURL: https://example.org/h\nPublished: 2025-04-15\n"
        "Publisher: Carnegie\nAuthor: Eugene Rumer\n\n" + article_text(S1, title="Body Title")
    )
    (result,) = import_bytes(raw.encode(), source_name="h.txt")
    assert result.status == "created", result.error
    article = Article.objects.get()
    assert article.title == "Header Title"
    assert article.url == "https://example.org/h"
    assert article.published_on == dt.date(2025, 4, 15)
    assert article.publisher == "Carnegie"
    assert article.author == "Eugene Rumer"
    assert article.raw_text == raw
    assert "Publisher:" not in article.body
    _assert_offsets(article)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("latin1.txt", "Caf\xe9 talks ended.".encode("latin-1"), "not valid UTF-8"),
        ("nul.txt", b"abc\x00def", "binary file"),
        ("empty.txt", b"  \n\t\n", "empty"),
        ("page.html", b"<html><body><nav>Home</nav></body></html>", "no article text"),
        ("bad.json", b'{"title": "x",\n "body": }', "invalid JSON"),
        ("nobody.json", b'{"title": "x"}', "body"),
        ("date.txt", b"Published: 31/31/2025\n\nSome text here.", "bad date"),
    ],
)
def test_bad_input_fails_with_one_line_reason_and_no_writes(name, data, reason):
    before = _snapshot()
    (result,) = import_bytes(data, source_name=name)
    assert result.status == "failed"
    assert reason in result.error
    assert "\n" not in result.error
    assert result.source_name == name
    assert _snapshot() == before


def test_too_large_input_is_refused(settings, tmp_path):
    settings.CLAIMTRACKER_MAX_IMPORT_BYTES = 100
    path = tmp_path / "big.txt"
    path.write_text(article_text(S1 * 5), encoding="utf-8")
    (result,) = service.import_file(path)
    assert result.status == "failed" and "file too large" in result.error
    (result,) = import_bytes(path.read_bytes(), source_name="big.txt")
    assert "file too large" in result.error
    assert Article.objects.count() == 0


def test_a_bad_file_does_not_stop_the_batch(tmp_path):
    (tmp_path / "a.txt").write_text(article_text(S1), encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\x00b\x00a\x00d")
    (tmp_path / "c.txt").write_text(article_text(S4), encoding="utf-8")
    results = import_paths([tmp_path, tmp_path / "missing.txt"])
    assert [r.status for r in results] == ["created", "failed", "created", "failed"]
    assert "UTF-16" in results[1].error
    assert results[3].error == "no such file"
    assert Article.objects.count() == 2


def test_unexpected_pipeline_error_fails_only_that_file(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(article_text(S1), encoding="utf-8")
    (tmp_path / "b.txt").write_text(article_text("This one explodes in the parser."), "utf-8")

    def parse(text, *, hints, known_actors):
        if "explodes" in text:
            raise RuntimeError("boom")
        return fake_parse(text, hints=hints, known_actors=known_actors)

    monkeypatch.setattr(parsing, "parse_here", parse)
    results = import_paths([tmp_path])
    assert [r.status for r in results] == ["created", "failed"]
    assert "internal error" in results[1].error


# --- the lean INSERT helper ------------------------------------------------------------------


def test_bulk_insert_gives_the_same_row_as_the_orm(article):
    from claims.importer import bulk

    fields = {
        "text": "Analysts say the talks were a first step.",
        "start": article.body.index("Analysts"),
        "paragraph": 2,
        "mentioned_dates": [{"text": "2025", "date": "2025-01-01", "precision": "year"}],
        "check_worthiness": 0.25,
        "check_reasons": ["number"],
    }
    fields["end"] = fields["start"] + len(fields["text"])
    orm = Claim.objects.create(article=article, position=0, **fields)
    (pk,) = bulk.insert(
        Claim, [{"article_id": article.pk, "position": 1, **fields}], returning_ids=True
    )
    assert Claim.objects.get(pk=pk).position == 1
    skip = {"id", "position"}
    made = Claim.objects.filter(pk=pk).values().get()
    expected = Claim.objects.filter(pk=orm.pk).values().get()
    assert {k: v for k, v in made.items() if k not in skip} == {
        k: v for k, v in expected.items() if k not in skip
    }


def test_bulk_insert_of_an_article_matches_the_orm():
    from claims.importer import bulk

    fields = {
        "title": "T",
        "url": "https://example.org/x",
        "published_on": dt.date(2025, 4, 15),
        "body": "Body.",
        "raw_text": "Body.",
        "source_name": "x.txt",
    }
    orm = Article.objects.create(content_hash="a" * 64, **fields)
    (pk,) = bulk.insert(
        Article,
        [{**fields, "content_hash": "b" * 64, "url": "https://example.org/y"}],
        returning_ids=True,
    )
    made = Article.objects.filter(pk=pk).values().get()
    expected = Article.objects.filter(pk=orm.pk).values().get()
    for key in ("id", "content_hash", "url", "imported_at", "updated_at"):
        made.pop(key), expected.pop(key)
    assert made == expected
    stamp = Article.objects.get(pk=pk)
    assert stamp.imported_at is not None and stamp.updated_at is not None


def test_bulk_insert_refuses_fields_it_cannot_prepare():
    from django.db import models

    from claims.importer import bulk

    amount = models.DecimalField(max_digits=5, decimal_places=2)
    amount.set_attributes_from_name("amount")

    class Odd:
        class _meta:  # stands in for a model's _meta
            concrete_fields = [amount]
            db_table = "odd"

    with pytest.raises(TypeError, match=r"cannot prepare Odd\.amount"):
        bulk.insert(Odd, [{"amount": 1}])  # type: ignore[arg-type]
