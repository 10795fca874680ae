"""The one place where medvirk reads its environment.

Every setting that can change between installations is read here, once, when the settings
module is loaded. Nothing else in the code base reads ``os.environ`` for configuration.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

# ``MEDVIRK_ENV``: ``local`` (the default: a laptop, ``make run``, the tests) needs no
# environment at all; ``production`` requires a secret key, a shared cache and the
# allowed host names, and turns HTTPS on.
LOCAL = "local"
PRODUCTION = "production"
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE_BACKEND = "django.core.mail.backends.console.EmailBackend"
ONE_YEAR = 365 * 24 * 60 * 60


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def _count(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        count = int(value)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, got {value!r}") from None
    if count < 0:
        raise ValueError(f"{name} cannot be negative, got {count}")
    return count


def _choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = os.environ.get(name, "").strip().lower() or default
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}; got {value!r}.")
    return value


def _seconds(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        seconds = float(value)
    except ValueError:
        raise ValueError(f"{name} must be a number of seconds, got {value!r}") from None
    if seconds <= 0:
        raise ValueError(f"{name} must be more than zero, got {value!r}")
    return seconds


def _redis_url() -> str | None:
    """``REDIS_URL``; under pytest-xdist each test worker gets a database of its own, so
    one worker clearing its cache cannot disturb another."""
    url = os.environ.get("REDIS_URL") or None
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if url is None or not worker.startswith("gw"):
        return url
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{base + 1 + int(worker[2:])}"))


def _secret_key(var_dir: Path, *, production: bool) -> str:
    """``SECRET_KEY`` from the environment, else (not in production) a local key
    generated into ``var/``."""
    configured = os.environ.get("SECRET_KEY")
    if configured:
        return configured
    if production:
        raise ImproperlyConfigured(
            "MEDVIRK_ENV=production needs SECRET_KEY: set it to a long random value, for "
            "example the output of: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    key_file = var_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


#: ID-porten's levels of assurance, lowest first (``acr_values`` and the ``acr`` claim).
OIDC_LEVELS = ("idporten-loa-substantial", "idporten-loa-high")
#: Population registers medvirk can ask where a person lives: ``none`` (nobody's residence
#: is known; verification in person still works) or ``fake`` (a register kept in memory,
#: for tests and the demo; refused in production). The real Folkeregister needs an
#: agreement with Skatteetaten and is not implemented.
POPULATION_REGISTERS = ("none", "fake")


@dataclass(frozen=True)
class OidcConfig:
    """An OpenID Connect provider such as ID-porten (switched off unless configured).

    ``acr_values`` is the installation's lowest accepted level of assurance
    (``OIDC_ACR_VALUES``); a municipality may require a higher one. ``population_register``
    names the register that tells where a person with a national identity number lives
    (``POPULATION_REGISTER``). ``identity_hash_key`` (``IDENTITY_HASH_KEY``, else derived
    from ``SECRET_KEY``) keys the hash under which national identity numbers are kept; set
    it on its own so that changing ``SECRET_KEY`` does not orphan verified residents.
    """

    enabled: bool
    issuer: str
    client_id: str
    client_secret: str = field(repr=False)
    scopes: str
    label: str
    timeout_seconds: float = 10.0
    acr_values: str = OIDC_LEVELS[0]
    population_register: str = "none"
    identity_hash_key: str = field(default="", repr=False)


def _oidc(*, production: bool) -> OidcConfig:
    """``OIDC_ENABLED`` with ``OIDC_ISSUER``, ``OIDC_CLIENT_ID``, ``OIDC_CLIENT_SECRET``,
    ``OIDC_SCOPES``, ``OIDC_LABEL``, ``OIDC_ACR_VALUES`` and ``POPULATION_REGISTER``."""
    issuer = os.environ.get("OIDC_ISSUER", "")
    register = _choice(
        "POPULATION_REGISTER", "none" if production else "fake", POPULATION_REGISTERS
    )
    if production and register == "fake":
        raise ImproperlyConfigured(
            "POPULATION_REGISTER=fake is for tests and the demo; a production installation "
            "uses none until it has an agreement for the Folkeregister."
        )
    return OidcConfig(
        enabled=_bool("OIDC_ENABLED", False) and bool(issuer),
        issuer=issuer.rstrip("/"),
        client_id=os.environ.get("OIDC_CLIENT_ID", ""),
        client_secret=os.environ.get("OIDC_CLIENT_SECRET", ""),
        scopes=os.environ.get("OIDC_SCOPES", "openid profile"),
        label=os.environ.get("OIDC_LABEL", "ID-porten"),
        acr_values=_choice("OIDC_ACR_VALUES", OIDC_LEVELS[0], OIDC_LEVELS),
        population_register=register,
        identity_hash_key=os.environ.get("IDENTITY_HASH_KEY", ""),
    )


@dataclass(frozen=True)
class HttpsConfig:
    """How the site is reached over HTTPS (all off for a local installation)."""

    enabled: bool
    behind_tls_proxy: bool
    ssl_redirect: bool
    hsts_seconds: int
    hsts_include_subdomains: bool
    hsts_preload: bool


@dataclass(frozen=True)
class EmailConfig:
    """Outgoing e-mail: the backend and, for SMTP, the options of Django's ``MAILERS``."""

    backend: str
    default_from_email: str
    server_email: str
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StorageConfig:
    """Where uploaded files are kept (``STORAGE_BACKEND``): ``local``, a folder below
    ``var/``, or ``s3``, an S3-compatible object store that several app servers share.
    The files stay private in the store: the app serves them after its access checks."""

    backend: str = "local"
    bucket_name: str = ""
    endpoint_url: str = ""
    region_name: str = ""
    access_key: str = ""
    secret_key: str = ""

    def django_storage(self) -> dict[str, Any]:
        """The entry for ``STORAGES["default"]``."""
        if self.backend != "s3":
            return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
        options: dict[str, Any] = {
            "bucket_name": self.bucket_name,
            "default_acl": None,  # the bucket's default: private
            "querystring_auth": True,
            "file_overwrite": False,
        }
        for name in ("endpoint_url", "region_name", "access_key", "secret_key"):
            if getattr(self, name):
                options[name] = getattr(self, name)
        return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


