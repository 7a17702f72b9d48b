from django.urls import path

from . import views as credential_views

app_name = "credentials"

urlpatterns = [
    path("issuer", credential_views.issuer, name="issuer"),
    path("keys/<str:kid>", credential_views.key, name="key"),
    path("achievements/<int:program_id>", credential_views.achievement, name="achievement"),
    path("status/<int:number>", credential_views.status_list_view, name="status_list"),
    path("<str:code>", credential_views.credential, name="credential"),
]
