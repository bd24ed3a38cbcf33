"""One row per linked pair: "B contradicts A" is the same relation as "A contradicts B".

Until now only (from_claim, to_claim, relation) was unique, and the application's check for
the reverse direction could be raced, so two editors linking a pair from opposite ends at
once could store both directions. The unique constraint on (LEAST(from, to), GREATEST(from,
to), relation) makes the database refuse the second row; it subsumes the old constraint,
which goes.

Before the constraint is added, existing mirror duplicates are collapsed without losing an
editor's words: the earliest row of each pair stays, the note of each other row is appended
to its note when it says something the kept note does not, and the other rows are deleted.
The reverse of that step does nothing (the removed rows cannot be told apart from links an
editor never made); the constraints themselves are reversed as usual.
"""

from django.db import migrations, models
from django.db.models import Count, Q
from django.db.models.functions import Greatest, Least


def collapse_mirror_duplicates(apps, schema_editor) -> None:
    ClaimRelation = apps.get_model("claims", "ClaimRelation")
    relations = ClaimRelation.objects.using(schema_editor.connection.alias)
    # order_by(): the model's default ordering would otherwise join the GROUP BY.
    pairs = list(
        relations.order_by()
        .annotate(low=Least("from_claim", "to_claim"), high=Greatest("from_claim", "to_claim"))
        .values("low", "high", "relation")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("low", "high", "relation")
    )
    for low, high, relation in pairs:
        keeper, *duplicates = relations.filter(
            Q(from_claim_id=low, to_claim_id=high) | Q(from_claim_id=high, to_claim_id=low),
            relation=relation,
        ).order_by("created_at", "id")
        note = keeper.note
        for duplicate in duplicates:
            extra = duplicate.note.strip()
            if extra and extra not in note:
                note = f"{note.rstrip()}\n\n{extra}" if note.strip() else extra
        if note != keeper.note:
            relations.filter(pk=keeper.pk).update(note=note)
        relations.filter(pk__in=[d.pk for d in duplicates]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0005_claim_counts"),
    ]

    operations = [
        migrations.RunPython(collapse_mirror_duplicates, migrations.RunPython.noop),
        # The new constraint first, so no moment of the migration is without one.
        migrations.AddConstraint(
            model_name="claimrelation",
            constraint=models.UniqueConstraint(
                Least("from_claim", "to_claim"),
                Greatest("from_claim", "to_claim"),
                models.F("relation"),
                name="claimrelation_pair_unique",
                violation_error_message="These two claims are already linked with this "
                "relation (in one direction or the other).",
            ),
        ),
        migrations.RemoveConstraint(
            model_name="claimrelation",
            name="claimrelation_unique",
        ),
    ]
