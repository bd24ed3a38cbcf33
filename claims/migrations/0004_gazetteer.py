"""Load the gazetteer (countries and common organisations) into Actor, from
``claims/data/gazetteer.json``, so the importer recognises "the Kremlin" or "U.S." on a
fresh database. Editors own these rows afterwards (Actor admin).

Idempotent: an entry whose name or any alias already names an actor is skipped entirely
(an editor's version wins), as is any alias or Wikidata ID already taken. Reversible: the
reverse deletes exactly the gazetteer's actors that no claim speaks or mentions.
"""

import json
from pathlib import Path

from django.db import migrations

# Normalisation must be the one the importer matches with, so it is imported, not copied.
from claims.extract.names import normalize_name

GAZETTEER = Path(__file__).resolve().parent.parent / "data" / "gazetteer.json"


def _entries():
    with GAZETTEER.open(encoding="utf-8") as fh:
        return json.load(fh)["actors"]


def load(apps, schema_editor):
    Actor = apps.get_model("claims", "Actor")
    ActorAlias = apps.get_model("claims", "ActorAlias")
    taken = set(Actor.objects.values_list("normalized_name", flat=True))
    taken |= set(ActorAlias.objects.values_list("normalized", flat=True))
    names = set(Actor.objects.values_list("name", flat=True))
    wikidata = set(Actor.objects.exclude(wikidata_id="").values_list("wikidata_id", flat=True))
    for entry in _entries():
        keys = [normalize_name(entry["name"])] + [normalize_name(a) for a in entry["aliases"]]
        if entry["name"] in names or any(key in taken for key in keys):
            continue
        wid = entry.get("wikidata_id", "")
        actor = Actor.objects.create(
            name=entry["name"],
            normalized_name=keys[0],  # historical models have no custom save()
            kind=entry["kind"],
            description=entry.get("description", ""),
            wikidata_id="" if wid in wikidata else wid,
        )
        taken.add(keys[0])
        wikidata.add(wid)
        for alias, key in zip(entry["aliases"], keys[1:]):
            if key and key not in taken:
                ActorAlias.objects.create(actor=actor, alias=alias, normalized=key)
                taken.add(key)


def unload(apps, schema_editor):
    Actor = apps.get_model("claims", "Actor")
    Claim = apps.get_model("claims", "Claim")
    names = [entry["name"] for entry in _entries()]
    for actor in Actor.objects.filter(name__in=names):
        if Claim.objects.filter(speaker=actor).exists() or actor.mentioned_in.exists():
            continue  # in use: an editor's data now, not ours to delete
        actor.delete()


class Migration(migrations.Migration):
    dependencies = [("claims", "0003_editors_group")]

    operations = [migrations.RunPython(load, unload)]
