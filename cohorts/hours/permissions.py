"""What each role may do with the ledger's models (granted by this app's migrations)."""

from pd_platform.accounts.roles import ADMIN

ROLE_PERMISSIONS = {
    ADMIN: [
        "hours.add_district",
        "hours.change_district",
        "hours.delete_district",
    ],
}
