"""What a launch records shows on no kept page (pd_platform.page_cache): it need not empty anyone's."""

from lti_tool import models as tool

from pd_platform import page_cache

from .models import LmsIdentity, Placement, RegistrationTrust, ScoreSent

# Registered here, where they are defined; pd_platform.registries imports this module once.
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
