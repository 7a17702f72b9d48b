"""The toolkit's JSON API, routed from here so the project's urls import no view."""

from django.urls import path

from . import api

app_name = "toolkit_api"
urlpatterns = [
    path("", api.api_docs, name="docs"),
    path("targets/check", api.check_target, name="check_target"),
    path("grade", api.grade, name="grade"),
]
