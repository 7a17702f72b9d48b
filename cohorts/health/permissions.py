"""The permissions this app adds to the roles (granted by a migration)."""

from pd_platform.accounts.roles import ADMIN

ROLE_PERMISSIONS = {
    ADMIN: [
        "health.add_healththresholds",
        "health.change_healththresholds",
        "health.delete_healththresholds",
        "health.view_healththresholds",
        "health.view_nudge",
    ]
}
