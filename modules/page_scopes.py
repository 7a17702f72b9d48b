"""Which views may keep their pages (pd_platform.page_cache): Wagtail's page server."""

from wagtail import views as wagtail_views

from pd_platform import page_cache

# Registered here, where they are defined; pd_platform.registries imports this module once.
page_cache.register_view(wagtail_views.serve)
