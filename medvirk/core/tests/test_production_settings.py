"""Production settings come from the environment: with MEDVIRK_ENV=production the site
refuses to start without a secret key, a shared cache and its host names, serves HTTPS
only, and the example environment the repository ships passes Django's deployment
checklist. Without any environment (``make run``, the tests) nothing of this is needed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import ONE_YEAR, SMTP_BACKEND, read_environment

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "deploy" / "production.env.example"

# Everything config.env reads, so each test starts from an empty environment.
VARIABLES = [
    "MEDVIRK_ENV",
    "DEBUG",
    "SECRET_KEY",
    "REDIS_URL",
    "DATABASE_URL",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "USE_HTTPS",
    "BEHIND_TLS_PROXY",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "EMAIL_BACKEND",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_TIMEOUT",
    "DEFAULT_FROM_EMAIL",
    "SERVER_EMAIL",
    "LOG_FORMAT",
    "LOG_LEVEL",
    "PYTEST_XDIST_WORKER",
]


def example_environment() -> dict[str, str]:
    """The KEY=value lines of deploy/production.env.example."""
    values = {}
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MEDVIRK_VAR_DIR", str(tmp_path))
    return monkeypatch


@pytest.fixture
def production(clean_env: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """The least a production start-up needs."""
    clean_env.setenv("MEDVIRK_ENV", "production")
    clean_env.setenv("SECRET_KEY", "k" * 20 + "-a-long-enough-test-key-0123456789")
    clean_env.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    clean_env.setenv("ALLOWED_HOSTS", "medvirk.kommune.example")
    return clean_env


def subprocess_env(values: dict[str, str], var_dir: Path) -> dict[str, str]:
    # Not the test run's own switches either (the browser fixture allows sync calls from
    # Playwright's event loop, which Django's deployment check rightly refuses).
    unrelated = {"DJANGO_ALLOW_ASYNC_UNSAFE", "PYTEST_XDIST_WORKER"}
    env = {k: v for k, v in os.environ.items() if k not in {*VARIABLES, *unrelated}}
    env.update(values, MEDVIRK_VAR_DIR=str(var_dir), DJANGO_SETTINGS_MODULE="config.settings")
    return env


def test_local_default_needs_no_environment(clean_env: pytest.MonkeyPatch) -> None:
    """With nothing set, medvirk runs locally: plain HTTP, no HSTS, console e-mail, plain
    logs, a key generated under var/."""
    environment = read_environment()
    assert environment.production is False and environment.debug is False
    https = environment.https
    assert not https.enabled and not https.ssl_redirect and https.hsts_seconds == 0
    assert environment.email.backend.endswith("console.EmailBackend")
    assert environment.email.options == {}
    assert environment.log_format == "plain"
    assert len(environment.secret_key) > 40


def test_production_turns_https_on(production: pytest.MonkeyPatch) -> None:
    """Production serves HTTPS only: secure cookies, a year of HSTS, and a redirect to
    HTTPS unless a TLS-terminating proxy in front does it."""
    https = read_environment().https
    assert https.enabled and https.ssl_redirect and not https.behind_tls_proxy
    assert https.hsts_seconds == ONE_YEAR and https.hsts_include_subdomains
    assert https.hsts_preload is False

    production.setenv("BEHIND_TLS_PROXY", "true")
    https = read_environment().https
    assert https.behind_tls_proxy and not https.ssl_redirect
    production.setenv("SECURE_SSL_REDIRECT", "true")
    production.setenv("SECURE_HSTS_SECONDS", "600")
    https = read_environment().https
    assert https.ssl_redirect and https.hsts_seconds == 600


def test_https_without_production_is_opt_in(clean_env: pytest.MonkeyPatch) -> None:
    """A local installation can still be put behind HTTPS with USE_HTTPS."""
    clean_env.setenv("USE_HTTPS", "true")
    https = read_environment().https
    assert https.enabled and https.hsts_seconds == ONE_YEAR
    clean_env.setenv("DEBUG", "true")
    assert read_environment().https.hsts_seconds == 0


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "needs SECRET_KEY"),
        ("REDIS_URL", "needs a shared cache: set REDIS_URL"),
        ("ALLOWED_HOSTS", "needs ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without(
    production: pytest.MonkeyPatch, missing: str, message: str
) -> None:
    """Each requirement of production stops start-up with a message naming it."""
    production.delenv(missing)
    with pytest.raises(ImproperlyConfigured, match=message):
        read_environment()


def test_production_refuses_debug(production: pytest.MonkeyPatch) -> None:
    production.setenv("DEBUG", "true")
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        read_environment()


def test_unknown_modes_are_refused(clean_env: pytest.MonkeyPatch) -> None:
    """A typo in MEDVIRK_ENV or LOG_FORMAT is an error, not a silent default."""
    clean_env.setenv("MEDVIRK_ENV", "prod")
    with pytest.raises(ImproperlyConfigured, match="MEDVIRK_ENV"):
        read_environment()
    clean_env.delenv("MEDVIRK_ENV")
    clean_env.setenv("LOG_FORMAT", "xml")
    with pytest.raises(ImproperlyConfigured, match="LOG_FORMAT"):
        read_environment()


def test_smtp_when_email_host_is_set(clean_env: pytest.MonkeyPatch) -> None:
    """EMAIL_HOST alone switches to SMTP; its options are Django 6.1's MAILERS OPTIONS."""
    clean_env.setenv("EMAIL_HOST", "smtp.kommune.example")
    clean_env.setenv("EMAIL_PORT", "587")
    clean_env.setenv("EMAIL_USE_TLS", "true")
    clean_env.setenv("EMAIL_HOST_USER", "medvirk")
    clean_env.setenv("EMAIL_HOST_PASSWORD", "hemmelig")
    clean_env.setenv("EMAIL_TIMEOUT", "5")
    email = read_environment().email
    assert email.backend == SMTP_BACKEND
    assert email.options == {
        "host": "smtp.kommune.example",
        "port": 587,
        "use_tls": True,
        "use_ssl": False,
        "timeout": 5.0,
        "username": "medvirk",
        "password": "hemmelig",
    }