def _storage() -> StorageConfig:
    """``STORAGE_BACKEND=local`` (the default) or ``s3`` with ``AWS_STORAGE_BUCKET_NAME``
    and, where the store needs them, ``AWS_S3_ENDPOINT_URL``, ``AWS_S3_REGION_NAME``,
    ``AWS_ACCESS_KEY_ID`` and ``AWS_SECRET_ACCESS_KEY`` (else boto3 finds credentials
    itself, for example from the machine's role)."""
    backend = os.environ.get("STORAGE_BACKEND", "").strip().lower() or "local"
    if backend not in {"local", "s3"}:
        raise ImproperlyConfigured(f"STORAGE_BACKEND must be local or s3; got {backend!r}.")
    config = StorageConfig(
        backend=backend,
        bucket_name=os.environ.get("AWS_STORAGE_BUCKET_NAME", "").strip(),
        endpoint_url=os.environ.get("AWS_S3_ENDPOINT_URL", "").strip(),
        region_name=os.environ.get("AWS_S3_REGION_NAME", "").strip(),
        access_key=os.environ.get("AWS_ACCESS_KEY_ID", "").strip(),
        secret_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "").strip(),
    )
    if backend == "s3" and not config.bucket_name:
        raise ImproperlyConfigured("STORAGE_BACKEND=s3 needs AWS_STORAGE_BUCKET_NAME.")
    return config


@dataclass(frozen=True)
class Environment:
    debug: bool
    secret_key: str
    var_dir: Path
    production: bool
    https: HttpsConfig
    email: EmailConfig
    database_url: str | None
    redis_url: str | None
    allowed_hosts: list[str]
    csrf_trusted_origins: list[str]
    oidc: OidcConfig
    log_level: str
    log_format: str
    trusted_proxies: int = 0
    tasks_backend: str = "django_tasks_db.DatabaseBackend"
    storage: StorageConfig = field(default_factory=StorageConfig)
    extra: dict[str, str] = field(default_factory=dict)


