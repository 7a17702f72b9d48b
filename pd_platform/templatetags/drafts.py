"""Fields that keep a draft on the server (pd_platform/drafts.py): the attributes the script reads, and
the kept text put back into the field when the page is rendered, so it is there before any script runs."""

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join

from .. import drafts

register = template.Library()


def _draft(context, name):
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return None, None, None
    key = drafts.key_for(request.path, name)
    return key, drafts.kept_on_page(request).get(key), request


def _attrs(key, draft, request):
    return {
        "data-keeps-draft": key,
        "data-draft-url": reverse("save_form_draft"),
        "data-draft-saved-at": timezone.localtime(draft.saved_at).strftime("%-I:%M %p") if draft else "",
        # The page answers a form sent and refused: what this browser kept of it is put back.
        "data-draft-form-returned": "1" if request.method == "POST" else "",
    }


def _name(parts):
    return "-".join(str(p) for p in parts)


@register.simple_tag(takes_context=True)
def draft_field(context, field):
    """A form field as ``{{ field }}`` renders it; a textarea (or a field whose widget says
    ``data-keeps-draft``) also keeps a draft, shown in the field while the form is not yet sent.
    ``data-keeps-draft="off"`` on a widget keeps none (a field with a draft of its own)."""
    mode = field.field.widget.attrs.get("data-keeps-draft")
    if mode == "off" or (mode is None and field.widget_type != "textarea"):
        return str(field)
    key, draft, request = _draft(context, field.html_name)
    if key is None:
        return str(field)
    if draft is not None and not field.form.is_bound:
        field.__dict__["initial"] = draft.text  # BoundField.initial is a cached property: the draft wins
    return field.as_widget(attrs=_attrs(key, draft, request))


@register.simple_tag(takes_context=True)
def keeps_draft(context, *parts):
    """The attributes of a hand-written ``<textarea>`` named by ``parts`` that keeps a draft."""
    key, draft, request = _draft(context, _name(parts))
    if key is None:
        return ""
    return format_html_join("", ' {}="{}"', _attrs(key, draft, request).items())


@register.simple_tag(takes_context=True)
def kept_draft(context, *parts, default=""):
    """The text of that textarea: the person's draft if they have one, else ``default``."""
    request = context.get("request")
    if request is not None and request.method == "POST":
        return default  # the form came back with what was just sent
    key, draft, _request = _draft(context, _name(parts))
    return draft.text if draft is not None else default
