"""Settings for the PD course platform: one module, read from the environment.

The defaults give the embedded set-up (SQLite, Celery tasks run eagerly, email to the
console, keys created on first use under ``var/``). Production sets DATABASE_URL,
CELERY_BROKER_URL, SECRET_KEY, ALLOWED_HOSTS, EMAIL_URL and DJANGO_HTTPS.
"""

import os
import secrets
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
env_file = BASE_DIR / ".env"
if env_file.exists():
    environ.Env.read_env(env_file)

# Where the embedded set-up keeps its database, uploads and generated keys (git-ignored).
VAR_DIR = Path(env("PD_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

# pytest sets PYTEST_VERSION for the whole session.
TESTING = "PYTEST_VERSION" in os.environ

DEBUG = env.bool("DJANGO_DEBUG", default=False)


def _embedded_secret_key():
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = env("SECRET_KEY", default=None) or _embedded_secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

SITE_NAME = env("SITE_NAME", default="Grading for Learning")
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "pd_platform",
    "pd_platform.accounts",
    "content",
    "modules",
    "cohorts.registration",
    "cohorts.coursework",
    "cohorts.workshops",
    "cohorts.hours",
    "cohorts.reminders",
    "cohorts.evaluations",
    "cohorts.community",
    "cohorts.toolkit",
    "cohorts.lti",
    "cohorts.districts",
    "cohorts.health",
    "cohorts.impact",
    "certificates",
    "lti_tool",  # django-lti: LMS registrations, deployments and the tool's keys (cohorts.lti uses them)
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.google",
    "allauth.socialaccount.providers.microsoft",
    "allauth.socialaccount.providers.saml",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "pd_platform.accounts.apps.UsersAdminConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "pd_platform.sites.SiteMiddleware",
    "modules.outline.ContentVersionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "pd_platform.accounts.middleware.StaffTwoFactorMiddleware",
    "pd_platform.accounts.middleware.UnconfiguredSignInMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "pd_platform.page_cache.PersonalPageCacheMiddleware",
    "pd_platform.drafts.ClearSentDrafts",
]

ROOT_URLCONF = "pd_platform.urls"
WSGI_APPLICATION = "pd_platform.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "pd_platform.context_processors.navigation_links",
                "cohorts.registration.context_processors.payment_mode",
                "pd_platform.page_cache.csrf_placeholder",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    # SQLite: wait for a writer instead of failing at once, and use WAL for concurrent readers.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Django's and allauth's, loading the person's roles with the person (one query less a page).
    "pd_platform.accounts.backends.ModelBackend",
    "pd_platform.accounts.backends.AllauthBackend",
    # Sessions signed in before name these: they stay signed in until they end.
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"  # pages restricted to signed-in people: the one login
LOGIN_REDIRECT_URL = "dashboard"

# django-allauth: the email address is the login; verification is mandatory in production.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "pd_platform.accounts.forms.ProfileSignupForm"
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="optional" if DEBUG else "mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if env.bool("DJANGO_HTTPS", default=False) else "http"
ACCOUNT_FORMS = {"login": "pd_platform.accounts.login_forms.DistrictAwareLoginForm"}
ACCOUNT_ADAPTER = "pd_platform.accounts.adapter.AccountAdapter"
# Adding, removing or changing an e-mail address (and connecting an outside account) asks for the
# password again (good for five minutes): a session someone else holds (a borrowed laptop, a
# launch) cannot add its own address and reset the password through it. Changing the password
# itself asks for the current one.
ACCOUNT_REAUTHENTICATION_REQUIRED = True

# Sign-in with a district's accounts (pd_platform/accounts/sso.py): off unless its variables are set.
from pd_platform.accounts.sso import districts_from, providers, saml_districts_from  # noqa: E402

SOCIALACCOUNT_PROVIDERS, SSO_ORIGINS = providers(env)
# Every district with its own sign-in (OpenID Connect or SAML): those with "required" take no password.
SSO_DISTRICTS = districts_from(env("SSO_DISTRICTS", default="")) + saml_districts_from(
    env("SSO_SAML_DISTRICTS", default="")
)
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True  # a verified address from the district signs its owner in
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True  # and links the district account to theirs
SOCIALACCOUNT_AUTO_SIGNUP = False  # a new person confirms their name (printed on certificates) and role first
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"  # the district vouched for the address; ours are still verified
SOCIALACCOUNT_ADAPTER = "pd_platform.accounts.sso_adapter.DistrictAccountAdapter"
SOCIALACCOUNT_STORE_TOKENS = False

# Two-factor authentication (TOTP and recovery codes) for everyone who wants it; with
# STAFF_MFA_REQUIRED, facilitators and admins must set it up before anything else.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
STAFF_MFA_REQUIRED = env.bool("STAFF_MFA_REQUIRED", default=False)

LANGUAGE_CODE = "en-us"
TIME_ZONE = env("TIME_ZONE", default="America/Los_Angeles")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = DEBUG or TESTING
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / ("test-media" if TESTING else "media"))))
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Participants' uploads: never under MEDIA_URL, served by a view that checks who asks.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": "/private-files-are-not-served/"},
    },
    "staticfiles": {
        # Hashed, compressed files in production; plain files where nothing was collected.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Files on S3-compatible storage (AWS S3, MinIO, ...) when S3_BUCKET is set, so that any number of app
# servers and workers share them: media under media/, private files under private/. Nothing is public:
# private files are served by the app after its permission check; media by links signed for five minutes.
S3_BUCKET = env("S3_BUCKET", default="")
if S3_BUCKET:
    _s3 = {
        "bucket_name": S3_BUCKET,
        "endpoint_url": env("S3_ENDPOINT_URL", default=None),
        "region_name": env("S3_REGION", default="us-east-1"),
        "access_key": env("S3_ACCESS_KEY_ID", default=None),
        "secret_key": env("S3_SECRET_ACCESS_KEY", default=None),
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": 300,
        "file_overwrite": False,
    }
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**_s3, "location": "media"}}
    STORAGES["private"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**_s3, "location": "private"}}

