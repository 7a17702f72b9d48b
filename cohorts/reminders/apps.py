from django.apps import AppConfig


class RemindersConfig(AppConfig):
    """Reminders that keep a cohort moving: each kind comes from the app that knows its reason
    (``pd_platform.reminders``); this app sends them once, logs them, and keeps the program's
    rules and each person's choices."""

    name = "cohorts.reminders"
    label = "reminders"
    verbose_name = "Reminders"
    default_auto_field = "django.db.models.BigAutoField"
