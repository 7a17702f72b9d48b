from django.urls import path

from . import trainer_views, views

app_name = "certificates"

urlpatterns = [
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("mine/", views.mine, name="mine"),
    path("transcript/", views.my_transcript, name="transcript"),
    path("transcript/<int:user_id>/", views.transcript_for, name="transcript_for"),
    path("transcript/lookup/", views.transcript_lookup, name="transcript_lookup"),
    path("site-cohorts/request/", trainer_views.request_site_cohort, name="request_site_cohort"),
    path("site-cohorts/", trainer_views.site_requests, name="site_requests"),
    path("site-cohorts/<int:pk>/decide/", trainer_views.decide_site_request, name="decide_site_request"),
    path("site-cohorts/<int:cohort_id>/invite/", trainer_views.invite, name="invite"),
    path("cohorts/progress/", trainer_views.cohort_progress, name="cohort_progress"),
    path("<str:code>/download/", views.download, name="download"),
]
