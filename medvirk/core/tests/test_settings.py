"""Settings come from the environment: SQLite in WAL mode by default, PostgreSQL and
Redis when configured, and a secret key that is never committed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from config.env import read_environment

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_database_in_use() -> None:
    """SQLite runs with write-ahead logging; PostgreSQL when DATABASE_URL says so."""
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        assert connection.vendor == "postgresql"
        return
    assert connection.vendor == "sqlite"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1
    options = settings.DATABASES["default"]["OPTIONS"]
    assert "journal_mode=WAL" in options["init_command"]
    assert options["transaction_mode"] == "IMMEDIATE"


def test_wal_mode_on_a_file_database(tmp_path: Path) -> None:
    """A fresh file database opened with medvirk's settings is in WAL mode."""
    code = (
        "import django; django.setup();"
        "from django.db import connection;"
        "c = connection.cursor(); c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])"
    )
    env = {
        **os.environ,
        "MEDVIRK_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "wal"


def test_cache_backend() -> None:
    """Redis is the cache when REDIS_URL is set (the PostgreSQL leg of CI), else memory."""
    if os.environ.get("MEDVIRK_REQUIRE_REDIS"):
        assert "RedisCache" in settings.CACHES["default"]["BACKEND"]
    cache.set("medvirk-test", "ja", 10)
    assert cache.get("medvirk-test") == "ja"


def test_secret_key_generated_into_var_and_kept(tmp_path: Path, monkeypatch) -> None:
    """Without SECRET_KEY a local key is generated under var/, readable only by its owner,
    and the same key is used next time."""
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("MEDVIRK_VAR_DIR", str(tmp_path))
    first = read_environment().secret_key
    key_file = tmp_path / "secret_key"
    assert key_file.exists() and oct(key_file.stat().st_mode)[-3:] == "600"
    assert read_environment().secret_key == first and len(first) > 40
    monkeypatch.setenv("SECRET_KEY", "fra-miljoet")
    assert read_environment().secret_key == "fra-miljoet"


def test_secret_key_is_not_committed() -> None:
    """var/ is ignored by git, so a generated key never reaches the repository."""
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert "var/" in ignored


def test_oidc_is_off_unless_configured(monkeypatch) -> None:
    """OIDC needs both OIDC_ENABLED and an issuer."""
    monkeypatch.setenv("OIDC_ENABLED", "true")
    monkeypatch.delenv("OIDC_ISSUER", raising=False)
    assert read_environment().oidc.enabled is False
    monkeypatch.setenv("OIDC_ISSUER", "https://idporten.example/")
    environment = read_environment()
    assert environment.oidc.enabled and environment.oidc.issuer == "https://idporten.example"


def test_trusted_proxies_must_be_a_whole_number(monkeypatch) -> None:
    """TRUSTED_PROXIES defaults to none; a wrong value stops start-up with its name."""
    monkeypatch.delenv("TRUSTED_PROXIES", raising=False)
    assert read_environment().trusted_proxies == 0
    monkeypatch.setenv("TRUSTED_PROXIES", "2")
    assert read_environment().trusted_proxies == 2
    for wrong in ("to", "-1"):
        monkeypatch.setenv("TRUSTED_PROXIES", wrong)
        with pytest.raises(ValueError, match="TRUSTED_PROXIES"):
            read_environment()
