from django.urls import path

from . import views

app_name = "impact"

urlpatterns = [
    path("", views.index, name="index"),
    path("cohorts/<int:cohort_id>/", views.cohort_report, name="cohort"),
    path("programs/<int:program_id>/", views.program_report, name="program"),
    path("districts/<int:district_id>/", views.district_report, name="district"),
    path("districts/<int:district_id>/outcomes/", views.upload_outcomes, name="upload_outcomes"),
    path("outcomes-template.<str:extension>", views.outcomes_template, name="outcomes_template"),
]
