"""The reminders sent stay the office's log; the guard that each goes out once is the one guard,
``pd_platform.SentEmail``: every reminder already sent is copied into it, so none is sent again."""

from django.db import migrations

from pd_platform.send_once import keep_as_sent


def copy_sent(apps, schema_editor):
    rows = apps.get_model("reminders", "ReminderSent").objects.values_list(
        "recipient_id", "kind", "object_key", "period"
    )
    keep_as_sent(apps, ((user_id, f"reminders.{kind}", key, period) for user_id, kind, key, period in rows.iterator()))


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0003_opt_in"),
        ("pd_platform", "0006_sent_emails"),
    ]

    operations = [
        migrations.RunPython(copy_sent, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="remindersent", name="reminder_once_per_period"),
    ]
