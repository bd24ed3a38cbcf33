"""``manage.py rescore_claims [--article ID ...] [--batch-size N] [--dry-run]``.

Recomputes ``check_worthiness`` and ``check_reasons`` of existing claims with the current
check-worthiness model, from what each claim has stored: its text, kind (a quote), speaker,
mentioned actors and dates. Nothing else is written: not verdicts, notes, versions,
reviewers, review times, offsets or history; one ``bulk_update`` of those two columns per
batch, only for the claims whose score or reasons change.

Batches walk the primary key (keyset pagination, ``pk > last``), each reading only the
columns the score needs, so memory stays flat however many claims there are; each batch
is its own transaction, so an interrupted run leaves every batch either done or untouched,
and running it again finishes the job.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import Count

from claims.extract.worthiness import DECISION_POINT as CHECK_WORTHY
from claims.extract.worthiness import ClaimFeatures, score
from claims.models import Claim

FIELDS = ["check_worthiness", "check_reasons"]
READ = ["pk", "text", "kind", "attribution", "speaker_id", "mentioned_dates", *FIELDS]


def stored_features(claim: Claim, actor_count: int) -> ClaimFeatures:
    """The features the pipeline scored the claim on, rebuilt from its stored attributes."""
    text = claim.text
    return ClaimFeatures(
        text=text,
        has_date=bool(claim.mentioned_dates),
        actor_count=actor_count,
        has_speaker=claim.speaker_id is not None,
        unnamed_source=claim.attribution == Claim.Attribution.ANONYMOUS,
        is_quote=claim.kind == Claim.Kind.QUOTE,
        date_spans=date_spans(text, claim.mentioned_dates or []),
    )


def date_spans(text: str, dates: Iterable[dict[str, Any]]) -> tuple[tuple[int, int], ...]:
    """Where the stored dates are written in the text, in order (a date given as written
    text is found again from the end of the previous one)."""
    spans = []
    cursor = 0
    for date in dates:
        written = str(date.get("text") or "") if isinstance(date, dict) else ""
        at = text.find(written, cursor) if written else -1
        if at >= 0:
            spans.append((at, at + len(written)))
            cursor = at + len(written)
    return tuple(spans)


class Command(BaseCommand):
    help = (
        "Recompute check_worthiness and check_reasons of existing claims with the current "
        "model, from their stored text and attributes; no other field is touched."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--article", type=int, action="append", default=[], metavar="ID")
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--dry-run", action="store_true", help="count changes, write none")

    def handle(self, *args: Any, **options: Any) -> None:
        size = options["batch_size"]
        if size < 1:
            raise CommandError("--batch-size must be at least 1")
        claims = Claim.objects.order_by("pk").only(*READ)
        if options["article"]:
            claims = claims.filter(article_id__in=options["article"])
        totals = {"claims": 0, "changed": 0, "worthy_before": 0, "worthy_after": 0}
        last = 0
        while batch := list(claims.filter(pk__gt=last)[:size]):
            last = batch[-1].pk
            self._rescore(batch, totals, dry_run=options["dry_run"])
        verb = "would change" if options["dry_run"] else "changed"
        self.stdout.write(
            f"{totals['claims']} claims rescored, {verb} {totals['changed']}; "
            f"check-worthy (>= {CHECK_WORTHY}): {totals['worthy_before']} before, "
            f"{totals['worthy_after']} after"
        )

    def _rescore(self, batch: Sequence[Claim], totals: dict[str, int], *, dry_run: bool) -> None:
        counts = dict(
            Claim.actors.through.objects.filter(claim_id__in=[c.pk for c in batch])
            .values_list("claim_id")
            .annotate(n=Count("actor_id", distinct=True))
        )
        changed = []
        for claim in batch:
            value, reasons = score(stored_features(claim, counts.get(claim.pk, 0)))
            before = claim.check_worthiness
            totals["worthy_before"] += before is not None and before >= CHECK_WORTHY
            totals["worthy_after"] += value >= CHECK_WORTHY
            if (before, claim.check_reasons) != (value, reasons):
                claim.check_worthiness, claim.check_reasons = value, reasons
                changed.append(claim)
        totals["claims"] += len(batch)
        totals["changed"] += len(changed)
        if changed and not dry_run:
            with transaction.atomic():
                Claim.objects.bulk_update(changed, FIELDS)
