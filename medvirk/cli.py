"""The ``medvirk`` command line.

Sub-commands come in two families:

* platform commands (``demo``, ``serve``, ``import-municipalities``, ``createadmin``,
  ``migrate``, ``indicators``) set up Django before they run;
* algorithm commands (``pb``, ``opinions``, ``insight``) live in the pure packages under
  ``medvirk.algorithms`` and never import Django. Each such package has a ``cli.py``
  with ``register(subparsers)`` that adds its parsers and sets ``func`` to a callable
  taking the parsed arguments and returning an exit code. Those modules import their
  heavy dependencies inside the functions.

To start fast, an algorithm command imports only its own module: the command is the
first word of the arguments, looked up in :data:`ALGORITHM_COMMANDS`. Any other first
word (a platform command, which sets up Django anyway; ``--help``; none; a mistyped
command) registers every module, so the help lists them all and argparse reports
unknown commands as before.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Any

# (command name, module with register(subparsers)) for the pure algorithm families.
ALGORITHM_COMMANDS: tuple[tuple[str, str], ...] = (
    ("pb", "medvirk.algorithms.pb.cli"),
    ("opinions", "medvirk.algorithms.opinions.cli"),
    ("insight", "medvirk.algorithms.themes.cli"),
)

# Modules with register(subparsers) for the platform commands; each sets up Django.
PLATFORM_MODULES: tuple[str, ...] = ("medvirk.core.cli", "medvirk.indicators.cli")


def _register(subparsers: Any, module_name: str) -> None:
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and module_name.startswith(exc.name):
            return  # that family is not installed in this checkout
        raise
    module.register(subparsers)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given arguments that start with an algorithm command, only that
    command's module is imported, else every module."""
    parser = argparse.ArgumentParser(
        prog="medvirk",
        description="medvirk: local democracy and citizen participation.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    chosen = dict(ALGORITHM_COMMANDS).get(argv[0]) if argv else None
    modules = [chosen] if chosen else [*PLATFORM_MODULES, *(m for _n, m in ALGORITHM_COMMANDS)]
    for module_name in modules:
        _register(subparsers, module_name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    result = func(args)
    return int(result or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
