"""Compile every translation catalogue (.po) under medvirk/ into .mo files.

Uses polib, so no GNU gettext is needed on the machine. Run by ``make`` at install time;
the compiled files are not committed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    count = 0
    for po_path in sorted((ROOT / "medvirk").glob("**/locale/*/LC_MESSAGES/*.po")):
        catalogue = polib.pofile(str(po_path))
        catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
        count += 1
    print(f"Compiled {count} translation catalogues.")
    return 0 if count else 1


if __name__ == "__main__":
    sys.exit(main())
