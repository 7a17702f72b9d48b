from django.urls import path

from . import views

app_name = "hours"

urlpatterns = [
    path("hours/", views.hours_report, name="report"),
]
