"""What each role may do with the district workspace's models in the Wagtail admin (granted by this
app's migrations). Coordinators work in the workspace's own pages, through the services."""

from pd_platform.accounts.roles import ADMIN

ROLE_PERMISSIONS = {
    ADMIN: ["districts.add_districtbrand", "districts.change_districtbrand", "districts.view_districtbrand"]
}
