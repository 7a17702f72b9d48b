from django.db import migrations

from pd_platform.accounts.roles import sync_role_groups


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(sync_role_groups, migrations.RunPython.noop)]
