"""What cohort health adds to a district coordinator's workspace (found by ``pd_platform.registries``)."""

from pd_platform import district_panels

district_panels.register(
    "health",
    "Cohort health",
    "health:district",
    "which of your people are flagged in the cohorts that have not ended, and why.",
    order=10,
)
