from django.apps import AppConfig


class HealthConfig(AppConfig):
    """Cohort health: at-risk flags that name their reason, a one-click nudge through the reminder
    engine, and charts of a cohort's progress for its facilitators and the program office."""

    name = "cohorts.health"
    label = "health"
    verbose_name = "Cohort health"
    default_auto_field = "django.db.models.BigAutoField"