def _https(*, production: bool, debug: bool) -> HttpsConfig:
    """``USE_HTTPS`` (on in production) makes cookies secure and sends HSTS;
    ``BEHIND_TLS_PROXY`` trusts the proxy's ``X-Forwarded-Proto`` header; the redirect
    to HTTPS is the app's job unless a proxy in front does it."""
    enabled = _bool("USE_HTTPS", production)
    behind_tls_proxy = _bool("BEHIND_TLS_PROXY", False)
    return HttpsConfig(
        enabled=enabled,
        behind_tls_proxy=behind_tls_proxy,
        ssl_redirect=_bool("SECURE_SSL_REDIRECT", enabled and not behind_tls_proxy),
        hsts_seconds=_count("SECURE_HSTS_SECONDS", ONE_YEAR if enabled and not debug else 0),
        hsts_include_subdomains=_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True),
        hsts_preload=_bool("SECURE_HSTS_PRELOAD", False),
    )


def _email() -> EmailConfig:
    """The console backend unless configured; SMTP as soon as ``EMAIL_HOST`` is set."""
    host = os.environ.get("EMAIL_HOST", "").strip()
    backend = os.environ.get("EMAIL_BACKEND", "").strip() or (
        SMTP_BACKEND if host else CONSOLE_BACKEND
    )
    default_from_email = os.environ.get("DEFAULT_FROM_EMAIL", "medvirk@localhost")
    server_email = os.environ.get("SERVER_EMAIL", "") or default_from_email
    if backend != SMTP_BACKEND and not host:
        return EmailConfig(backend, default_from_email, server_email)
    use_tls = _bool("EMAIL_USE_TLS", False)
    use_ssl = _bool("EMAIL_USE_SSL", False)
    if use_tls and use_ssl:
        raise ImproperlyConfigured(
            "EMAIL_USE_TLS (STARTTLS, usually port 587) and EMAIL_USE_SSL (implicit TLS, "
            "usually port 465) cannot both be on: choose the one your SMTP server uses."
        )
    options: dict[str, Any] = {
        "host": host or "localhost",
        "use_tls": use_tls,
        "use_ssl": use_ssl,
        "timeout": _seconds("EMAIL_TIMEOUT", 10.0),
    }
    port = _count("EMAIL_PORT", 0)
    if port:
        options["port"] = port  # else 465 with SSL, 587 with TLS, 25 without
    username = os.environ.get("EMAIL_HOST_USER", "")
    if username:
        options["username"] = username
        options["password"] = os.environ.get("EMAIL_HOST_PASSWORD", "")
    return EmailConfig(backend, default_from_email, server_email, options)


def read_environment() -> Environment:
    var_dir = Path(os.environ.get("MEDVIRK_VAR_DIR", str(BASE_DIR / "var")))
    production = _choice("MEDVIRK_ENV", LOCAL, (LOCAL, PRODUCTION)) == PRODUCTION
    debug = _bool("DEBUG", False)
    redis_url = _redis_url()
    if production:
        _require_production(debug=debug, redis_url=redis_url)
    return Environment(
        debug=debug,
        secret_key=_secret_key(var_dir, production=production),
        var_dir=var_dir,
        production=production,
        https=_https(production=production, debug=debug),
        email=_email(),
        database_url=os.environ.get("DATABASE_URL") or None,
        redis_url=redis_url,
        allowed_hosts=_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"]),
        csrf_trusted_origins=_list("CSRF_TRUSTED_ORIGINS", []),
        oidc=_oidc(production=production),
        log_level=os.environ.get("LOG_LEVEL", "INFO"),
        log_format=_choice("LOG_FORMAT", "plain", ("plain", "json")),
        trusted_proxies=_count("TRUSTED_PROXIES", 0),
        storage=_storage(),
        tasks_backend=os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    )


def _require_production(*, debug: bool, redis_url: str | None) -> None:
    """What ``MEDVIRK_ENV=production`` cannot start without (the secret key is checked
    where it is read)."""
    if debug:
        raise ImproperlyConfigured(
            "MEDVIRK_ENV=production cannot run with DEBUG on: unset DEBUG or set it to false."
        )
    if not redis_url:
        raise ImproperlyConfigured(
            "MEDVIRK_ENV=production needs a shared cache: set REDIS_URL (for example "
            "redis://127.0.0.1:6379/0). The in-memory cache is per process, so rate limits "
            "and cached pages would differ between workers."
        )
    if not os.environ.get("ALLOWED_HOSTS", "").strip():
        raise ImproperlyConfigured(
            "MEDVIRK_ENV=production needs ALLOWED_HOSTS: the comma-separated host names the "
            "site answers to, for example medvirk.kommune.no."
        )
