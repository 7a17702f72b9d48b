"""The LTI room listens to coursework: a submission's new status is new progress for any LMS
gradebook column its participant's course links to."""

from django.dispatch import receiver

from cohorts.coursework.signals import submission_status_changed

from . import grades, selectors


@receiver(submission_status_changed)
def send_progress_to_lms(sender, submission, **kwargs):
    for placement_id, user_id in selectors.placements_for(submission):
        grades.owe_progress(placement_id, user_id)
