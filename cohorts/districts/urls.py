from django.urls import path

from . import views

app_name = "districts"

urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("coordinators/", views.coordinators, name="coordinators"),
    path("coordinators/<int:coordinator_id>/revoke/", views.revoke_coordinator, name="revoke_coordinator"),
    path("shared/<str:token>/", views.shared, name="shared"),
    path("<int:district_id>/", views.home, name="home"),
    path("<int:district_id>/reports/<slug:report>/", views.report, name="report"),
    path("<int:district_id>/people/<int:user_id>/", views.person, name="person"),
    path("<int:district_id>/tracks/", views.tracks, name="tracks"),
    path("<int:district_id>/tracks/<int:track_id>/", views.track, name="track"),
    path("<int:district_id>/share/", views.share_links, name="share_links"),
    path("<int:district_id>/share/<int:link_id>/revoke/", views.revoke_share_link, name="revoke_share_link"),
]
