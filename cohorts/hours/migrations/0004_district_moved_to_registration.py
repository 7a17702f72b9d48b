"""The District model moved to registration (``cohorts``, migration 0016): its table stays, only Django's
picture of it changes here."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("hours", "0003_alter_hoursentry_source"),
        ("cohorts", "0016_districts"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[], state_operations=[migrations.DeleteModel("District")]
        )
    ]
