"""Coursework's three send-once tables become rows of the one guard, ``pd_platform.SentEmail``: every
feedback notice, submission receipt and follow-up notice already sent stays sent after the upgrade."""

from django.db import migrations

from pd_platform.send_once import keep_as_sent

# guard model -> (kind, noun of the object, path to its id, path to the recipient)
GUARDS = {
    "FeedbackNotice": ("coursework.feedback", "review", "review_id", "review__revision__submission__enrollment__user"),
    "SubmissionReceipt": (
        "coursework.submission_receipt",
        "revision",
        "revision_id",
        "revision__submission__enrollment__user",
    ),
    "FollowUpNotice": ("coursework.follow_up", "submission", "submission_id", "submission__enrollment__user"),
}


def copy_guards(apps, schema_editor):
    for model_name, (kind, noun, object_id, recipient) in GUARDS.items():
        rows = apps.get_model("coursework", model_name).objects.values_list(object_id, recipient)
        keep_as_sent(apps, ((user_id, kind, f"{noun}:{pk}", "") for pk, user_id in rows.iterator()))


class Migration(migrations.Migration):
    dependencies = [
        ("coursework", "0006_passage_comments_and_comment_bank"),
        ("pd_platform", "0006_sent_emails"),
    ]

    operations = [
        migrations.RunPython(copy_guards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="followupnotice", name="submission"),
        migrations.RemoveField(model_name="submissionreceipt", name="revision"),
        migrations.DeleteModel(name="FeedbackNotice"),
        migrations.DeleteModel(name="FollowUpNotice"),
        migrations.DeleteModel(name="SubmissionReceipt"),
    ]
