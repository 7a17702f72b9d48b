"""Grants the permissions this app declares in ``permissions.py``."""

from django.db import migrations

from cohorts.lti.permissions import ROLE_PERMISSIONS
from pd_platform.accounts.roles import granting


class Migration(migrations.Migration):
    dependencies = [("lti", "0001_initial"), ("lti_tool", "0001_initial"), ("accounts", "0002_roles")]

    operations = [migrations.RunPython(granting(ROLE_PERMISSIONS), migrations.RunPython.noop)]
