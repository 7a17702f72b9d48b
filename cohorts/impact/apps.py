from django.apps import AppConfig


class ImpactConfig(AppConfig):
    """The impact report: Guskey's five levels per cohort, program and district, and the student
    outcome figures districts supply."""

    name = "cohorts.impact"
    label = "impact"
    verbose_name = "Impact report"
    default_auto_field = "django.db.models.BigAutoField"
