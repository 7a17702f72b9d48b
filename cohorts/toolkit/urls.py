from django.urls import path

from . import exports, views

app_name = "toolkit"
urlpatterns = [
    path("", views.index, name="index"),
    path("targets/new/", views.target_set_new, name="target_set_new"),
    path("targets/<int:pk>/", views.target_set_page, name="target_set"),
    path("targets/<int:pk>/change/<slug:action>/", views.target_set_change, name="target_set_change"),
    path("targets/<int:pk>/delete/", views.target_set_delete, name="target_set_delete"),
    path("targets/<int:pk>/submit/", views.submit_target_set, name="submit"),
    path("attached/<int:attached_id>/comment/", views.comment_on_target, name="comment"),
    path("targets/<int:pk>/canvas-outcomes.csv", exports.canvas_outcomes, name="canvas_outcomes"),
    path("targets/<int:pk>/rubric.csv", exports.rubric_csv, name="rubric_csv"),
    path("targets/<int:pk>/targets.pdf", exports.targets_pdf, name="targets_pdf"),
]
