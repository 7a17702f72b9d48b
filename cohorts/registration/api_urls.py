"""The public read-only API, routed from here so the project's urls import no view."""

from django.urls import path

from .views import api_cohorts

urlpatterns = [path("", api_cohorts, name="api_cohorts")]