# Email: the console in the embedded set-up; production sets EMAIL_URL (smtp+tls://user:pass@host:587).
vars().update(env.email("EMAIL_URL", default="consolemail://"))
if EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend":  # noqa: F821 (set by the line above)
    EMAIL_BACKEND = "pd_platform.mail.ConsoleBackend"  # attachments as a line, not base64
# For EMAIL_URL=filemail:// (each message a file, e.g. for browser tests).
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Grading for Learning <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: with no broker configured, tasks run eagerly in the calling process.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
# A task whose worker died is handed out again after this many seconds (Redis broker).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    # A request that enqueues a task must not hang on an unreachable broker. (No read
    # timeout: the worker's broadcast channel waits on its socket for as long as it takes.)
    "socket_connect_timeout": 2,
}
# Tasks are queued in the database first (pd_platform/outbox.py); a web request tries the
# broker briefly and leaves the rest to the sweeper.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
OUTBOX_SWEEP_SECONDS = env.float("OUTBOX_SWEEP_SECONDS", default=15)
OUTBOX_GRACE_SECONDS = env.float("OUTBOX_GRACE_SECONDS", default=10)
OUTBOX_BATCH = 500
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TIMEZONE = TIME_ZONE

# The cache holds the sign-in rate limits: the production profile sets CACHE_URL to Redis
# (e.g. redis://127.0.0.1:6379/1) so they hold across processes; the embedded default keeps
# it in the process. A Redis cache that cannot be reached misses rather than failing a page.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "pd_platform.cache.ResilientRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update({"socket_connect_timeout": 1, "socket_timeout": 1})
SHARED_CACHE_BACKENDS = (
    "pd_platform.cache.ResilientRedisCache",
    "django.core.cache.backends.db.DatabaseCache",
    "django.core.cache.backends.memcached.PyMemcacheCache",
)
if CACHES["default"]["BACKEND"] in SHARED_CACHE_BACKENDS:
    # A shared cache holds the sessions in front of the database: a page reads its session from
    # the cache and writes through to both. Unreachable, the database answers (slower).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# An LTI sign-in (cohorts.lti) spans requests that any process may answer: its state, nonces and launches
