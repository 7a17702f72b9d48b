from django.urls import path

from . import views as credential_views

urlpatterns = [path("", credential_views.jwks, name="credential_jwks")]
