"""Build ``fixtures/demo.json``: the seed articles as the importer makes them, plus the editorial
curation in ``fixtures/demo_curation.json`` (actor roles and Wikidata IDs, events, verdicts with
evidence, relations between claims).

The fixture is never edited by hand, so it cannot drift from the models or the importer:

* ``build`` runs ``manage.py build_demo_fixture --in-memory-build`` in a child process whose
  ``DATABASE_URL`` is an in-memory SQLite database. The importer and the model methods all use
  the default connection, and a child process is the one clean way to give them a fresh,
  empty database without touching the caller's.
* ``build_here`` (in that child) migrates, imports ``seeds/`` through the importer service,
  applies the curation through the same services editors use (``claims.editing``'s
  ``update_claim``, ``merge_actors`` and ``relate_claims``) as a non-login "demo curator" user, pins
  every timestamp, and dumps with natural keys.

Curation names claims by ``(seed file name, snippet)``: a piece of text found in exactly one
claim of that article. Ids and positions would break whenever the importer splits sentences
differently; a snippet only breaks if the sentence itself is no longer one claim, and then the
build fails naming it.

Deterministic: two builds give byte-identical files (the tests check it), because the
database starts empty, the import is sequential, dumpdata orders rows by pk, and timestamps
come from ``timestamps.base`` in the curation file instead of the clock.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection, transaction

from claims.editing import merge_actors, relate_claims, update_claim
from claims.extract.names import normalize_name
from claims.importer.service import import_paths
from claims.models import (
    Actor,
    ActorAlias,
    Article,
    Claim,
    ClaimRelation,
    Event,
    Evidence,
    Review,
)

BASE_DIR = Path(settings.BASE_DIR)
FIXTURE = BASE_DIR / "fixtures" / "demo.json"
CURATION = BASE_DIR / "fixtures" / "demo_curation.json"
# Relative to BASE_DIR, which is the child's working directory: the importer records source
# names relative to it ("seeds/000_….txt"), never an absolute path that differs per clone.
SEEDS = "seeds"
# What the fixture holds, named one by one so a new model never slips in unreviewed. Not
# claims.ClaimCount (database triggers rebuild it from the claims as they load), auth.group
# (migration 0003 creates Editors), permissions, content types, sessions, the admin log,
# tokens or task rows.
DUMPED_MODELS = (
    "auth.user",
    "claims.actor",
    "claims.actoralias",
    "claims.event",
    "claims.article",
    "claims.claim",
    "claims.review",
    "claims.evidence",
    "claims.claimrelation",
)
# Reviews are spaced out so "recently reviewed" has an order; relations follow the reviews.
STEP = dt.timedelta(minutes=10)


class CurationError(Exception):
    """The curation file no longer fits what the importer makes (or is malformed)."""


@dataclass(frozen=True, slots=True)
class ClaimRef:
    """A claim named by its article's seed file and a snippet of its text."""

    seed: str
    snippet: str

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ClaimRef:
        try:
            return cls(seed=str(data["seed"]), snippet=str(data["snippet"]))
        except KeyError as exc:
            raise CurationError(f"a claim reference needs 'seed' and 'snippet': {data}") from exc

    def __str__(self) -> str:
        return f"{self.seed}: “{self.snippet}”"


@dataclass(frozen=True, slots=True)
class BuildSummary:
    articles: int
    claims: int
    actors: int
    events: int
    verdicts: int
    relations: int

    def __str__(self) -> str:
        return (
            f"{self.articles} articles, {self.claims} claims, {self.actors} actors, "
            f"{self.events} events, {self.verdicts} verdicts, {self.relations} relations"
        )


# --- The curation file ---------------------------------------------------------------------


def load_curation(path: Path = CURATION) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    for key in ("curator", "timestamps", "actors", "events", "verdicts", "relations"):
        if key not in data:
            raise CurationError(f"{path.name} has no {key!r} section")
    return data


