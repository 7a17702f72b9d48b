from django.urls import path

from . import views

app_name = "evaluations"

urlpatterns = [
    path("enrollments/<int:enrollment_id>/evaluation/", views.evaluation, name="evaluation"),
    path("enrollments/<int:enrollment_id>/check-in/", views.checkin, name="checkin"),
    path("<int:cohort_id>/evaluation/", views.cohort_results, {"kind": "evaluation"}, name="cohort_results"),
    path("<int:cohort_id>/check-ins/", views.cohort_results, {"kind": "checkin"}, name="cohort_checkins"),
    path(
        "evaluation/facilitators/<int:user_id>/<int:program_id>/",
        views.facilitator_results,
        name="facilitator_results",
    ),
]
