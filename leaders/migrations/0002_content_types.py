"""The moved models' content types follow them (org → leaders), so their permissions, admin log and history
keep pointing at them: the rows are relabelled, never recreated."""

from django.db import migrations

MODELS = ["leader", "historicalleader", "enterprise", "historicalenterprise", "leaderlink", "historicalleaderlink"]


def _relabel(apps, schema_editor, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    for model in MODELS:
        found = types.filter(app_label=old, model=model).first()
        if found is None:
            continue
        types.filter(app_label=new, model=model).delete()  # an empty one made before this ran (no permissions used)
        found.app_label = new
        found.save(update_fields=["app_label"])


def forwards(apps, schema_editor):
    _relabel(apps, schema_editor, "org", "leaders")


def backwards(apps, schema_editor):
    _relabel(apps, schema_editor, "leaders", "org")


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("leaders", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
