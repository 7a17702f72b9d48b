from django.apps import AppConfig


class ToolkitConfig(AppConfig):
    """The participant's mastery toolkit: learning targets and grading plans they take back to
    their classroom, checked as they write them and attachable to their coursework."""

    name = "cohorts.toolkit"
    label = "toolkit"
    verbose_name = "Mastery toolkit"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pd_platform import personal_data

        from . import personal_data as held

        personal_data.register("toolkit", held.export, held.erase, order=90)
        from pd_platform import homes, revision_panels
        from pd_platform.accounts import roles

        from . import panels

        homes.register("toolkit", "toolkit/home/participant.html", {roles.PARTICIPANT}, order=70)
        revision_panels.register("toolkit", panels.target_set_panels, note=panels.builder_note)
