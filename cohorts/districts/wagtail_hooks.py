"""The program office reaches the district coordinators' page from the admin menu, and sets each
district's logo as a snippet."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet

from pd_platform.admin_panels import AdminsOnlyMenuItem
from pd_platform.office_snippets import OfficeSnippetViewSet

from .models import DistrictBrand


@hooks.register("register_admin_menu_item")
def register_coordinators_menu_item():
    return AdminsOnlyMenuItem("District coordinators", reverse("districts:coordinators"), icon_name="group", order=218)


class DistrictBrandViewSet(OfficeSnippetViewSet):
    model = DistrictBrand
    icon = "image"
    menu_label = "District logos"
    menu_order = 219
    add_to_admin_menu = True
    list_display = ["district", "logo"]
    panels = [FieldPanel("district"), FieldPanel("logo"), FieldPanel("logo_alt")]


register_snippet(DistrictBrandViewSet)
