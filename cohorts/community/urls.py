from django.urls import path

from . import views

app_name = "community"

urlpatterns = [
    path("", views.index, name="index"),
    path("digest/", views.digest, name="digest"),
    path("topics/<int:topic_id>/", views.topic, name="topic"),
    path("threads/<int:thread_id>/", views.thread, name="thread"),
    path("threads/<int:thread_id>/follow/", views.follow, name="follow"),
    path("posts/<int:post_id>/report/", views.report, name="report"),
    path("posts/<int:post_id>/moderate/", views.moderate, name="moderate"),
    path("programs/<int:program_id>/moderation/", views.moderation, name="moderation"),
    path("share/<int:submission_id>/", views.share, name="share"),
    path("attachments/<int:attachment_id>/", views.attachment, name="attachment"),
]
