"""The page editor, made usable with a screen reader: rich-text areas named by their labels."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_editor_js")
def editor_labels_js():
    return format_html('<script src="{}" defer></script>', static("js/editor-labels.js"))
