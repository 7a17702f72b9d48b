"""Whose kept pages (pd_platform.page_cache) a session or its attendance can show."""

from pd_platform import page_cache

from .models import Attendance, CalendarFeed, OfficeHoursSeat, WorkshopSession

# Registered here, where they are defined; pd_platform.registries imports this module once.
page_cache.register(WorkshopSession, lambda session: page_cache.scope(cohorts=[session.cohort_id]))
for model in (Attendance, OfficeHoursSeat):
    page_cache.register(model, lambda row: page_cache.via(row, "enrollment"))
page_cache.register(CalendarFeed, lambda feed: page_cache.scope([feed.user_id]))  # My courses shows it
