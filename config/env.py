"""The one place where medvirk reads its environment.

Every setting that can change between installations is read here, once, when the settings
module is loaded. Nothing else in the code base reads ``os.environ`` for configuration.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent


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


def _secret_key(var_dir: Path) -> str:
    """``SECRET_KEY`` from the environment, else a local key generated into ``var/``."""
    configured = os.environ.get("SECRET_KEY")
    if configured:
        return configured
    key_file = var_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


@dataclass(frozen=True)
class OidcConfig:
    """An OpenID Connect provider such as ID-porten (switched off unless configured)."""

    enabled: bool
    issuer: str
    client_id: str
    client_secret: str
    scopes: str
    label: str
    timeout_seconds: float = 10.0


@dataclass(frozen=True)
class Environment:
    debug: bool
    secret_key: str
    var_dir: Path
    database_url: str | None
    redis_url: str | None
    allowed_hosts: list[str]
    csrf_trusted_origins: list[str]
    email_backend: str
    default_from_email: str
    oidc: OidcConfig
    log_level: str
    trusted_proxies: int = 0
    extra: dict[str, str] = field(default_factory=dict)


def read_environment() -> Environment:
    var_dir = Path(os.environ.get("MEDVIRK_VAR_DIR", str(BASE_DIR / "var")))
    oidc_issuer = os.environ.get("OIDC_ISSUER", "")
    return Environment(
        debug=_bool("DEBUG", False),
        secret_key=_secret_key(var_dir),
        var_dir=var_dir,
        database_url=os.environ.get("DATABASE_URL") or None,
        redis_url=_redis_url(),
        allowed_hosts=_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"]),
        csrf_trusted_origins=_list("CSRF_TRUSTED_ORIGINS", []),
        email_backend=os.environ.get(
            "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
        ),
        default_from_email=os.environ.get("DEFAULT_FROM_EMAIL", "medvirk@localhost"),
        oidc=OidcConfig(
            enabled=_bool("OIDC_ENABLED", False) and bool(oidc_issuer),
            issuer=oidc_issuer.rstrip("/"),
            client_id=os.environ.get("OIDC_CLIENT_ID", ""),
            client_secret=os.environ.get("OIDC_CLIENT_SECRET", ""),
            scopes=os.environ.get("OIDC_SCOPES", "openid profile"),
            label=os.environ.get("OIDC_LABEL", "ID-porten"),
        ),
        log_level=os.environ.get("LOG_LEVEL", "INFO"),
        trusted_proxies=_count("TRUSTED_PROXIES", 0),
    )
