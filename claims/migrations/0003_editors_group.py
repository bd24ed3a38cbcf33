"""Create the Editors group with exactly the permissions editors need.

Editors read everything; add and change articles, claims, actors, aliases and events;
give verdicts (``review_claim``); add evidence and relations, and remove relations and
aliases. They cannot edit or delete the verdict history (reviews), nor delete articles
or claims: that stays with superusers.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["article", "claim", "actor", "actoralias", "event", "review", "evidence", "claimrelation"]
EDITOR_CODENAMES = (
    [f"view_{m}" for m in MODELS]
    + [f"add_{m}" for m in ["article", "claim", "actor", "actoralias", "event", "evidence",
                            "claimrelation"]]
    + [f"change_{m}" for m in ["article", "claim", "actor", "actoralias", "event", "evidence"]]
    + ["delete_actoralias", "delete_claimrelation", "delete_evidence", "review_claim"]
)


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure they exist now.
    app_config = apps.get_app_config("claims")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editors")
    perms = Permission.objects.filter(
        content_type__app_label="claims", codename__in=EDITOR_CODENAMES
    )
    missing = set(EDITOR_CODENAMES) - set(perms.values_list("codename", flat=True))
    if missing:
        raise RuntimeError(f"Permissions missing for the Editors group: {sorted(missing)}")
    group.permissions.set(perms)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0002_claim_fulltext_index"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
