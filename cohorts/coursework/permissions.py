"""What each role may do with coursework's models (granted by this app's migrations)."""

from pd_platform.accounts.roles import ADMIN

ROLE_PERMISSIONS = {
    ADMIN: [
        "coursework.view_bankedcomment",
        "coursework.add_bankedcomment",
        "coursework.change_bankedcomment",
        "coursework.delete_bankedcomment",
    ],
}
