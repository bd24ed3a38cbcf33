"""WordCount: how many claims contain each word, for the related-claim ranking's rarity
weights (claims.matching.frequencies). Filled here from the claims already stored, so an
existing database ranks by rarity straight after migrating (about a minute of CPU per
million claims); afterwards the importer keeps it and ``refresh_word_counts`` recounts."""

from collections import Counter

from django.db import migrations, models

from claims.matching.similarity import tokens


def count_words(apps, schema_editor) -> None:
    Claim = apps.get_model("claims", "Claim")
    WordCount = apps.get_model("claims", "WordCount")
    db = schema_editor.connection.alias
    counts: Counter[str] = Counter()
    texts = Claim.objects.using(db).order_by().values_list("text", flat=True)
    for text in texts.iterator(chunk_size=5000):
        counts.update({t[:64] for t in tokens(text)})
        counts[""] += 1  # the row whose n is the number of claims counted
    if counts:
        rows = [WordCount(word=w, n=n) for w, n in counts.items()]
        WordCount.objects.using(db).bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0009_feeds_feed"),
    ]

    operations = [
        migrations.CreateModel(
            name="WordCount",
            fields=[
                ("word", models.CharField(max_length=64, primary_key=True, serialize=False)),
                ("n", models.IntegerField(default=0)),
            ],
        ),
        migrations.RunPython(count_words, migrations.RunPython.noop),
    ]
