"""The nudge as a reminder kind (found by ``pd_platform.registries``): a participant may turn it off on their
preferences page like any other; the beat never sends it (a facilitator does, from a flag)."""

from pd_platform import reminders
from pd_platform.accounts import roles

from . import services

reminders.register(
    services.NUDGE_KIND,
    "A note from your facilitator",
    "When your facilitator sees something waiting for you (a revision, a missed workshop, the evaluation) "
    "and sends you a word about it.",
    {roles.PARTICIPANT},
    services.nudges_due,
    order=90,
)
