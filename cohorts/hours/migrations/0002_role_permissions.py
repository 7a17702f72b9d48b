"""Grants the permissions this app declares in ``permissions.py``. On a database where the
admins had them under the ``cohorts`` label, 0001 relabelled them and this changes nothing."""

from django.db import migrations

from cohorts.hours.permissions import ROLE_PERMISSIONS
from pd_platform.accounts.roles import granting


class Migration(migrations.Migration):
    dependencies = [("hours", "0001_initial")]

    operations = [migrations.RunPython(granting(ROLE_PERMISSIONS), migrations.RunPython.noop)]
