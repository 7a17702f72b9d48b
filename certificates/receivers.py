"""The completion engine listens to cohorts: every status change may cross the threshold."""

from django.dispatch import receiver

from cohorts.signals import submission_status_changed
from pd_platform import outbox


@receiver(submission_status_changed)
def award_when_complete(sender, submission, **kwargs):
    outbox.enqueue("certificates.tasks.award_certificate", submission.enrollment_id)
