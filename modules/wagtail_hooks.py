"""The page editor, made usable with a screen reader (rich-text areas named by their labels) and
losing nothing typed just before a save."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from pd_platform import page_cache


@hooks.register("insert_editor_js")
def editor_labels_js():
    return format_html('<script src="{}" defer></script>', static("js/editor-labels.js"))


@hooks.register("insert_editor_js")
def editor_keeps_typing_js():
    return format_html('<script src="{}" defer></script>', static("js/editor-keeps-typing.js"))


@hooks.register("before_serve_page")
def keep_personal_pages(page, request, serve_args, serve_kwargs):
    """A materials page may be kept for its reader, unless a view restriction (a password, say,
    remembered in one browser's session) guards it."""
    if (
        getattr(page, "personal_page_cache", False)
        and getattr(request, "_page_cache", None) is not None  # only when it can be kept: no query otherwise
        and not page.get_view_restrictions().exists()
    ):
        page_cache.allow(request)
