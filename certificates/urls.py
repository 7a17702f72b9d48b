from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("mine/", views.mine, name="mine"),
    path("<str:code>/download/", views.download, name="download"),
]
