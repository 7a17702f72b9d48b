from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    """The end-of-course evaluation and the check-ins after completion (30, 60, 90 days)."""

    name = "cohorts.evaluations"
    label = "evaluations"
    verbose_name = "Evaluations and check-ins"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pd_platform import personal_data

        from . import personal_data as held

        personal_data.register("evaluations", held.export, held.erase, order=60)
        from pd_platform import certificate_holds, homes
        from pd_platform.accounts import roles

        from . import home, reminders, services

        certificate_holds.register(services.evaluation_hold)
        homes.register_todos(home.evaluation_todos, order=30)
        homes.register(
            "evaluations",
            "evaluations/home/facilitator.html",
            {roles.FACILITATOR},
            order=60,
            context=home.facilitator_card,
        )
        reminders.register_kinds()
