"""The ``medvirk`` command line.

Sub-commands come in two families:

* platform commands (``demo``, ``serve``, ``import-municipalities``, ``createadmin``,
  ``migrate``, ``indicators``) set up Django before they run;
* algorithm commands (``pb``, ``opinions``, ``insight``) live in the pure packages under
  ``medvirk.algorithms`` and never import Django. Each such package has a ``cli.py``
  with ``register(subparsers)`` that adds its parsers and sets ``func`` to a callable
  taking the parsed arguments and returning an exit code. Those modules import their
  heavy dependencies inside the functions, so that ``medvirk --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# (command name, module with register(subparsers)) for the pure algorithm families.
ALGORITHM_COMMANDS: tuple[tuple[str, str], ...] = (
    ("pb", "medvirk.algorithms.pb.cli"),
    ("opinions", "medvirk.algorithms.opinions.cli"),
    ("insight", "medvirk.algorithms.themes.cli"),
)

# Modules with register(subparsers) for the platform commands; each sets up Django.
PLATFORM_MODULES: tuple[str, ...] = ("medvirk.core.cli", "medvirk.indicators.cli")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="medvirk",
        description="medvirk: local democracy and citizen participation.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in PLATFORM_MODULES:
        importlib.import_module(module_name).register(subparsers)
    for _name, module_name in ALGORITHM_COMMANDS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue  # that family is not installed in this checkout
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    result = func(args)
    return int(result or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
