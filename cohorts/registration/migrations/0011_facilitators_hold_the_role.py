"""Every person already a cohort's facilitator holds the Facilitator role (from now on, being
made one gives it: ``services.give_facilitators_the_role``)."""

from django.db import migrations


def give_the_role(apps, schema_editor):
    Cohort = apps.get_model("cohorts", "Cohort")
    Group = apps.get_model("auth", "Group")
    role = Group.objects.filter(name="Facilitator").first()
    if role is None:
        return
    people = set(Cohort.facilitators.through.objects.values_list("user_id", flat=True))
    have = set(role.user_set.values_list("pk", flat=True))
    for user_id in sorted(people - have):
        role.user_set.add(user_id)


class Migration(migrations.Migration):
    dependencies = [("cohorts", "0010_role_permissions"), ("accounts", "0002_roles")]

    operations = [migrations.RunPython(give_the_role, migrations.RunPython.noop)]
