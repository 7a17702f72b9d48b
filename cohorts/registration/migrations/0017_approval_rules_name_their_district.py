"""Each approval rule names its district: the district of the name the office typed, or a new one (with no
domains, so that nobody is placed in it until the office adds them). Who approves is said outright: the
coordinator where the rule had one, otherwise each person's supervisor."""

from django.db import migrations


def rules_name_their_district(apps, schema_editor):
    """Each approval rule names a district by the name the office typed: the district of that name, or a
    new one (with no domains, so nobody is placed in it until the office adds them)."""
    ApprovalRule = apps.get_model("cohorts", "ApprovalRule")
    District = apps.get_model("cohorts", "District")
    for rule in ApprovalRule.objects.all():
        name = rule.district_name.strip()
        district = District.objects.filter(name__iexact=name).first() or District.objects.create(name=name)
        rule.district = district
        rule.approved_by = "coordinator" if rule.coordinator_email else "supervisor"
        rule.save(update_fields=["district", "approved_by"])


class Migration(migrations.Migration):
    dependencies = [("cohorts", "0016_districts")]

    operations = [migrations.RunPython(rules_name_their_district, migrations.RunPython.noop)]
