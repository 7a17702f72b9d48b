from django.apps import AppConfig


class RemindersConfig(AppConfig):
    """Reminders that keep a cohort moving: each kind comes from the app that knows its reason
    (``pd_platform.reminders``); this app sends them once, logs them, and keeps the program's
    rules and each person's choices."""

    name = "cohorts.reminders"
    label = "reminders"
    verbose_name = "Reminders"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pd_platform import personal_data

        from . import personal_data as held

        personal_data.register("reminders", held.export, held.erase, order=80)
        from pd_platform import page_cache

        from .models import ReminderOptIn, ReminderOptOut, ReminderSent

        page_cache.register(ReminderSent, lambda sent: page_cache.scope([sent.recipient_id], [sent.cohort_id]))
        for model in (ReminderOptIn, ReminderOptOut):
            page_cache.register(model, lambda choice: page_cache.scope([choice.user_id]))
