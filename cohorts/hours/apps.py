from django.apps import AppConfig


class HoursConfig(AppConfig):
    name = "cohorts.hours"
    label = "hours"
    verbose_name = "Training hours"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers  # noqa: F401  (keeps the ledger in step with attendance, in its transaction)
