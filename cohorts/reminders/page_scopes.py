"""Whose kept pages (pd_platform.page_cache) a reminder sent or a person's choice of reminders can show."""

from pd_platform import page_cache

from .models import ReminderOptIn, ReminderOptOut, ReminderSent

# Registered here, where they are defined; pd_platform.registries imports this module once.
page_cache.register(ReminderSent, lambda sent: page_cache.scope([sent.recipient_id], [sent.cohort_id]))
for model in (ReminderOptIn, ReminderOptOut):
    page_cache.register(model, lambda choice: page_cache.scope([choice.user_id]))