# go to the shared cache, or to files under var/ when the default cache is each process's own.
CACHES["lti"] = (
    {**CACHES["default"], "KEY_PREFIX": "lti"}
    if CACHES["default"]["BACKEND"] in SHARED_CACHE_BACKENDS
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        # Under test, each pytest-xdist worker its own folder: a test empties its caches as it starts.
        "LOCATION": str(
            VAR_DIR / "lti-cache" / (f"test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}" if TESTING else "")
        ),
    }
)
# Each person's pages kept whole (pd_platform.page_cache): only with a cache every process
# shares, or one process would miss another's changes. PAGE_CACHE_SECONDS bounds how long.
PAGE_CACHE = env.bool("PAGE_CACHE", default=CACHES["default"]["BACKEND"] in SHARED_CACHE_BACKENDS)
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=120)

# Security. DJANGO_HTTPS=1 behind TLS turns on secure cookies, HSTS and the HTTPS redirect.
HTTPS = env.bool("DJANGO_HTTPS", default=False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
# The reverse proxies in front of gunicorn (pd_platform/client_address.py): how many append to
# X-Forwarded-For, or the header one of them sets to the client's address. Every per-client
# counter (sign-in throttles, certificate lookups, the APIs) keys on the address they give.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=None)
TRUSTED_CLIENT_IP_HEADER = env("TRUSTED_CLIENT_IP_HEADER", default="")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: nothing from other origins, no inline script or style on the
# site. The Wagtail admin (its own inline scripts) keeps Django's other protections.
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF, *SSO_ORIGINS],  # sign-in buttons post here, then go on to the district
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
SESSION_COOKIE_HTTPONLY = True

