"""The algorithm packages are pure: importing any of them never imports Django."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import medvirk.algorithms


def _algorithm_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(medvirk.algorithms.__path__, "medvirk.algorithms."):
        if ".tests" in info.name or info.name.endswith(".conftest"):
            continue
        names.append(info.name)
    return names


def test_there_are_algorithm_modules_to_check() -> None:
    """The walk finds the packages, so the purity check below is not vacuous."""
    assert "medvirk.algorithms.geo.geometry" in _algorithm_modules()


def test_algorithm_packages_import_no_django() -> None:
    """Every module under medvirk.algorithms imports without pulling in Django."""
    modules = _algorithm_modules()
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"Django imported by algorithms: {result.stdout}"
