"""allauth's account adapter, where this platform's rules differ from allauth's defaults."""

from allauth.account.adapter import DefaultAccountAdapter

from pd_platform.client_address import client_address


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        # Sign-in throttles count by the same client address as every other counter here.
        return client_address(request)
