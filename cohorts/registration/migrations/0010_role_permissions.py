"""Grants the permissions this app declares in ``permissions.py`` (idempotent: a database that
had them from 0002 keeps them)."""

from django.db import migrations

from cohorts.registration.permissions import ROLE_PERMISSIONS
from pd_platform.accounts.roles import granting


class Migration(migrations.Migration):
    dependencies = [("cohorts", "0009_models_moved_to_their_apps")]

    operations = [migrations.RunPython(granting(ROLE_PERMISSIONS), migrations.RunPython.noop)]
