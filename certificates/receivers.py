"""The completion engine listens to cohorts: every status change may cross the threshold."""

from django.dispatch import receiver

from cohorts.signals import submission_status_changed

from . import tasks


@receiver(submission_status_changed)
def award_when_complete(sender, submission, **kwargs):
    tasks.award_certificate.delay(submission.enrollment_id)
