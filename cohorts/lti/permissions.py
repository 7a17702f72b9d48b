"""What each role may do with LTI's records in the admin (granted by this app's migrations)."""

from pd_platform.accounts.roles import ADMIN

ROLE_PERMISSIONS = {
    ADMIN: [
        "lti_tool.add_ltiregistration",
        "lti_tool.change_ltiregistration",
        "lti_tool.delete_ltiregistration",
        "lti_tool.add_ltideployment",
        "lti_tool.view_ltideployment",
        "lti_tool.change_ltideployment",
        "lti.view_placement",
        "lti.view_scoresent",
    ],
}
