from django.apps import AppConfig


class CommunityConfig(AppConfig):
    """The community of practice of each program, across cohorts and districts."""

    name = "cohorts.community"
    label = "community"
    verbose_name = "Community of practice"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pd_platform import personal_data

        from . import personal_data as held

        personal_data.register("community", held.export, held.erase, order=70)
        from pd_platform import homes, navigation
        from pd_platform.accounts import roles

        from . import home, reminders

        # Admins reach it from their home's card: their navigation is full on a laptop screen.
        navigation.register("Community", "community:index", {roles.PARTICIPANT, roles.FACILITATOR}, order=45)
        homes.register(
            "community",
            "community/home/moderators.html",
            {roles.FACILITATOR, roles.ADMIN},
            order=65,
            context=home.moderators_card,
        )
        reminders.register_kinds()