def claim_refs(curation: Mapping[str, Any]) -> Iterator[ClaimRef]:
    """Every claim reference in the curation file, in file order (duplicates included)."""
    for event in curation["events"]:
        for ref in event.get("claims", ()):
            yield ClaimRef.from_dict(ref)
    for verdict in curation["verdicts"]:
        yield ClaimRef.from_dict(verdict)
        for item in verdict.get("evidence", ()):
            if "snippet" in item:
                yield ClaimRef.from_dict(item)
    for relation in curation["relations"]:
        yield ClaimRef.from_dict(relation["from"])
        yield ClaimRef.from_dict(relation["to"])


def article_for_seed(seed: str) -> Article:
    """The article imported from ``seeds/<seed>`` (by source name, whatever its directory)."""
    matches = [
        article
        for article in Article.objects.filter(source_name__endswith=seed).only("id", "source_name")
        if Path(article.source_name).name == seed
    ]
    if len(matches) != 1:
        raise CurationError(f"{len(matches)} articles were imported from {seed!r}, not one")
    return Article.objects.get(pk=matches[0].pk)


def matching_claims(ref: ClaimRef, texts: Sequence[tuple[int, str]] | None = None) -> list[int]:
    """Ids of the claims of the seed's article whose text contains the snippet. Compared in
    Python: SQL ``LIKE`` ignores case on SQLite, and the snippet must match exactly everywhere.
    ``texts``: the article's (id, text) pairs, when the caller has them already."""
    if texts is None:
        texts = list(
            Claim.objects.filter(article=article_for_seed(ref.seed)).values_list("id", "text")
        )
    return [pk for pk, text in texts if ref.snippet in text]


class ClaimFinder:
    """Resolves claim references, reading each article's claim texts once (the build resolves
    about a hundred references against three articles)."""

    def __init__(self) -> None:
        self._texts: dict[str, list[tuple[int, str]]] = {}

    def __call__(self, ref: ClaimRef) -> Claim:
        if ref.seed not in self._texts:
            article = article_for_seed(ref.seed)
            self._texts[ref.seed] = list(
                Claim.objects.filter(article=article).values_list("id", "text")
            )
        found = matching_claims(ref, self._texts[ref.seed])
        if len(found) != 1:
            raise CurationError(
                f"{ref} matches {len(found)} claims, not exactly one: update the curation file"
            )
        # Fetched afresh: the verdict steps need the claim's current version.
        return Claim.objects.select_related("article").get(pk=found[0])


def _timestamp(value: str) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        raise CurationError(f"timestamps.base must have a time zone, got {value!r}")
    return parsed.astimezone(dt.UTC)


# --- Building, in the child process's empty in-memory database -------------------------------


def is_scratch_database() -> bool:
    """Only an in-memory SQLite database may be built in: the build migrates and writes."""
    return connection.vendor == "sqlite" and str(connection.settings_dict["NAME"]) in (
        ":memory:",
        "",
    )


def build_here(output: Path, curation_path: Path = CURATION) -> BuildSummary:
    """Migrate the (empty, in-memory) default database, import the seeds, apply the curation
    and dump the fixture to ``output``."""
    if not is_scratch_database():
        raise CurationError("build_here only runs on an in-memory SQLite database")
    curation = load_curation(curation_path)
    base = _timestamp(curation["timestamps"]["base"])
    os.chdir(BASE_DIR)  # source names relative to the project, as `make run` imports them
    call_command("migrate", interactive=False, verbosity=0)
    if Article.objects.exists() or User.objects.exists():
        raise CurationError("the scratch database is not empty")

    results = import_paths([SEEDS])
    failed = [f"{r.source_name}: {r.error}" for r in results if not r.ok]
    if failed or not results:
        raise CurationError("seed import failed: " + "; ".join(failed or ["no seed files"]))

    with transaction.atomic():
        resolve = ClaimFinder()
        curator = _curator(curation["curator"])
        _curate_articles(curation.get("articles", ()))
        _curate_actors(curation["actors"])
        _curate_events(curation["events"], resolve)
        verdicts = _curate_verdicts(curation["verdicts"], resolve, curator, base)
        relations = _curate_relations(
            curation["relations"], resolve, curator, base + STEP * (len(verdicts) + 1)
        )
        _pin_timestamps(base)
        _check_offsets()

    summary = BuildSummary(
        articles=Article.objects.count(),
        claims=Claim.objects.count(),
        actors=Actor.objects.count(),
        events=Event.objects.count(),
        verdicts=len(verdicts),
        relations=len(relations),
    )
    call_command(
        "dumpdata",
        *DUMPED_MODELS,
        natural_foreign=True,
        natural_primary=True,
        indent=1,
        output=str(output),
        verbosity=0,
    )
    text = output.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        output.write_text(text + "\n", encoding="utf-8")
    return summary


