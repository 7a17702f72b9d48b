"""Grants the permissions this app declares in ``permissions.py``."""

from django.db import migrations

from cohorts.toolkit.permissions import ROLE_PERMISSIONS
from pd_platform.accounts.roles import granting


class Migration(migrations.Migration):
    dependencies = [("toolkit", "0002_attachments_and_plans"), ("accounts", "0002_roles")]

    operations = [migrations.RunPython(granting(ROLE_PERMISSIONS), migrations.RunPython.noop)]
