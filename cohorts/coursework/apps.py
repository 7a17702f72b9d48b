from django.apps import AppConfig


class CourseworkConfig(AppConfig):
    name = "cohorts.coursework"
    label = "coursework"
    verbose_name = "Coursework"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from modules import access as module_access

        from .access import policy

        module_access.set_policy(policy)
