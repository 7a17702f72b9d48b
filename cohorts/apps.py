from django.apps import AppConfig


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = "Cohorts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from modules import access as module_access
        from pd_platform import homes, navigation

        from .access import policy

        module_access.set_policy(policy)
        from pd_platform.accounts import roles

        navigation.register("My courses", "cohorts:my_courses", {navigation.SIGNED_IN}, order=25)
        navigation.register("Review queue", "cohorts:review_queue", {roles.FACILITATOR, roles.ADMIN}, order=30)
        homes.register("learning", "cohorts/home/learning.html", {roles.PARTICIPANT}, order=10)
        homes.register("facilitation", "cohorts/home/facilitation.html", {roles.FACILITATOR}, order=40)

        from . import receivers  # noqa: F401  (keeps the hours ledger in step with coursework)
