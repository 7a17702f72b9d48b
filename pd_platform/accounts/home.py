"""What every signed-in person finds whatever room they work in: the site's own links and the office's cards."""

from pd_platform import homes, navigation
from pd_platform.admin_panels import office_card

from . import roles

# Registered here, where they are defined; pd_platform.registries imports this module once.
navigation.register("Programs", "/", {navigation.EVERYONE}, order=10)
navigation.register("Dashboard", "dashboard", {navigation.SIGNED_IN}, order=20)
navigation.register("Account", "account_profile", {navigation.SIGNED_IN}, order=90)
navigation.register("Admin", "wagtailadmin_home", {roles.ADMIN, roles.EDITOR}, order=95)
homes.register("program-office", "accounts/home/program_office.html", {roles.ADMIN}, order=5, context=office_card)
homes.register("content-editor", "accounts/home/content_editor.html", {roles.EDITOR}, order=75)
