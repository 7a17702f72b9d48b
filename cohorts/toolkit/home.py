"""What the toolkit adds to a participant's home and to a revision's page."""

from pd_platform import homes, revision_panels
from pd_platform.accounts import roles

from .panels import builder_note, target_set_panels

# Registered here, where they are defined; pd_platform.registries imports this module once.
homes.register("toolkit", "toolkit/home/participant.html", {roles.PARTICIPANT}, order=70)
revision_panels.register("toolkit", target_set_panels, note=builder_note)
