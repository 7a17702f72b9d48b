from django.urls import path

from . import views

app_name = "cohorts"

urlpatterns = [
    path("register/<int:program_id>/", views.register, name="register"),
    path("join/<str:invitation>/", views.join, name="join"),
    path("approvals/<str:token>/", views.approval, name="approval"),
    path("my-courses/", views.my_courses, name="my_courses"),
    path("enrollments/<int:enrollment_id>/cancel/", views.cancel, name="cancel"),
    path("enrollments/<int:enrollment_id>/pay/", views.pay, name="pay"),
    path("enrollments/<int:enrollment_id>/invoice.pdf", views.invoice, name="invoice"),
    path("enrollments/<int:enrollment_id>/receipt.pdf", views.receipt, name="receipt"),
    path("checkout/test/<str:reference>/", views.test_checkout, name="test_checkout"),
]
