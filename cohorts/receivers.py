from django.dispatch import receiver

from .signals import submission_status_changed
from .workshops import credit_online_learning


@receiver(submission_status_changed)
def keep_online_hours_in_step(sender, submission, **kwargs):
    credit_online_learning(submission)
