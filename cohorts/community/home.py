"""What the community adds to a facilitator's and an admin's home: the communities they
moderate, with the reports waiting in each (two queries)."""

from django.db.models import Count, Q
from wagtail.models import Page

from pd_platform import homes, navigation
from pd_platform.accounts import roles

from .selectors import moderated_programs


def moderators_card(user):
    programs = Page.objects.filter(pk__in=moderated_programs(user)).annotate(
        waiting=Count(
            "community_topics__threads__posts__reports",
            filter=Q(community_topics__threads__posts__reports__resolved_at__isnull=True),
        )
    )
    return {"programs": [(program, program.waiting) for program in programs.order_by("path")]}


# Registered here, where they are defined; pd_platform.registries imports this module once.
# Admins reach it from their home's card: their navigation is full on a laptop screen.
navigation.register("Community", "community:index", {roles.PARTICIPANT, roles.FACILITATOR}, order=45)
homes.register(
    "community", "community/home/moderators.html", {roles.FACILITATOR, roles.ADMIN}, order=65, context=moderators_card
)
