from django.apps import AppConfig


class ToolkitConfig(AppConfig):
    """The participant's mastery toolkit: learning targets and grading plans they take back to
    their classroom, checked as they write them and attachable to their coursework."""

    name = "cohorts.toolkit"
    label = "toolkit"
    verbose_name = "Mastery toolkit"
    default_auto_field = "django.db.models.BigAutoField"
