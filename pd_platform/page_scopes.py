"""Whose kept pages (pd_platform.page_cache) a change to an account, its addresses or a draft can show."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from . import page_cache
from .models import FormDraft, PersonalDataEvent, SentEmail

# Registered here, where they are defined; pd_platform.registries imports this module once.
page_cache.register(get_user_model(), page_cache.person)
page_cache.register_m2m(get_user_model().groups.through, page_cache.people_linked)
page_cache.register(EmailAddress, lambda address: page_cache.scope([address.user_id]))
# The personal-data audit log shows only in the admin, whose pages are never kept.
page_cache.register(PersonalDataEvent, lambda event: page_cache.NOBODY)
# A draft shows in its field on the person's own pages only.
page_cache.register(FormDraft, lambda draft: page_cache.scope([draft.user_id]))
# Whether an e-mail went out shows on its recipient's own pages at most.
page_cache.register(SentEmail, lambda sent: page_cache.scope([sent.recipient_id]))
