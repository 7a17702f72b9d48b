from django.conf import settings

from . import navigation
from .accounts.roles import role_names


def navigation_links(request):
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {
        "nav_items": navigation.items_for(user, request.path),
        "user_roles": sorted(role_names(user)),
        "site_name": settings.SITE_NAME,
    }
