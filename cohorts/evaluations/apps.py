from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    """The end-of-course evaluation and the check-ins after completion (30, 60, 90 days)."""

    name = "cohorts.evaluations"
    label = "evaluations"
    verbose_name = "Evaluations and check-ins"
    default_auto_field = "django.db.models.BigAutoField"
