from django.apps import AppConfig


class LtiConfig(AppConfig):
    """The platform as an LTI 1.3 tool: a district's Canvas or Schoology course opens a module or
    workshop of a cohort, and the participant's progress goes back to its gradebook."""

    name = "cohorts.lti"
    label = "lti"
    verbose_name = "LTI launches"
    default_auto_field = "django.db.models.BigAutoField"
