"""Whose kept pages (pd_platform.page_cache) a ledger entry can show: its enrollment's."""

from pd_platform import page_cache

from .models import HoursEntry

# Registered here, where they are defined; pd_platform.registries imports this module once.
page_cache.register(HoursEntry, lambda entry: page_cache.via(entry, "enrollment"))
