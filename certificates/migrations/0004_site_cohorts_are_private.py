"""The cohorts that certified leaders run for their own site were listed publicly: they are private, and
a request may name the school's e-mail domain."""

from django.db import migrations, models

import cohorts.registration.models


def make_site_cohorts_private(apps, schema_editor):
    SiteCohortRequest = apps.get_model("certificates", "SiteCohortRequest")
    Cohort = apps.get_model("cohorts", "Cohort")
    site_cohorts = SiteCohortRequest.objects.filter(cohort__isnull=False).values_list("cohort_id", flat=True)
    Cohort.objects.filter(pk__in=list(site_cohorts)).update(private=True)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0003_credentials_and_validity"),
        ("cohorts", "0012_private_site_cohorts"),
    ]

    operations = [
        migrations.AddField(
            model_name="sitecohortrequest",
            name="email_domain",
            field=models.CharField(
                blank=True, max_length=100, validators=[cohorts.registration.models.validate_email_domain]
            ),
        ),
        migrations.RunPython(make_site_cohorts_private, migrations.RunPython.noop),
    ]
