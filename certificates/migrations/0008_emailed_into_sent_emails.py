"""A certificate's ``emailed_at`` and a site cohort request's ``office_told_at`` and ``trainer_told_at`` become
rows of the one send-once guard, ``pd_platform.SentEmail``: nothing e-mailed before the upgrade goes again."""

from django.db import migrations

from pd_platform.send_once import keep_as_sent


def copy_emailed(apps, schema_editor):
    Certificate = apps.get_model("certificates", "Certificate")
    emailed = Certificate.objects.filter(emailed_at__isnull=False).values_list("pk", "enrollment__user_id")
    keep_as_sent(apps, ((user_id, "certificates.certificate", f"certificate:{pk}", "") for pk, user_id in emailed))
    SiteCohortRequest = apps.get_model("certificates", "SiteCohortRequest")
    for field, kind in (
        ("office_told_at", "certificates.site_request_to_office"),
        ("trainer_told_at", "certificates.site_request_decision"),
    ):
        told = SiteCohortRequest.objects.filter(**{f"{field}__isnull": False}).values_list("pk", "trainer_id")
        keep_as_sent(apps, ((user_id, kind, f"site_request:{pk}", "") for pk, user_id in told))


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0007_resign_earlier_form_credentials"),
        ("pd_platform", "0006_sent_emails"),
    ]

    operations = [
        migrations.RunPython(copy_emailed, migrations.RunPython.noop),
        migrations.RemoveField(model_name="certificate", name="emailed_at"),
        migrations.RemoveField(model_name="sitecohortrequest", name="office_told_at"),
        migrations.RemoveField(model_name="sitecohortrequest", name="trainer_told_at"),
    ]
