from django import template

register = template.Library()


@register.filter
def lookup(mapping, key):
    """``mapping[key]`` in a template, or None."""
    if not mapping:
        return None
    if key in mapping:
        return mapping[key]
    return mapping.get(str(key))


@register.filter
def clock(seconds):
    """A video's length: 75 -> '1:15', 3725 -> '1:02:05'."""
    seconds = int(seconds or 0)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


KIND_LABELS = {
    "Text section": "Read",
    "Reading": "Reading",
    "Document or handout": "Handout",
    "Image": "Image",
    "Video": "Video",
}


@register.filter
def kind_label(label):
    """The short name a participant sees for a kind of material."""
    return KIND_LABELS.get(str(label), str(label))


@register.simple_tag(takes_context=True)
def page_blocks(context):
    """The page's blocks as stored (id, type, label, value), and the HTML of those that are the
    same for everyone, rendered once per published revision (see ``modules.materials``)."""
    from modules.materials import block_rows, rendered_blocks

    page = context["page"]
    request = context.get("request")
    return block_rows(page.body), rendered_blocks(page, preview=bool(getattr(request, "is_preview", False)))
