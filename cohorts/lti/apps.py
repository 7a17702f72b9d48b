from django.apps import AppConfig


class LtiConfig(AppConfig):
    """The platform as an LTI 1.3 tool: a district's Canvas or Schoology course opens a module or
    workshop of a cohort, and the participant's progress goes back to its gradebook."""

    name = "cohorts.lti"
    label = "lti"
    verbose_name = "LTI launches"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pd_platform import personal_data

        from . import personal_data as held
        from . import receivers  # noqa: F401 - connects the score send-back

        personal_data.register("lti", held.export, held.erase, order=95)
        from lti_tool import models as tool

        from pd_platform import page_cache

        from .models import LmsIdentity, Placement, RegistrationTrust, ScoreSent

        # What a launch records shows on no kept page: it need not empty anyone's.
        for model in (
            tool.LtiUser,
            tool.LtiContext,
            tool.LtiMembership,
            tool.LtiResourceLink,
            tool.LtiDeployment,
            tool.LtiPlatformInstance,
            tool.Key,
            Placement,
            ScoreSent,
            LmsIdentity,
            RegistrationTrust,
        ):
            page_cache.register(model, lambda row: page_cache.NOBODY)
