"""How often the related-claim ranking puts the true partner first (issue 13).

Loads the invented articles of ``bench/matching_gold/articles/`` into a fresh database
through the real importer (``import_paths``, the same path as ``manage.py import_articles``),
then, for every pair of ``bench/matching_gold/pairs.json``, asks ``related_claims`` about the
claim and looks for its partner:

- hit@1 / hit@5: the partner is first / among the first five;
- relation accuracy: for pairs whose partner is found, the suggested relation is the gold one
  (or one it also accepts: a same quote may be ``duplicates`` or ``corroborates``).

A claim or partner the pipeline did not extract counts as a miss, and is listed. The database
is SQLite in a temporary file, or a PostgreSQL database ``claimtracker_matching_eval`` that is
dropped and re-created on the server of ``--database-url`` (never the database in the URL).

    .venv/bin/python bench/matching_eval.py [--database-url postgres://…] [--json] [-v]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
GOLD = Path(__file__).resolve().parent / "matching_gold"
EVAL_DB = "claimtracker_matching_eval"


def _database_url(url: str | None) -> str:
    """SQLite in a temp file, or the eval database on the given PostgreSQL server, fresh."""
    if not url:
        return "sqlite:///" + str(Path(tempfile.mkdtemp(prefix="ct-match-")) / "eval.sqlite3")
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {EVAL_DB}")
        conn.execute(f"CREATE DATABASE {EVAL_DB}")
    return urlunsplit(parts._replace(path=f"/{EVAL_DB}"))


def _find(ref: dict[str, str], claims_by_source: dict[str, list[Any]]) -> Any | None:
    """The claim of article ``ref['article']`` whose text contains ``ref['contains']``."""
    found = [c for c in claims_by_source.get(ref["article"], []) if ref["contains"] in c.text]
    return found[0] if len(found) == 1 else None


def evaluate(pairs: list[dict[str, Any]], verbose: bool) -> dict[str, Any]:
    from claims.matching import related_claims
    from claims.models import Claim

    claims_by_source: dict[str, list[Any]] = {}
    for claim in Claim.objects.select_related("article").order_by("article_id", "position"):
        claims_by_source.setdefault(Path(claim.article.source_name).name, []).append(claim)
    hit1 = hit5 = relation_ok = relation_n = 0
    rows = []
    for pair in pairs:
        claim = _find(pair["claim"], claims_by_source)
        partners = [
            _find(p, claims_by_source) for p in [pair["partner"], *pair.get("also_partners", [])]
        ]
        partner_ids = {p.pk for p in partners if p is not None}
        row: dict[str, Any] = {"claim": pair["claim"], "partner": pair["partner"], "rank": None}
        if claim is None or not partner_ids:
            row["error"] = "claim or partner not extracted"
            rows.append(row)
            continue
        ranked = related_claims(claim, limit=20)
        ids = [c.claim.pk for c in ranked]
        rank = next((i + 1 for i, pk in enumerate(ids) if pk in partner_ids), None)
        row["rank"] = rank
        hit1 += rank == 1
        hit5 += rank is not None and rank <= 5
        if rank is not None:
            found = ranked[rank - 1]
            suggested = getattr(found, "suggested_relation", None)
            accepted = {pair["relation"], *pair.get("also_accept", [])}
            relation_n += 1
            relation_ok += suggested in accepted
            row |= {
                "suggested": suggested,
                "gold": pair["relation"],
                "reasons": list(found.reasons),
            }
        if verbose:
            row["top"] = [c.claim.text[:70] for c in ranked[:3]]
        rows.append(row)
    n = len(pairs)
    return {
        "pairs": n,
        "hit@1": round(hit1 / n, 3),
        "hit@5": round(hit5 / n, 3),
        "relation_accuracy": round(relation_ok / relation_n, 3) if relation_n else None,
        "relation_judged": relation_n,
        "rows": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="PostgreSQL server (default: SQLite temp file)")
    parser.add_argument("--json", action="store_true", help="print every pair as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every pair")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = _database_url(args.database_url)
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtracker.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from claims.importer.service import import_paths

    call_command("migrate", verbosity=0)
    results = import_paths([GOLD / "articles"])
    failed = [r for r in results if r.status == "failed"]
    if failed:
        sys.exit(f"gold articles failed to import: {failed}")
    pairs = json.loads((GOLD / "pairs.json").read_text())["pairs"]
    report = evaluate(pairs, args.verbose)
    if args.json:
        print(json.dumps(report, indent=1, ensure_ascii=False))
        return
    for row in report["rows"] if args.verbose else []:
        print(json.dumps(row, ensure_ascii=False))
    print(
        f"pairs {report['pairs']}  hit@1 {report['hit@1']:.0%}  hit@5 {report['hit@5']:.0%}  "
        f"relation accuracy {report['relation_accuracy'] or 0:.0%} "
        f"(of {report['relation_judged']} found)"
    )
    missing = [r for r in report["rows"] if "error" in r]
    for row in missing:
        print(f"  not extracted: {row['claim']} / {row['partner']}")


if __name__ == "__main__":
    main()
