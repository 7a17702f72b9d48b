"""The completion engine listens to coursework: a submission becoming (or ceasing to be) complete
may cross the threshold."""

from django.dispatch import receiver

from cohorts.coursework.models import Submission
from cohorts.coursework.signals import submission_status_changed
from pd_platform import outbox


@receiver(submission_status_changed)
def award_when_complete(sender, submission, previous=None, **kwargs):
    if Submission.Status.COMPLETE in (previous, submission.status):
        outbox.enqueue("certificates.tasks.award_certificate", submission.enrollment_id)
