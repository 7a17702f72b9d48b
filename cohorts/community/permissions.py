"""What each role may do with the community's topics in the admin (granted by this app's migrations)."""

from pd_platform.accounts.roles import ADMIN

ROLE_PERMISSIONS = {ADMIN: ["community.add_topic", "community.change_topic", "community.view_topic"]}
