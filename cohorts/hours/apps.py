from django.apps import AppConfig


class HoursConfig(AppConfig):
    name = "cohorts.hours"
    label = "hours"
    verbose_name = "Training hours"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pd_platform import personal_data

        from . import personal_data as held

        personal_data.register("hours", held.export, held.erase, order=50)
        from pd_platform import navigation, page_cache
        from pd_platform.accounts import roles

        from .models import HoursEntry

        page_cache.register(HoursEntry, lambda entry: page_cache.via(entry, "enrollment"))

        navigation.register("Reports", "hours:report", {roles.ADMIN}, order=50)
        from . import receivers  # noqa: F401  (keeps the ledger in step with coursework and attendance)
