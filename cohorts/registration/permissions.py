"""What each role may do with registration's models (granted by this app's migrations)."""

from pd_platform.accounts.roles import ADMIN

ROLE_PERMISSIONS = {
    ADMIN: [
        "cohorts.add_cohort",
        "cohorts.change_cohort",
        "cohorts.delete_cohort",
        "cohorts.add_closedday",
        "cohorts.change_closedday",
        "cohorts.delete_closedday",
        "cohorts.view_enrollment",
        "cohorts.change_enrollment",
        "cohorts.add_approvalrule",
        "cohorts.change_approvalrule",
        "cohorts.delete_approvalrule",
        "cohorts.view_approval",
        "cohorts.add_district",
        "cohorts.change_district",
        "cohorts.delete_district",
    ],
}
