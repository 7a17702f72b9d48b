"""Admin → LTI: the LMS registrations an admin enters from the LMS's developer key, the deployments
they turn on (a launch from an unknown deployment is recorded, switched off, until an admin
activates it), and the links placed and scores sent."""

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.functional import lazy
from lti_tool.models import LtiDeployment, LtiRegistration
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cohorts.registration.models import normal_domain, validate_email_domain
from pd_platform.office_snippets import OfficeSnippetViewSet

from .models import Placement, RegistrationTrust, ScoreSent


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


class RegistrationForm(WagtailAdminModelForm):
    """The registration, and the e-mail domains it may vouch for (kept beside it, in ``RegistrationTrust``)."""

    email_domains = forms.CharField(
        label="E-mail domains it may vouch for",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line, e.g. riverside.k12.ca.us. A launch for someone new at one of these gets an "
        "account (its address unconfirmed until they confirm it by e-mail). Anyone else, and every account "
        "already here, is opened only after its owner signs in here and connects their course once.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            trust = RegistrationTrust.objects.filter(registration=self.instance).first()
            self.fields["email_domains"].initial = trust.email_domains if trust else ""

    def clean_email_domains(self):
        domains = []
        for line in self.cleaned_data["email_domains"].replace(",", "\n").splitlines():
            if line.strip():
                validate_email_domain(line)
                domains.append(normal_domain(line))
        return "\n".join(dict.fromkeys(domains))

    def save(self, commit=True):
        registration = super().save(commit=commit)
        if commit:
            RegistrationTrust.objects.update_or_create(
                registration=registration, defaults={"email_domains": self.cleaned_data["email_domains"]}
            )
        return registration


class RegistrationViewSet(OfficeSnippetViewSet):
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
        FieldPanel("email_domains"),
        FieldPanel("is_active"),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=RegistrationForm).bind_to_model(self.model)


class DeploymentViewSet(OfficeSnippetViewSet):
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


class PlacementViewSet(OfficeSnippetViewSet):
    model = Placement
    icon = "doc-full"
    menu_label = "Course links"
    list_display = ["resource_link", "cohort", "page", "lineitem_url", "created_at"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Placement.objects.select_related("resource_link", "cohort__program", "page")


class ScoreSentViewSet(OfficeSnippetViewSet):
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
