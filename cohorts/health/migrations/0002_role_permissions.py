"""Grants the permissions this app declares in ``permissions.py``."""

from django.db import migrations

from cohorts.health.permissions import ROLE_PERMISSIONS
from pd_platform.accounts.roles import granting


class Migration(migrations.Migration):
    dependencies = [("health", "0001_health_thresholds_and_nudges")]

    operations = [migrations.RunPython(granting(ROLE_PERMISSIONS), migrations.RunPython.noop)]
