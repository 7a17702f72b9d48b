from django.urls import path

from .credentials import views as credential_views

app_name = "certificates_api"

urlpatterns = [
    path("<str:code>", credential_views.api_certificate, name="certificate"),
]