def _curator(data: Mapping[str, Any]) -> User:
    user = User(
        username=data["username"],
        first_name=data.get("first_name", ""),
        last_name=data.get("last_name", ""),
        is_active=False,  # belt and braces: no password can be typed, and it may not log in
        is_staff=False,
    )
    user.set_unusable_password()
    # set_unusable_password() appends a random suffix; any value starting with "!" is just as
    # unusable, and a fixed one keeps the fixture byte-identical between builds.
    user.password = "!demo-curator-cannot-log-in"
    assert not user.has_usable_password()
    user.save()
    return user


def _curate_articles(entries: Sequence[Mapping[str, Any]]) -> None:
    for entry in entries:
        article = article_for_seed(entry["seed"])
        if "published_on" in entry:
            article.published_on = dt.date.fromisoformat(entry["published_on"])
        article.full_clean()
        article.save()


def _actor(name: str) -> Actor:
    found = list(Actor.objects.matching(name))
    if len(found) != 1:
        raise CurationError(
            f"{len(found)} actors match {name!r} after the import, not one: "
            "update the actors section (add a 'merge' list for duplicates)"
        )
    return found[0]


def _curate_actors(entries: Sequence[Mapping[str, Any]]) -> None:
    for entry in entries:
        actor = _actor(entry["name"])
        duplicates = [_actor(name) for name in entry.get("merge", ())]
        if duplicates:
            actor, _ = merge_actors(keep_id=actor.pk, other_ids=[d.pk for d in duplicates])
        actor.name = entry["name"]
        actor.kind = entry.get("kind", actor.kind)
        actor.description = entry.get("description", actor.description)
        actor.wikidata_id = entry.get("wikidata_id", "")
        actor.full_clean()
        actor.save()
        known = {actor.normalized_name, *actor.aliases.values_list("normalized", flat=True)}
        for name in entry.get("aliases", ()):
            if normalize_name(name) in known:
                continue
            alias = ActorAlias(actor=actor, alias=name)
            alias.full_clean()
            alias.save()
            known.add(alias.normalized)


def _curate_events(entries: Sequence[Mapping[str, Any]], resolve: ClaimFinder) -> None:
    for entry in entries:
        claims = [resolve(ClaimRef.from_dict(ref)) for ref in entry.get("claims", ())]
        # An editor confirms and renames the importer's suggestion for the same claims rather
        # than leaving a duplicate next to the curated event.
        event = (
            Event.objects.filter(status=Event.Status.SUGGESTED, claims__in=claims)
            .order_by("pk")
            .first()
        ) or Event()
        event.title = entry["title"]
        event.date = dt.date.fromisoformat(entry["date"]) if entry.get("date") else None
        event.date_precision = entry.get("date_precision", Event.Precision.DAY)
        event.end_date = dt.date.fromisoformat(entry["end_date"]) if entry.get("end_date") else None
        event.location = entry.get("location", "")
        event.description = entry.get("description", "")
        event.aliases = list(entry.get("aliases", ()))
        event.status = entry.get("status", Event.Status.CONFIRMED)
        event.full_clean()
        event.save()
        event.participants.set([_actor(name) for name in entry.get("participants", ())])
        event.claims.add(*claims)


def _evidence(item: Mapping[str, Any], resolve: ClaimFinder) -> dict[str, str]:
    """An evidence item: a quote of another seed claim (by snippet), or given literally."""
    if "snippet" not in item:
        return {key: str(item[key]) for key in ("url", "title", "excerpt", "stance") if key in item}
    source = resolve(ClaimRef.from_dict(item))
    return {
        "url": source.article.url,
        "title": f"{source.article.title} ({item['seed']})",
        "excerpt": source.text,
        "stance": item.get("stance", Evidence.Stance.CONTEXT),
    }


