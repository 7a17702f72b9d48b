from django.urls import path

from . import views

app_name = "health"

urlpatterns = [
    path("<int:cohort_id>/health/", views.cohort_health, name="cohort"),
    path("districts/<int:district_id>/health/", views.district_health, name="district"),
    path("<int:cohort_id>/health/nudge/<int:enrollment_id>/", views.nudge, name="nudge"),
]
