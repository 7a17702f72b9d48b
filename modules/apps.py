from django.apps import AppConfig


class ModulesConfig(AppConfig):
    name = "modules"
    verbose_name = "Courses and modules"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import post_page_move

        from .outline import forget_outlines

        post_page_move.connect(forget_outlines, dispatch_uid="modules-forget-outlines-on-move")
