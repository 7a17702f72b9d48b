from django.apps import AppConfig


class RegistrationConfig(AppConfig):
    """Cohorts, enrollments and payments. It keeps the label ``cohorts``: its tables,
    migrations and permissions were made under that name."""

    name = "cohorts.registration"
    label = "cohorts"
    verbose_name = "Cohorts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pd_platform import personal_data

        from . import personal_data as held

        personal_data.register("registration", held.export, held.erase, order=20)
        from pd_platform import homes, navigation
        from pd_platform.accounts import roles

        navigation.register("My courses", "cohorts:my_courses", {navigation.SIGNED_IN}, order=25)
        from .home import participant_home
        from .reminders import register_kinds

        register_kinds()

        from django.db.models.signals import m2m_changed

        from .models import Cohort
        from .services import give_facilitators_the_role

        m2m_changed.connect(
            give_facilitators_the_role, sender=Cohort.facilitators.through, dispatch_uid="cohorts-facilitator-role"
        )

        from . import districts, page_scopes, receivers  # noqa: F401 - the receivers connect on import

        page_scopes.register()
        from .invitations import landing

        homes.register_landing("invitation", landing, order=10)
        districts.register_account_field()
        homes.register(
            "learning", "cohorts/home/learning.html", {roles.PARTICIPANT}, order=10, context=participant_home
        )
