"""Serving a program's page with one query for the page, not two for every level above it.

Wagtail finds a page by walking down from the home page: each level costs a query for the
child and another for its specific type. Below the home page every live URL is known from the
page tree, which only a publish, unpublish, deletion or move changes: the map of URL paths is
kept in the cache under the content's version (``modules.outline``), and the page is loaded
by its id, as its own type, in one query. Its parent, when it is a program, comes from the
program's outline. A preview, a URL the map does not know, or a page type with routing of its
own goes Wagtail's way.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http import Http404
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from .outline import OUTLINE_SECONDS, content_version, program_outline

FORMAT = 1


def route_map() -> dict:
    """url_path -> (page id, content type id) of every page (one query when not cached)."""
    key = f"routes:{FORMAT}:{content_version()}"
    found = cache.get(key)
    if found is None:
        found = {url: (pk, ct) for url, pk, ct in Page.objects.values_list("url_path", "pk", "content_type_id")}
        cache.set(key, found, OUTLINE_SECONDS)
    return found


def _model(content_type_id):
    return ContentType.objects.get_for_id(content_type_id).model_class()


def route_below(home, request, path_components):
    """The RouteResult for a URL two or more levels below ``home``, or None to let Wagtail route
    it (one level down, Wagtail's two queries are no more than the map and the page)."""
    if len(path_components) < 2 or getattr(request, "is_preview", False):
        return None
    routes = route_map()
    chain = []
    url = home.url_path
    for component in path_components:
        url += component + "/"
        entry = routes.get(url)
        if entry is None:
            return None
        model = _model(entry[1])
        if model is None or model.route is not Page.route:
            return None  # a page type that routes the rest of the path itself
        chain.append((entry[0], model))
    pk, model = chain[-1]
    page = model.objects.filter(pk=pk).first()
    if page is None:
        return None
    if not page.live:
        raise Http404
    if len(chain) == 2:  # a program's page: its parent, the program, from the program's outline
        outline = program_outline(chain[0][0])
        if outline is not None:
            page._cached_parent_obj = outline.program
    return RouteResult(page)
