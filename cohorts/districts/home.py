"""What the district workspace adds to the navigation, and who may open a district's pages in the rooms that
register one (found by ``pd_platform.registries``)."""

from pd_platform import district_panels, navigation
from pd_platform.accounts import roles

from . import selectors

navigation.register("District", "districts:workspace", {roles.COORDINATOR}, order=45)
district_panels.register_gate("districts.coordinators", selectors.district_for)
