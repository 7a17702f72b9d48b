"""Admin → LTI: the LMS registrations an admin enters from the LMS's developer key, the deployments
they turn on (a launch from an unknown deployment is recorded, switched off, until an admin
activates it), and the links placed and scores sent."""

from django.conf import settings
from django.urls import reverse
from django.utils.functional import lazy
from lti_tool.models import LtiDeployment, LtiRegistration
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Placement, ScoreSent


def tool_endpoints_help():
    base = settings.SITE_URL.rstrip("/")
    rows = "".join(
        f"<li>{label}: <code>{base}{reverse(name)}</code></li>"
        for label, name in (
            ("OIDC login initiation URL", "lti:login"),
            ("Target link / redirect URI (launch and deep linking)", "lti:launch"),
            ("Public keyset URL (JWKS)", "lti:jwks"),
        )
    )
    return f"<p>Give the LMS these addresses when you create the developer key:</p><ul>{rows}</ul>"


class RegistrationViewSet(SnippetViewSet):
    model = LtiRegistration
    icon = "link-external"
    menu_label = "LMS registrations"
    list_display = ["name", "issuer", "client_id", "is_active"]
    search_fields = ["name", "issuer", "client_id"]

    panels = [
        HelpPanel(content=lazy(tool_endpoints_help, str)(), heading="This tool's addresses"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("issuer"), FieldPanel("client_id")]),
        MultiFieldPanel(
            [FieldPanel("auth_url"), FieldPanel("token_url"), FieldPanel("keyset_url"), FieldPanel("audience")],
            heading="The LMS's addresses (from its developer key)",
        ),
        FieldPanel("is_active"),
    ]


class DeploymentViewSet(SnippetViewSet):
    model = LtiDeployment
    icon = "tick-inverse"
    menu_label = "LTI deployments"
    list_display = ["registration", "deployment_id", "is_active", "datetime_created"]
    list_filter = ["is_active"]
    panels = [
        HelpPanel(
            content="The deployment ID is in the LMS: in Canvas, the developer key's app under Settings → Apps → "
            "Deployment Id. Launches from a deployment not entered here, or switched off, are refused.",
        ),
        FieldPanel("registration"),
        FieldPanel("deployment_id"),
        FieldPanel("is_active"),
    ]

    def get_queryset(self, request):
        return LtiDeployment.objects.select_related("registration")


class PlacementViewSet(SnippetViewSet):
    model = Placement
    icon = "doc-full"
    menu_label = "Course links"
    list_display = ["resource_link", "cohort", "page", "lineitem_url", "created_at"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Placement.objects.select_related("resource_link", "cohort__program", "page")


class ScoreSentViewSet(SnippetViewSet):
    model = ScoreSent
    icon = "list-ol"
    menu_label = "Scores sent"
    list_display = ["placement", "lti_user", "score_given", "score_maximum", "sent_at"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return ScoreSent.objects.select_related(
            "placement__resource_link", "placement__cohort__program", "placement__page", "lti_user"
        )


class LtiViewSetGroup(SnippetViewSetGroup):
    items = (RegistrationViewSet, DeploymentViewSet, PlacementViewSet, ScoreSentViewSet)
    menu_label = "LTI"
    menu_icon = "link-external"
    menu_order = 260


register_snippet(LtiViewSetGroup)
