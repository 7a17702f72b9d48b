"""What each role may do with the surveys (granted by this app's migrations)."""

from pd_platform.accounts.roles import ADMIN

ROLE_PERMISSIONS = {ADMIN: ["evaluations.add_survey", "evaluations.change_survey", "evaluations.view_survey"]}
