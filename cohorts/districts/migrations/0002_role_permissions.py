"""Creates the district coordinator role's group and grants the permissions this app declares."""

from django.db import migrations

from cohorts.districts.permissions import ROLE_PERMISSIONS
from pd_platform.accounts.roles import granting


class Migration(migrations.Migration):
    dependencies = [("districts", "0001_district_workspace")]

    operations = [migrations.RunPython(granting(ROLE_PERMISSIONS), migrations.RunPython.noop)]
