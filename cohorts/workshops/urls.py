from django.urls import path

from . import office_hours_views, views

app_name = "workshops"

# Mounted under /cohorts/, where these pages have always been (calendar feeds keep working).
urlpatterns = [
    path("<int:cohort_id>/sessions/", views.sessions, name="sessions"),
    path("sessions/<int:session_id>/edit/", views.edit_session, name="edit_session"),
    path("sessions/<int:session_id>/attendance/", views.attendance, name="attendance"),
    path("enrollments/<int:enrollment_id>/sessions.ics", views.my_sessions_ics, name="sessions_ics"),
    path("calendar/<str:token>/workshops.ics", views.calendar_feed, name="calendar_feed"),
    path("calendar/reset/", views.reset_calendar_feed, name="reset_calendar_feed"),
    path("office-hours/", office_hours_views.office_hours, name="office_hours"),
    path("office-hours/<int:session_id>/seat/", office_hours_views.seat, name="office_hours_seat"),
    path(
        "office-hours/<int:session_id>/calendar.ics", office_hours_views.office_hours_calendar, name="office_hours_ics"
    ),
    path(
        "office-hours/<int:session_id>/attendance/",
        office_hours_views.office_hours_attendance,
        name="office_hours_attendance",
    ),
]