# Wagtail
WAGTAIL_SITE_NAME = SITE_NAME
# No request leaves the site: the admin's avatars would come from gravatar.com.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Handouts and templates, and the course videos with their WebVTT captions.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "pdf", "pptx", "xlsx", "mp4", "webm", "vtt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 200 * 1024 * 1024
# The admin signs in through the site's login (allauth): one path with its protections.
WAGTAILADMIN_LOGIN_URL = "admin_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False  # people reset passwords through the site (allauth)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# Submissions: attachment size limit and the types accepted (checked from the content).
SUBMISSION_MAX_UPLOAD_BYTES = env.int("SUBMISSION_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
SUBMISSION_MAX_ATTACHMENTS = 5
# The longest text a participant may submit or post (characters): bounds every page that
# shows or compares it. Longer work goes in an attachment.
SUBMISSION_MAX_CHARACTERS = env.int("SUBMISSION_MAX_CHARACTERS", default=20_000)
DISCUSSION_POST_MAX_CHARACTERS = env.int("DISCUSSION_POST_MAX_CHARACTERS", default=5_000)
# A participant may edit their own discussion post for this long.
DISCUSSION_EDIT_MINUTES = env.int("DISCUSSION_EDIT_MINUTES", default=30)

# Business days for cohort deadlines skip weekends, these public holidays and the
# closed days the program office adds in the admin.
HOLIDAYS_COUNTRY = env("HOLIDAYS_COUNTRY", default="US")
HOLIDAYS_SUBDIVISION = env("HOLIDAYS_SUBDIVISION", default="CA")

# Online payments: the name of a card processor's adapter (cohorts/registration/payments.py), or empty
# for none: then people pay by purchase order only. "test" simulates a checkout page and
# charges nothing: it runs only with debugging on (make run, the tests) or where a staging
# site says PAYMENT_ALLOW_TEST_PROVIDER=1, and then every page and receipt says so.
PAYMENT_PROVIDER = env("PAYMENT_PROVIDER", default="test" if DEBUG or TESTING else "")
PAYMENT_ALLOW_TEST_PROVIDER = env.bool("PAYMENT_ALLOW_TEST_PROVIDER", default=TESTING)
# Stripe Checkout (PAYMENT_PROVIDER=stripe): the secret key and the webhook endpoint's signing secret, from
# the Stripe dashboard; STRIPE_API_BASE points at Stripe (or, in tests, at a local stand-in).
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env("STRIPE_API_BASE", default="https://api.stripe.com")

# Exports built in the background (pd_platform/exports.py): how long a finished file is kept.
EXPORT_KEEP_DAYS = env.int("EXPORT_KEEP_DAYS", default=7)
# A job under way longer than this is given up (its task was lost), so asking again starts a new one.
EXPORT_GIVE_UP_HOURS = 6

CELERY_BEAT_SCHEDULE = {
    "delete-expired-exports": {
        "task": "pd_platform.delete_expired_exports",
        "schedule": 60 * 60,
    },
    "dispatch-queued-tasks": {
        "task": "pd_platform.dispatch_queued_tasks",
        "schedule": OUTBOX_SWEEP_SECONDS,
    },
    "release-course-access": {
        "task": "registration.release_course_access",
        "schedule": 15 * 60,
    },
    "lapse-overdue-approvals": {
        "task": "registration.lapse_overdue_approvals",
        "schedule": 15 * 60,
    },
    "send-reminders": {
        "task": "reminders.send_reminders",
        "schedule": env.int("REMINDERS_EVERY_SECONDS", default=15 * 60),
    },
}

# Reminders go out between these hours in the recipient's time zone (the cohort's), never at night.
REMINDERS_DAY_STARTS_HOUR = env.int("REMINDERS_DAY_STARTS_HOUR", default=8)
REMINDERS_DAY_ENDS_HOUR = env.int("REMINDERS_DAY_ENDS_HOUR", default=20)

# Certificates: who signs them and with what key (see certificates/signing.py, README).
CERTIFICATE_ISSUER = env("CERTIFICATE_ISSUER", default="College Bridge")
CERTIFICATE_SIGNATORY_NAME = env("CERTIFICATE_SIGNATORY_NAME", default="Program Director")
CERTIFICATE_SIGNATORY_TITLE = env("CERTIFICATE_SIGNATORY_TITLE", default="Chief Academic Officer")
CERTIFICATE_SIGNING_PKCS12 = env("CERTIFICATE_SIGNING_PKCS12", default="")
CERTIFICATE_SIGNING_KEY = env("CERTIFICATE_SIGNING_KEY", default="")
CERTIFICATE_SIGNING_CERT = env("CERTIFICATE_SIGNING_CERT", default="")
CERTIFICATE_SIGNING_PASSPHRASE = env("CERTIFICATE_SIGNING_PASSPHRASE", default="")
# A timestamp authority (RFC 3161) makes the signatures PAdES B-LT: timestamped, with the certificates and
# revocation data needed to check them later embedded in the PDF. Without one they are PAdES B-B.
SIGNING_TSA_URL = env("SIGNING_TSA_URL", default="")
# PEM file of the root certificates of the TSA's chain (and of the signing key's, when a CA issued it): the
# roots signing trusts when it checks both chains and gathers their revocation data.
SIGNING_TRUST_ROOTS = env("SIGNING_TRUST_ROOTS", default="")
# Open Badges 3.0 credentials: their own key (ES256; see certificates/credential_keys.py, README),
# and retired public keys that stay published after a rotation.
CREDENTIAL_SIGNING_KEY = env("CREDENTIAL_SIGNING_KEY", default="")
CREDENTIAL_SIGNING_PASSPHRASE = env("CREDENTIAL_SIGNING_PASSPHRASE", default="")
CREDENTIAL_RETIRED_KEYS = env("CREDENTIAL_RETIRED_KEYS", default="")
# Verification API requests allowed per client per minute.
CERTIFICATE_API_PER_MINUTE = env.int("CERTIFICATE_API_PER_MINUTE", default=60)
# Toolkit API requests allowed per minute to each API key (and signed-in person; calls without a valid key: per
# client address).
TOOLKIT_API_PER_MINUTE = env.int("TOOLKIT_API_PER_MINUTE", default=120)
# Verification-page lookups of unknown codes allowed per client per 10 minutes.
CERTIFICATE_VERIFY_GUESSES = env.int("CERTIFICATE_VERIFY_GUESSES", default=20)
# Pay per hour beyond contracted hours, for districts without a rate of their own.
TRAINING_RATE_DEFAULT = env("TRAINING_RATE_DEFAULT", default="50.00")
# The impact report shows no figure with fewer people behind it than this.
IMPACT_MINIMUM_GROUP_SIZE = env.int("IMPACT_MINIMUM_GROUP_SIZE", default=5)
