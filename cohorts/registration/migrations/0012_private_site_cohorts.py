"""Private (site) cohorts: an invitation key for every cohort, unique, and a school's e-mail domain."""

import secrets

from django.db import migrations, models

import cohorts.registration.models


def give_each_cohort_a_key(apps, schema_editor):
    Cohort = apps.get_model("cohorts", "Cohort")
    for cohort in Cohort.objects.filter(invitation_key="").only("pk"):
        Cohort.objects.filter(pk=cohort.pk).update(invitation_key=secrets.token_urlsafe(18))


class Migration(migrations.Migration):
    dependencies = [("cohorts", "0011_facilitators_hold_the_role")]

    operations = [
        migrations.AddField(
            model_name="cohort",
            name="private",
            field=models.BooleanField(
                default=False,
                help_text="A site cohort: kept out of every public listing; people register through its invitation "
                "link or with a verified e-mail address at its domain.",
            ),
        ),
        migrations.AddField(
            model_name="cohort",
            name="email_domain",
            field=models.CharField(
                blank=True,
                help_text="For a private cohort: people with a verified address at this domain (the school's, such as "
                "roosevelt.k12.ca.us) may register without the link.",
                max_length=100,
                validators=[cohorts.registration.models.validate_email_domain],
            ),
        ),
        migrations.AddField(
            model_name="cohort",
            name="invitation_key",
            field=models.CharField(default="", editable=False, max_length=32),
        ),
        migrations.RunPython(give_each_cohort_a_key, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="cohort",
            name="invitation_key",
            field=models.CharField(
                default=cohorts.registration.models.new_invitation_key, editable=False, max_length=32, unique=True
            ),
        ),
        migrations.AddConstraint(
            model_name="cohort",
            constraint=models.CheckConstraint(
                condition=models.Q(("email_domain", ""), ("private", True), _connector="OR"),
                name="cohort_domain_only_if_private",
            ),
        ),
    ]
