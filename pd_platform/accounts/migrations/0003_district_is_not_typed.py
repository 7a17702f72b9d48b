"""A person's district is no longer a field they type: it is what the platform knows of them
(``cohorts.DistrictMembership``: the office, the district's sign-in or a confirmed address). What they typed
drove approvals and the training rate; it goes, and nothing is derived from it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_roles")]

    operations = [migrations.RemoveField(model_name="user", name="district")]
