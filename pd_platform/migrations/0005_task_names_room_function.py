"""Every Celery task is named ``<room>.<function>`` (the room's last name, the task function's name).

Tasks owed in the outbox are stored by name: those queued under an earlier name (in one of three earlier
styles) are renamed here, so they run after the upgrade as they would have before.
"""

from django.db import migrations

FORMER_NAMES = {
    "certificates.tasks.award_certificate": "certificates.award_certificate",
    "certificates.tasks.produce_certificate": "certificates.produce_certificate",
    "certificates.tasks.tell_office_of_site_request": "certificates.tell_office_of_site_request",
    "certificates.tasks.tell_trainer_of_decision": "certificates.tell_trainer_of_decision",
    "cohorts.reminders.tasks.send_reminders": "reminders.send_reminders",
    "pd_platform.tasks.dispatch_queued_tasks": "pd_platform.dispatch_queued_tasks",
    "cohorts.tasks.send_registration_confirmation": "registration.send_registration_confirmation",
    "cohorts.tasks.send_invoice": "registration.send_invoice",
    "cohorts.tasks.send_receipt": "registration.send_receipt",
    "cohorts.tasks.send_waitlist_promotion": "registration.send_waitlist_promotion",
    "cohorts.tasks.send_approval_request": "registration.send_approval_request",
    "cohorts.tasks.send_approval_outcome": "registration.send_approval_outcome",
    "cohorts.tasks.send_checkout_expired": "registration.send_checkout_expired",
    "cohorts.tasks.send_cancellation": "registration.send_cancellation",
    "cohorts.tasks.send_refund_notice": "registration.send_refund_notice",
    "cohorts.tasks.lapse_overdue_approvals": "registration.lapse_overdue_approvals",
    "cohorts.tasks.send_access_information": "registration.send_access_information",
    "cohorts.tasks.release_course_access": "registration.release_course_access",
    "cohorts.tasks.settle_district_people": "registration.settle_district_people",
    "cohorts.tasks.send_feedback_notice": "coursework.send_feedback_notice",
    "cohorts.tasks.send_submission_receipt": "coursework.send_submission_receipt",
    "cohorts.tasks.send_follow_up_notice": "coursework.send_follow_up_notice",
}


def rename(apps, schema_editor, names=FORMER_NAMES):
    QueuedTask = apps.get_model("pd_platform", "QueuedTask")
    for former, name in names.items():
        QueuedTask.objects.filter(name=former).update(name=name)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, names={name: former for former, name in FORMER_NAMES.items()})


class Migration(migrations.Migration):
    dependencies = [("pd_platform", "0004_export_jobs")]

    operations = [migrations.RunPython(rename, rename_back)]
