from django.urls import path

from . import views

app_name = "lti"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("launch/", views.LaunchView.as_view(), name="launch"),
    path("jwks/", views.jwks, name="jwks"),
    path("deep-link/", views.choose, name="choose"),
    path("continue/<str:token>/", views.continue_in_tab, name="continue"),
    path("link/<str:token>/", views.link_account, name="link"),
]
