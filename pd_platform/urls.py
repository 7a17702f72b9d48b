from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import draft_views, export_views
from .accounts import views as account_views

urlpatterns = [
    # One login for everyone: the Wagtail admin's own login form is replaced by a redirect.
    path("admin/login/", account_views.admin_login, name="admin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Course videos and captions, played in the page (byte ranges for seeking).
    path("course-media/", include("modules.urls")),
    path("accounts/profile/", account_views.profile, name="account_profile"),
    path("accounts/api-keys/", account_views.create_api_key, name="account_api_key_create"),
    path("accounts/personal-data.zip", account_views.personal_data_zip, name="account_personal_data"),
    path("accounts/api-keys/<int:token_id>/revoke/", account_views.revoke_api_key, name="account_api_key_revoke"),
    path("accounts/2fa/totp/activate/", account_views.ActivateTwoFactorView.as_view(), name="mfa_activate_totp"),
    path("accounts/", include("allauth.urls")),
    path("dashboard/", account_views.dashboard, name="dashboard"),
    # Files built in the background (pd_platform/exports.py): progress, then the file, for their owner.
    path("exports/<int:job_id>/", export_views.export_job, name="export_job"),
    path("exports/<int:job_id>/file/", export_views.export_file, name="export_file"),
    # What a person types into a long field, kept until the form is sent (pd_platform/drafts.py).
    path("drafts/", draft_views.save_form_draft, name="save_form_draft"),
    # Each app routes its own pages (included by name: the project imports no domain app).
    path("api/cohorts/", include("cohorts.registration.api_urls")),
    path("api/toolkit/", include("cohorts.toolkit.api_urls")),
    path("api/certificates/", include("certificates.api_urls")),
    path(".well-known/jwks.json", include("certificates.credentials.jwks_urls")),
    path("credentials/", include("certificates.credentials.urls")),
    path("cohorts/", include("cohorts.registration.urls")),
    path("payments/", include("cohorts.registration.payment_urls")),
    path("cohorts/", include("cohorts.coursework.urls")),
    path("cohorts/", include("cohorts.workshops.urls")),
    path("cohorts/", include("cohorts.evaluations.urls")),
    path("cohorts/", include("cohorts.health.urls")),
    path("reports/", include("cohorts.hours.urls")),
    path("reminders/", include("cohorts.reminders.urls")),
    path("community/", include("cohorts.community.urls")),
    path("toolkit/", include("cohorts.toolkit.urls")),
    path("lti/", include("cohorts.lti.urls")),
    path("districts/", include("cohorts.districts.urls")),
    path("impact/", include("cohorts.impact.urls")),
    # Where the training-hour report was before it had a room of its own: bookmarks still work.
    path(
        "certificates/reports/hours/",
        RedirectView.as_view(pattern_name="hours:report", query_string=True, permanent=True),
    ),
    path("certificates/", include("certificates.urls")),
]

# The course's images on the machine's disk (on S3 their links point at the bucket); other files under
# MEDIA_URL are served by their own views, debugging or not.
urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/", include("modules.image_urls"))]

# Wagtail serves the course pages; it must come last. Its front-end login form is replaced, as the
# admin's is, by a redirect to the site's login.
urlpatterns += [
    path("_util/login/", account_views.front_end_login, name="wagtailcore_login"),
    path("", include(wagtail_urls)),
]

handler500 = "pd_platform.errors.server_error"
