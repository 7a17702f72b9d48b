"""Registration's send-once table (``Notification``: one e-mail of each kind per enrollment) becomes rows of
the one guard, ``pd_platform.SentEmail``: every e-mail already sent stays sent after the upgrade."""

from django.db import migrations

from pd_platform.send_once import keep_as_sent


def copy_notifications(apps, schema_editor):
    rows = apps.get_model("cohorts", "Notification").objects.values_list("enrollment_id", "enrollment__user_id", "kind")
    keep_as_sent(
        apps, ((user_id, f"registration.{kind}", f"enrollment:{pk}", "") for pk, user_id, kind in rows.iterator())
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0021_pending_invitations"),
        ("pd_platform", "0006_sent_emails"),
    ]

    operations = [
        migrations.RunPython(copy_notifications, migrations.RunPython.noop),
        migrations.DeleteModel(name="Notification"),
    ]
