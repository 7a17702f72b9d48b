"""The page a person sees when something on our side fails.

When the database is unreachable (restarting, failing over) the request gets a 503 with
Retry-After rather than a 500: the visitor is told to try again shortly, and load balancers
and monitors see a temporary outage. Neither page touches the database.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string


def _page(title, message, status):
    html = render_to_string("error.html", {"site_name": settings.SITE_NAME, "title": title, "message": message})
    return HttpResponse(html, status=status)


def server_error(request):
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        response = _page(
            "Back in a moment",
            "The platform is briefly unavailable. Nothing you saved is lost; please try again in a minute.",
            503,
        )
        response["Retry-After"] = "30"
        return response
    return _page(
        "Something went wrong on our side",
        "The error has been recorded. Please try again; if it keeps happening, contact the program office.",
        500,
    )
