"""Every text a resident or member of staff reads exists in bokmål, nynorsk and English:
no catalogue holds an untranslated or fuzzy message, and no message used in the code is
missing from its app's catalogue."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[3]
APPS_DIR = ROOT / "medvirk"
LANGUAGES = ("nb", "nn", "en")


def _catalogues() -> list[Path]:
    return sorted(APPS_DIR.glob("**/locale/*/LC_MESSAGES/django.po"))


def _apps_with_messages() -> list[Path]:
    """App folders whose code or templates mark text for translation."""
    apps = []
    for app in sorted(p for p in APPS_DIR.iterdir() if (p / "apps.py").exists()):
        sources = [*app.glob("**/*.py"), *app.glob("**/templates/**/*.html")]
        markers = ("gettext", "{% translate", "{% blocktranslate")
        if any(any(m in s.read_text(encoding="utf-8") for m in markers) for s in sources):
            apps.append(app)
    return apps


def test_every_app_with_texts_has_catalogues_in_all_languages() -> None:
    """An app that marks texts for translation keeps nb, nn and en catalogues."""
    apps = _apps_with_messages()
    assert apps, "no app with translatable texts found"
    missing = [
        f"{app.name}/{lang}"
        for app in apps
        for lang in LANGUAGES
        if not (app / "locale" / lang / "LC_MESSAGES" / "django.po").exists()
    ]
    assert not missing, f"catalogues missing: {missing}"


@pytest.mark.parametrize("path", _catalogues(), ids=lambda p: str(p.relative_to(APPS_DIR)))
def test_catalogue_is_complete(path: Path) -> None:
    """Every message is translated and none is marked fuzzy."""
    catalogue = polib.pofile(str(path))
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert not catalogue.metadata_is_fuzzy, f"{path}: the header is marked fuzzy"
    assert not untranslated, f"{path}: untranslated: {untranslated}"
    assert not fuzzy, f"{path}: fuzzy: {fuzzy}"


@pytest.mark.parametrize("app", _apps_with_messages(), ids=lambda p: p.name)
def test_catalogue_holds_every_message_in_the_code(app: Path, tmp_path: Path) -> None:
    """Extracting the app's messages afresh finds nothing that its catalogue lacks."""
    if shutil.which("xgettext") is None:
        message = "GNU gettext (xgettext) is needed to extract messages: apt-get install gettext"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    copy = tmp_path / app.name
    shutil.copytree(app, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [
            sys.executable,
            "-P",
            "-m",
            "django",
            "makemessages",
            "-l",
            "nb",
            "--no-obsolete",
            "--no-location",
        ],
        cwd=copy,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    extracted = polib.pofile(str(copy / "locale" / "nb" / "LC_MESSAGES" / "django.po"))
    committed = polib.pofile(str(app / "locale" / "nb" / "LC_MESSAGES" / "django.po"))
    known = {(e.msgctxt, e.msgid) for e in committed}
    new = sorted(e.msgid for e in extracted if (e.msgctxt, e.msgid) not in known)
    assert not new, f"{app.name}: messages missing from the catalogues (run makemessages): {new}"
