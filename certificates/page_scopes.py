"""Whose kept pages (pd_platform.page_cache) a certificate can show: its enrollment's."""

from pd_platform import page_cache

from .models import Certificate

# Registered here, where they are defined; pd_platform.registries imports this module once.
page_cache.register(Certificate, lambda certificate: page_cache.via(certificate, "enrollment"))
