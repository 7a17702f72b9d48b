"""allauth's account adapter, where this platform's rules differ from allauth's defaults."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from pd_platform.client_address import client_address


@dataclass(frozen=True)
class PlatformSite:
    """What allauth's e-mails call "the site": the platform's name and public address, not the
    host and port of whichever request happened to send the e-mail."""

    name: str
    domain: str


def platform_site():
    return PlatformSite(name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc or settings.SITE_NAME)


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        # Sign-in throttles count by the same client address as every other counter here.
        return client_address(request)

    def send_mail(self, template_prefix, email, context):
        # "Hello from Grading for Learning!", not "Hello from 127.0.0.1:8101!".
        super().send_mail(template_prefix, email, {"current_site": platform_site(), **context})
