from django.apps import AppConfig


class CommunityConfig(AppConfig):
    """The community of practice of each program, across cohorts and districts."""

    name = "cohorts.community"
    label = "community"
    verbose_name = "Community of practice"
    default_auto_field = "django.db.models.BigAutoField"