def _curate_verdicts(
    entries: Sequence[Mapping[str, Any]], resolve: ClaimFinder, curator: User, base: dt.datetime
) -> list[Review]:
    reviews = []
    for number, entry in enumerate(entries, start=1):
        claim = resolve(ClaimRef.from_dict(entry))
        if not entry.get("note", "").strip():
            raise CurationError(f"the verdict on {ClaimRef.from_dict(entry)} needs a note")
        review = update_claim(
            claim,
            changes={},
            loaded_version=claim.version,
            editor=curator,
            verdict=entry["verdict"],
            note=entry["note"],
            evidence=[_evidence(item, resolve) for item in entry.get("evidence", ())],
        )
        assert review is not None  # a verdict always writes a Review
        # Published too (the demo's public pages need content), at the verdict's pinned time
        # so the fixture stays byte-for-byte stable. Written directly: the curator is an
        # inactive stand-in that editing.publish_claims (editors only) would refuse.
        when = base + STEP * number
        Claim.objects.filter(pk=claim.pk).update(
            reviewed_at=when, published_at=when, published_by=curator
        )
        Review.objects.filter(pk=review.pk).update(created_at=when)
        Evidence.objects.filter(review=review).update(created_at=when)
        reviews.append(review)
    return reviews


def _curate_relations(
    entries: Sequence[Mapping[str, Any]],
    resolve: ClaimFinder,
    curator: User,
    start: dt.datetime,
) -> list[ClaimRelation]:
    relations = []
    for number, entry in enumerate(entries):
        relation, created = relate_claims(
            resolve(ClaimRef.from_dict(entry["from"])),
            resolve(ClaimRef.from_dict(entry["to"])),
            entry["relation"],
            editor=curator,
            note=entry.get("note", ""),
        )
        if not created:
            raise CurationError(f"relation {number + 1} is listed twice")
        ClaimRelation.objects.filter(pk=relation.pk).update(created_at=start + STEP * number)
        relations.append(relation)
    return relations


def _pin_timestamps(base: dt.datetime) -> None:
    """The import, the gazetteer migration and the curation stamped rows with the clock.
    The pipeline version goes too: it is a digest of the pipeline's files, so the fixture
    would go stale at every edit of a comment there, and a database loaded from the
    fixture should re-parse the demo articles with whatever pipeline it runs anyway."""
    Article.objects.update(imported_at=base, updated_at=base, pipeline_version="")
    Actor.objects.update(created_at=base)
    Event.objects.update(created_at=base)
    User.objects.update(date_joined=base, last_login=None)


def _check_offsets() -> None:
    for claim in Claim.objects.select_related("article"):
        claim.validate_offsets()


# --- Running the build in a child process ----------------------------------------------------


def build(output: Path = FIXTURE, curation_path: Path = CURATION) -> str:
    """Build the fixture into ``output`` (replaced only once the build succeeded) in a child
    process with its own in-memory database; returns the child's summary line."""
    output = output.resolve()
    with tempfile.TemporaryDirectory(prefix="demo-fixture-") as tmp:
        scratch = Path(tmp) / "demo.json"
        env = {
            **os.environ,
            "DATABASE_URL": "sqlite://:memory:",
            # The child only ever sees its throwaway database; DEBUG spares it a SECRET_KEY.
            "DEBUG": "1",
            "DJANGO_SETTINGS_MODULE": os.environ.get(
                "DJANGO_SETTINGS_MODULE", "claimtracker.settings"
            ),
        }
        env.pop("DATABASE_REPLICA_URL", None)
        command = [
            sys.executable,
            str(BASE_DIR / "manage.py"),
            "build_demo_fixture",
            "--in-memory-build",
            "--output",
            str(scratch),
            "--curation",
            str(curation_path.resolve()),
        ]
        done = subprocess.run(
            command, cwd=BASE_DIR, env=env, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise CurationError(
                f"building the demo fixture failed:\n{done.stderr.strip() or done.stdout}"
            )
        output.parent.mkdir(parents=True, exist_ok=True)
        # Copied next to the target, then renamed: a reader never sees half a file.
        partial = output.with_name(output.name + ".partial")
        shutil.copyfile(scratch, partial)
        os.replace(partial, output)
    return done.stdout.strip()
