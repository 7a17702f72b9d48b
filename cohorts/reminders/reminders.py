"""What the reminder engine offers the rooms beside it, through ``pd_platform.reminders`` (found by
``pd_platform.registries``): each person's choices (the community's digest box) and sending one reminder now
(a facilitator's nudge) through the same guard and log as the beat's."""

from pd_platform import reminders

from . import services

reminders.register_choices(services.people_asking, services.wanted_kinds, services.do_choose_kind)
reminders.register_sending(services.send_now)
