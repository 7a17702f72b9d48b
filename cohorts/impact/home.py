"""What the impact report adds to the navigation (found by ``pd_platform.registries``)."""

from pd_platform import district_panels, navigation
from pd_platform.accounts import roles

# The office reaches it from Reports and its home (its bar is full on a laptop); facilitators from the bar.
navigation.register("Impact", "impact:index", {roles.FACILITATOR}, order=55)
district_panels.register(
    "impact",
    "Impact report",
    "impact:district",
    "what the programs changed for your people, by Guskey's five levels, as a page, a PDF or an Excel file.",
    order=20,
)
