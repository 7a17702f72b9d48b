"""The program office's records shown as Wagtail snippets (cohorts, enrollments, districts, LMS
registrations, surveys, reminders, community topics).

Wagtail's snippet choosers answer anyone who may use the admin, so a content editor could read
every participant's name through ``/admin/snippets/choose/...``. A viewset made from
:class:`OfficeSnippetViewSet` answers its chooser only to those who hold a permission on its model,
as its listing already does. Content snippets (CSTP standards, shifts) keep Wagtail's chooser: the
page editor picks them.
"""

from django.core.exceptions import PermissionDenied
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

ANY_PERMISSION = ("add", "change", "delete", "view")


class OfficeChooserViewSet(SnippetChooserViewSet):
    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(view_class, **kwargs)
        policy = ModelPermissionPolicy(self.model)

        def for_those_with_a_permission(request, *args, **kwargs):
            if not policy.user_has_any_permission(request.user, ANY_PERMISSION):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return for_those_with_a_permission


class OfficeSnippetViewSet(SnippetViewSet):
    chooser_viewset_class = OfficeChooserViewSet
