"""Settings for Regioportaal, read from the environment (one module for every environment).

Embedded default (nothing set): DEBUG on, SQLite under var/, Celery eager, local-memory cache, mail to the console.
Production: DEBUG=0 with SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL and the EMAIL_* variables.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off Regioportaal refuses to start without a secret key: "
            "set the SECRET_KEY environment variable to a long random string."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "guardian",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_htmx",
    "csp",
    "template_partials",
    "regioportaal",
    "besturen",
    "opgaven",
    "programmas",
    "vergaderingen",
    "notities",
    "raad",
    "openbaar",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "regioportaal.headers.PortalCSPMiddleware",
    "regioportaal.headers.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "openbaar.ld.middleware.LinkedDataMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "regioportaal.otp.OTPMiddleware",  # django-otp's, with a cheaper device load
    "regioportaal.headers.NoStoreForLoggedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "regioportaal.middleware.SessionSecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last: serves and stores anonymous public pages; every middleware above runs on a cached page too.
    "regioportaal.paginacache.PaginaCacheMiddleware",
]
# The page cache (regioportaal.paginacache, docs/performance.md "Paginacache"): PAGINACACHE=0 turns it off.
PAGINACACHE = env_bool("PAGINACACHE", True)

ROOT_URLCONF = "regioportaal.urls"
WSGI_APPLICATION = "regioportaal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "besturen.context_processors.mijn_regios",
            ],
        },
    },
]

VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'regioportaal.sqlite3'}",
        # Persistent connections in production (a minute, checked before reuse); none for the embedded SQLite.
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0" if DEBUG else "60")),
        conn_health_checks=True,
    )
}
# A PostgreSQL read replica (optional): safe requests read from it, all else uses `default` (regioportaal/dbrouter.py).
# Tests point both aliases at the one test database (MIRROR); migrations run on `default` only.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
        test_options={"MIRROR": "default"},
    )
    DATABASE_ROUTERS = ["regioportaal.dbrouter.ReplicaRouter"]
    MIDDLEWARE.insert(0, "regioportaal.dbrouter.ReplicaMiddleware")
# PostgreSQL plans a query once per connection and reuses the plan (psycopg's prepared statements, server-side
# binding): planning was up to 2 ms of a page's 1-2 ms queries (docs/performance.md, run 7). DB_PREPARED=0 turns it
# off, for a transaction-mode connection pooler that cannot keep prepared statements.
DB_PREPARED = env_bool("DB_PREPARED", True)
for _alias in DATABASES.values():
    if DB_PREPARED and _alias["ENGINE"] == "django.db.backends.postgresql":
        _alias.setdefault("OPTIONS", {}).update(
            server_side_binding=True, prepare_threshold=int(os.environ.get("DB_PREPARE_THRESHOLD", "2"))
        )
# PostgreSQL's planner prices a random page read at four sequential ones by default, a figure for spinning disks. The
# portal's tables are small enough to sit in memory (or on SSD), where 1.1 is the usual figure: with 4, the queries
# over one region's programme versions scanned every version of every region (docs/performance.md, run 9). Set per
# connection (a startup option); DB_RANDOM_PAGE_COST="" leaves the server's own figure, e.g. behind a pooler that
# refuses startup options.
DB_RANDOM_PAGE_COST = os.environ.get("DB_RANDOM_PAGE_COST", "1.1")
for _alias in DATABASES.values():
    if DB_RANDOM_PAGE_COST and _alias["ENGINE"] == "django.db.backends.postgresql":
        _alias.setdefault("OPTIONS", {})["options"] = f"-c random_page_cost={float(DB_RANDOM_PAGE_COST):g}"
# Seconds a client reads from the primary after it wrote (read-after-write across replication lag).
REPLICA_STICKY_SECONDS = int(os.environ.get("REPLICA_STICKY_SECONDS", "10"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "regioportaal.User"
AUTHENTICATION_BACKENDS = [
    "regioportaal.security.LoginThrottleBackend",  # django-axes: refuses a locked-out login before the password
    # ModelBackend with a cheaper read of the session's user on every request (regioportaal/authbackend.py); before
    # ModelBackend, which stays listed for the sessions it logged in (Django asks the backend a session names).
    "regioportaal.authbackend.GebruikerBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Django's MinimumLengthValidator with a Dutch message of our own (Django's catalogue lacks it).
    {"NAME": "regioportaal.security.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "besturen:home"
LOGOUT_REDIRECT_URL = "besturen:home"
# Public visitors are anonymous: what they see is decided by publication, not by guardian's anonymous user.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["regioportaal.formats"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded documents live outside the web root and are served only through views that check permissions.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))


def s3_storage(environ):
    """The upload storage on S3-compatible object storage (MinIO, AWS, ...) when S3_BUCKET is set, else None.

    The bucket stays private: objects are written with the private ACL and no URL to them is ever signed, so a file
    reaches a user only through the views that check permissions and stream it (FieldFile.open, never `.url`).
    """
    bucket = environ.get("S3_BUCKET", "")
    if not bucket:
        return None
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": environ.get("S3_ENDPOINT_URL") or None,  # empty: AWS itself
            "region_name": environ.get("S3_REGION") or None,
            # Keys unset: boto3 finds its own (an instance role, AWS_* variables).
            "access_key": environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": environ.get("S3_SECRET_ACCESS_KEY") or None,
            "location": environ.get("S3_PREFIX", ""),
            # MinIO and most self-hosted stores want path-style URLs (http://minio:9000/bucket/key).
            "addressing_style": environ.get("S3_ADDRESSING_STYLE", "path"),
            "signature_version": "s3v4",
            "default_acl": "private",
            "querystring_auth": False,  # `.url` would give an unsigned URL the private bucket refuses
            "file_overwrite": False,  # like the file system: a second file with a taken name gets a new one
            # A file read for a download is fetched into a temporary file: in memory up to this size, on disk beyond
            # (0, the default, would hold every 10 MB document in memory while it streams).
            "max_memory_size": 1024 * 1024,
        },
    }


STORAGES["default"] = s3_storage(os.environ) or STORAGES["default"]
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# A file's bytes beyond this are dropped as they arrive (regioportaal.uploads.LimitedUploadHandler); the forms then
# refuse it next to its field. Documents may be 10 MB (regioportaal.uploads.MAX_BYTES), imports IMPORT_MAX_BYTES.
FILE_UPLOAD_HANDLERS = [
    "regioportaal.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Form fields (files aside) may total 1 MB: the longest text (regioportaal.limieten.NOTULEN_MAX) fits in it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", 5 * 1024 * 1024))
UPLOAD_MAX_BYTES = max(10 * 1024 * 1024, IMPORT_MAX_BYTES)
# Seconds after a review packet was asked for before anyone may have it made again (programmas.services.pakketten).
REVIEWPAKKET_REBUILD_INTERVAL = int(os.environ.get("REVIEWPAKKET_REBUILD_INTERVAL", "60"))

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# Publishing fails at once when the broker is down (no retry loop inside the web request): the job stays in the
# outbox (regioportaal.outbox) and the periodic dispatcher hands it over when the broker is back.
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 0}
CELERY_TASK_ACKS_LATE = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_IMPORTS = [  # tasks outside an app's tasks.py module
    "programmas.herinneringen",
    "regioportaal.tasks_auth",
    "regioportaal.privacy.tasks",
]
# Three queues, each with workers of its own (docker-compose.yml), so mail never waits behind a run of PDFs.
# The rule (tests/test_schaal.py holds every task to it): a task that mails is named send_* or stuur_* and goes to
# `mail`; a task that renders a PDF is named make_* and goes to `pdf`; every other task goes to `default`.
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    **{
        task: {"queue": "mail"}
        for task in [
            "besturen.tasks.send_uitnodiging",
            "programmas.herinneringen.stuur_pc_herinneringen",
            "programmas.tasks.send_reminders",
            "raad.tasks.send_informatieprotocol",
            "regioportaal.tasks.send_digests",
            "regioportaal.tasks.send_melding",
            "regioportaal.tasks_auth.send_password_reset",
            "vergaderingen.tasks.send_bevestiging",
            "vergaderingen.tasks.send_opgeschoven",
        ]
    },
    **{
        task: {"queue": "pdf"}
        for task in [
            "programmas.tasks.make_reviewpakket",
            "vergaderingen.tasks.make_agenda_pdf",
        ]
    },
}
CELERY_BEAT_SCHEDULE = {
    "herinneringen-raadsbesluiten": {
        "task": "programmas.tasks.send_reminders",
        "schedule": crontab(hour=6, minute=30),
    },
    "herinneringen-pc-kalender": {
        "task": "programmas.herinneringen.stuur_pc_herinneringen",
        "schedule": crontab(hour=6, minute=35),
    },
    "outbox": {
        "task": "regioportaal.tasks.dispatch_outbox",
        "schedule": 60.0,
    },
    "meldingen-dagelijks": {
        "task": "regioportaal.tasks.send_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    "wezen-opruimen": {
        "task": "regioportaal.tasks.sweep_uploads",
        "schedule": crontab(minute=20),
    },
    "sync-rollen-dagelijks": {
        "task": "besturen.tasks.sync_rollen_dagelijks",
        "schedule": crontab(hour=0, minute=5),
    },
    "informatieprotocol": {
        "task": "raad.tasks.send_informatieprotocol",
        "schedule": crontab(hour=6, minute=45),
    },
    "zoeken-personen": {
        "task": "openbaar.tasks.reindex_personen",
        "schedule": crontab(hour=0, minute=10),
    },
    "bewaartermijnen": {
        "task": "regioportaal.privacy.tasks.purge_expired_data",
        "schedule": crontab(hour=3, minute=15),
    },
}
# Retention (AVG) in days; the nightly task regioportaal.privacy.tasks.purge_expired_data deletes what is older.
# meldingen: notifications, sent or not; uitnodigingen: finished invitation mail jobs in the outbox; outbox: other
# finished or given-up outbox jobs; beveiliging: failed-login rows (django-axes).
RETENTION_DAYS = {
    "meldingen": int(os.environ.get("RETENTION_MELDINGEN_DAYS", "365")),
    "uitnodigingen": int(os.environ.get("RETENTION_UITNODIGINGEN_DAYS", "30")),
    "outbox": int(os.environ.get("RETENTION_OUTBOX_DAYS", "90")),
    "beveiliging": int(os.environ.get("RETENTION_BEVEILIGING_DAYS", "90")),
}
RETENTION_INVITATION_TASKS = ["besturen.tasks.send_uitnodiging"]

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
# Seconds before a mail server that does not answer is given up (the task then retries with backoff).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Regioportaal <noreply@regioportaal.invalid>")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp 4, regioportaal.headers): no inline script or style, nothing from elsewhere.
# Exceptions, in regioportaal.headers only: the admin may use inline styles; PDF responses carry no policy.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Permissions-Policy: the portal uses none of these browser features, so no page (or frame) may.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ]
}
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Logins: throttling and lockout (django-axes), two-factor authentication (django-otp), sessions, the security log.
# See regioportaal/security.py, middleware.py and twofactor.py.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "10"))  # failed logins before the lockout
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
# The account, or the client address, that reaches the limit is locked.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "regioportaal.security.login_username"
AXES_CLIENT_IP_CALLABLE = "regioportaal.security.client_ip"
AXES_LOCKOUT_CALLABLE = "regioportaal.security.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # successful logins go to the security log, not to a table of their own
AXES_VERBOSE = False
# Proxies whose X-Forwarded-For names the client (the reverse proxy in docker-compose.yml); none by default.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
# Password-reset requests per address and per client address in one window (seconds).
PASSWORD_RESET_LIMIT_PER_ADDRESS = int(os.environ.get("PASSWORD_RESET_LIMIT_PER_ADDRESS", "3"))
PASSWORD_RESET_LIMIT_PER_IP = int(os.environ.get("PASSWORD_RESET_LIMIT_PER_IP", "10"))
PASSWORD_RESET_RATE_WINDOW = int(os.environ.get("PASSWORD_RESET_RATE_WINDOW", "3600"))
# Two-factor authentication is required of privileged users in production (DEBUG off); the embedded demo leaves it
# optional. PRIVILEGED_USER names the predicate (dotted path, called with the user).
REQUIRE_2FA = env_bool("REQUIRE_2FA", not DEBUG)
PRIVILEGED_USER = os.environ.get("PRIVILEGED_USER", "besturen.permissions.is_privileged")
OTP_TOTP_ISSUER = "Regioportaal"
# Sessions: logged out after this many seconds without a request (privileged users sooner), and after
# SESSION_COOKIE_AGE whatever happens.
SESSION_IDLE_TIMEOUT_PRIVILEGED = int(os.environ.get("SESSION_IDLE_TIMEOUT_PRIVILEGED", 30 * 60))
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_TIMEOUT", 8 * 3600))
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 12 * 3600))


def session_engine(cached_db, cache_backend):
    """Sessions live in the database, so any web process serves any request. SESSION_CACHED_DB=1 adds the shared
    Redis cache in front (a logged-in request then reads no session row); never a per-process cache, in which a
    logged-out session would live on in the other processes. Both are Django's stores with a cheaper read of the
    session row (`regioportaal.sessies`)."""
    if not cached_db:
        return "regioportaal.sessies.db"
    if not cache_backend.endswith(".RedisCache"):
        raise ImproperlyConfigured("SESSION_CACHED_DB needs a shared cache: set REDIS_URL as well.")
    return "regioportaal.sessies.cached_db"


SESSION_ENGINE = session_engine(env_bool("SESSION_CACHED_DB"), CACHES["default"]["BACKEND"])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Logins, failures, lockouts, reset requests, second-factor checks and logouts, with the client's address.
        "regioportaal.security": {"level": "INFO"},
        "axes": {"level": "WARNING"},
    },
}

PAGINATE_BY = 50

SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# One-time links (invitations and password resets) expire after three days.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT", 3 * 24 * 3600))
