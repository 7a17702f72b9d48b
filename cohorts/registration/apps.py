from django.apps import AppConfig


class RegistrationConfig(AppConfig):
    """Cohorts, enrollments and payments. It keeps the label ``cohorts``: its tables,
    migrations and permissions were made under that name."""

    name = "cohorts.registration"
    label = "cohorts"
    verbose_name = "Cohorts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import m2m_changed

        from . import districts, receivers  # noqa: F401 - the receivers connect on import
        from .models import Cohort
        from .services import give_facilitators_the_role

        m2m_changed.connect(
            give_facilitators_the_role, sender=Cohort.facilitators.through, dispatch_uid="cohorts-facilitator-role"
        )
        districts.register_account_field()
