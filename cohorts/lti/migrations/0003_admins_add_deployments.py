"""Admins enter deployments themselves (a launch no longer records an unknown one)."""

from django.db import migrations

from cohorts.lti.permissions import ROLE_PERMISSIONS
from pd_platform.accounts.roles import granting


class Migration(migrations.Migration):
    dependencies = [("lti", "0002_role_permissions")]

    operations = [migrations.RunPython(granting(ROLE_PERMISSIONS), migrations.RunPython.noop)]
