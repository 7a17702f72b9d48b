from django.urls import path

from .plans import views as plan_views
from .target_sets import exports, views

app_name = "toolkit"
urlpatterns = [
    path("", views.index, name="index"),
    path("targets/new/", views.target_set_new, name="target_set_new"),
    path("targets/<int:pk>/", views.target_set_page, name="target_set"),
    path("targets/<int:pk>/standard/<int:group_id>/", views.standard_page, name="standard"),
    path("targets/<int:pk>/target/<int:target_id>/", views.target_page, name="target"),
    path("targets/<int:pk>/change/<slug:action>/", views.target_set_change, name="target_set_change"),
    path("targets/<int:pk>/delete/", views.target_set_delete, name="target_set_delete"),
    path("targets/<int:pk>/submit/", views.submit_target_set, name="submit"),
    path("copies/<slug:kind>/<int:copy_id>/comment/", views.comment_on_item, name="comment"),
    path("targets/<int:pk>/canvas-outcomes.csv", exports.canvas_outcomes, name="canvas_outcomes"),
    path("targets/<int:pk>/rubric.csv", exports.rubric_csv, name="rubric_csv"),
    path("targets/<int:pk>/targets.pdf", exports.targets_pdf, name="targets_pdf"),
    path("plans/new/", plan_views.plan_new, name="plan_new"),
    path("plans/<int:pk>/", plan_views.plan_page, name="plan"),
    path("plans/<int:pk>/change/<slug:action>/", plan_views.plan_change, name="plan_change"),
    path("plans/<int:pk>/delete/", plan_views.plan_delete, name="plan_delete"),
    path("plans/<int:pk>/preview/", plan_views.plan_preview, name="plan_preview"),
    path("plans/<int:pk>/gradebook.xlsx", plan_views.plan_gradebook, name="plan_gradebook"),
    path("plans/<int:pk>/grading-policy.pdf", plan_views.plan_policy, name="plan_policy"),
    path("plans/<int:pk>/submit/", plan_views.plan_submit, name="plan_submit"),
]
