from django.urls import path

from . import coursework_views, views, workshop_views

app_name = "cohorts"

urlpatterns = [
    path("register/<int:program_id>/", views.register, name="register"),
    path("my-courses/", views.my_courses, name="my_courses"),
    path("enrollments/<int:enrollment_id>/cancel/", views.cancel, name="cancel"),
    path("enrollments/<int:enrollment_id>/pay/", views.pay, name="pay"),
    path("enrollments/<int:enrollment_id>/invoice.pdf", views.invoice, name="invoice"),
    path("checkout/test/<str:reference>/", views.test_checkout, name="test_checkout"),
    path("enrollments/<int:enrollment_id>/progress/", coursework_views.progress, name="progress"),
    path("enrollments/<int:enrollment_id>/activities/<slug:key>/", coursework_views.activity_view, name="activity"),
    path(
        "enrollments/<int:enrollment_id>/activities/<slug:key>/draft/", coursework_views.save_draft, name="save_draft"
    ),
    path("posts/<int:post_id>/edit/", coursework_views.edit_post, name="edit_post"),
    path("posts/<int:post_id>/hide/", coursework_views.hide_post, name="hide_post"),
    path("attachments/<int:attachment_id>/", coursework_views.attachment, name="attachment"),
    path("review/", coursework_views.review_queue, name="review_queue"),
    path("review/<int:submission_id>/", coursework_views.review, name="review"),
    path("<int:cohort_id>/gradebook/", coursework_views.gradebook, name="gradebook"),
    path("<int:cohort_id>/discussions/<slug:key>/", coursework_views.moderate, name="moderate"),
    path("<int:cohort_id>/sessions/", workshop_views.sessions, name="sessions"),
    path("sessions/<int:session_id>/edit/", workshop_views.edit_session, name="edit_session"),
    path("sessions/<int:session_id>/attendance/", workshop_views.attendance, name="attendance"),
    path("enrollments/<int:enrollment_id>/sessions.ics", workshop_views.my_sessions_ics, name="sessions_ics"),
    path("calendar/<str:token>/workshops.ics", workshop_views.calendar_feed, name="calendar_feed"),
]
