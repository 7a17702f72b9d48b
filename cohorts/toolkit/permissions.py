"""What each role may do with the toolkit in the admin (granted by this app's migrations)."""

from pd_platform.accounts.roles import ADMIN

ROLE_PERMISSIONS = {ADMIN: ["toolkit.change_targetchecksettings"]}
