from django.urls import path

from . import follow_up_views, passage_views, views

app_name = "coursework"

# Mounted under /cohorts/, where these pages have always been (bookmarks keep working).
urlpatterns = [
    path("enrollments/<int:enrollment_id>/progress/", views.progress, name="progress"),
    path("enrollments/<int:enrollment_id>/activities/<slug:key>/", views.activity_view, name="activity"),
    path("enrollments/<int:enrollment_id>/activities/<slug:key>/draft/", views.save_draft, name="save_draft"),
    path("enrollments/<int:enrollment_id>/materials/<int:page_id>/", views.mark_material, name="mark_material"),
    path("posts/<int:post_id>/edit/", views.edit_post, name="edit_post"),
    path("posts/<int:post_id>/hide/", views.hide_post, name="hide_post"),
    path("attachments/<int:attachment_id>/", views.attachment, name="attachment"),
    path("review/", views.review_queue, name="review_queue"),
    path("review/<int:submission_id>/", views.review, name="review"),
    path("review/<int:submission_id>/passages/", passage_views.comment_on_passage, name="comment_on_passage"),
    path("review/<int:submission_id>/bank/", passage_views.save_to_bank, name="save_to_bank"),
    path("passage-comments/<int:comment_id>/replies/", passage_views.reply, name="passage_reply"),
    path("<int:cohort_id>/gradebook/", views.gradebook, name="gradebook"),
    path("<int:cohort_id>/discussions/<slug:key>/", views.moderate, name="moderate"),
    path(
        "enrollments/<int:enrollment_id>/follow-ups/<int:follow_up_id>/",
        follow_up_views.follow_up,
        name="follow_up",
    ),
    path("<int:cohort_id>/follow-ups/", follow_up_views.cohort_follow_ups, name="follow_ups"),
    path("<int:cohort_id>/follow-ups/new/", follow_up_views.new_follow_up, name="new_follow_up"),
]
