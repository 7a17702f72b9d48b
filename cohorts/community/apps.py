from django.apps import AppConfig


class CommunityConfig(AppConfig):
    """The community of practice of each program, across cohorts and districts."""

    name = "cohorts.community"
    label = "community"
    verbose_name = "Community of practice"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pd_platform import navigation
        from pd_platform.accounts import roles

        from . import reminders

        navigation.register(
            "Community", "community:index", {roles.PARTICIPANT, roles.FACILITATOR, roles.ADMIN}, order=45
        )
        reminders.register_kinds()
