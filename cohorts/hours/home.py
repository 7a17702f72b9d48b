"""Where the training-hour reports are reached from."""

from pd_platform import navigation
from pd_platform.accounts import roles

# Registered here, where they are defined; pd_platform.registries imports this module once.
navigation.register("Reports", "hours:report", {roles.ADMIN}, order=50)
