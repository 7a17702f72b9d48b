from celery import shared_task

from . import services


@shared_task(name="reminders.send_reminders")
def send_reminders():
    """Periodic (Celery beat): send the reminders due now, each once."""
    return services.send_reminders()[1]