def test_smtp_tls_and_ssl_exclude_each_other(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("EMAIL_HOST", "smtp.kommune.example")
    clean_env.setenv("EMAIL_USE_TLS", "true")
    clean_env.setenv("EMAIL_USE_SSL", "true")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_USE_TLS"):
        read_environment()


def test_explicit_backend_wins(clean_env: pytest.MonkeyPatch) -> None:
    """EMAIL_BACKEND chosen explicitly is kept; SMTP options only go to an SMTP backend."""
    clean_env.setenv("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
    email = read_environment().email
    assert email.backend.endswith("filebased.EmailBackend") and email.options == {}


def test_example_environment_passes_the_deployment_checklist(tmp_path: Path) -> None:
    """`manage.py check --deploy --fail-level WARNING` passes with the shipped example
    production environment (no database or Redis is contacted)."""
    values = example_environment()
    assert values["MEDVIRK_ENV"] == "production"
    assert "REPLACE" in values["SECRET_KEY"] and len(values["SECRET_KEY"]) >= 50
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=subprocess_env(values, tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_example_environment_gives_the_settings_it_promises(tmp_path: Path) -> None:
    """The settings Django ends up with: HTTPS behind the proxy, secure cookies, HSTS,
    Redis, SMTP through MAILERS, JSON logs, the strict Content-Security-Policy."""
    code = """
import django; django.setup()
from django.conf import settings
from django.core.mail import mailers
smtp = mailers["default"]
print(settings.SECURE_PROXY_SSL_HEADER, settings.SECURE_SSL_REDIRECT,
      settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE,
      settings.SECURE_HSTS_SECONDS, settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[1],
      type(smtp).__module__, smtp.host, smtp.port, smtp.use_tls, smtp.timeout,
      settings.LOGGING["handlers"]["console"]["formatter"],
      "'unsafe-inline'" in str(settings.CONTENT_SECURITY_POLICY), sep="|")
"""
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=subprocess_env(example_environment(), tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().split("|") == [
        "('HTTP_X_FORWARDED_PROTO', 'https')",
        "True",
        "True",
        "True",
        "31536000",
        "RedisCache",
        "django.core.mail.backends.smtp",
        "smtp.kommune.example",
        "587",
        "True",
        "10.0",
        "json",
        "False",
    ]


def test_production_without_redis_does_not_start(tmp_path: Path) -> None:
    """Django itself refuses to start (here `manage.py check`) with a clear message when
    production has no shared cache."""
    values = example_environment()
    del values["REDIS_URL"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=subprocess_env(values, tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "needs a shared cache: set REDIS_URL" in result.stderr
