"""Recount how many claims contain each word (the rarity weights of related-claim matching)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from claims.matching import frequencies


class Command(BaseCommand):
    help = (
        "Recount WordCount, the word document frequencies related-claim suggestions weigh "
        "words by. The importer keeps them up to date; run this after loading claims "
        "another way (generate_data runs it itself) or to correct drift from edits."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        claims = frequencies.rebuild()
        seconds = time.monotonic() - started
        self.stdout.write(f"counted the words of {claims:,} claims in {seconds:.1f} s")
