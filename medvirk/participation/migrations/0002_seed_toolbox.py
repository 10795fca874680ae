"""Seed the installation's toolbox of participation methods."""

from django.db import migrations


def seed(apps, schema_editor):
    from medvirk.participation.toolbox import METHODS, method_fields

    Method = apps.get_model("participation", "Method")
    for entry in METHODS:
        Method.objects.update_or_create(slug=entry["slug"], defaults=method_fields(entry))


class Migration(migrations.Migration):
    dependencies = [("participation", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
