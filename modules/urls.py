from django.urls import path

from . import views

app_name = "modules"

urlpatterns = [
    path("<int:document_id>/<str:filename>", views.media, name="media"),
]
