"""The course pages' images under MEDIA_URL (mounted by the project's urls)."""

from django.urls import path

from . import views

urlpatterns = [path("<path:path>", views.image_file, name="course_image")]
