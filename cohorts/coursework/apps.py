from django.apps import AppConfig


class CourseworkConfig(AppConfig):
    name = "cohorts.coursework"
    label = "coursework"
    verbose_name = "Coursework"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pd_platform import personal_data

        from . import personal_data as held

        personal_data.register("coursework", held.export, held.erase, order=30)
        from modules import access as module_access
        from pd_platform import homes, navigation
        from pd_platform.accounts import roles

        from . import home
        from .access import policy

        module_access.set_policy(policy)
        from . import page_scopes

        page_scopes.register()
        navigation.register("Review queue", "coursework:review_queue", {roles.FACILITATOR, roles.ADMIN}, order=30)
        homes.register(
            "facilitation",
            "coursework/home/facilitation.html",
            {roles.FACILITATOR},
            order=40,
            context=home.facilitator_home,
        )
        from . import selectors

        homes.register(
            "feedback-turnaround",
            "coursework/home/turnaround.html",
            {roles.FACILITATOR},
            order=45,
            context=selectors.facilitator_turnaround,
        )
        homes.register_course_links(home.progress_links, order=10)
        homes.register_todos(home.participant_todos, order=10)

        from .reminders import register_kinds

        register_kinds()
