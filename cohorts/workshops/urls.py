from django.urls import path

from . import views

app_name = "workshops"

# Mounted under /cohorts/, where these pages have always been (calendar feeds keep working).
urlpatterns = [
    path("<int:cohort_id>/sessions/", views.sessions, name="sessions"),
    path("sessions/<int:session_id>/edit/", views.edit_session, name="edit_session"),
    path("sessions/<int:session_id>/attendance/", views.attendance, name="attendance"),
    path("enrollments/<int:enrollment_id>/sessions.ics", views.my_sessions_ics, name="sessions_ics"),
    path("calendar/<str:token>/workshops.ics", views.calendar_feed, name="calendar_feed"),
]
