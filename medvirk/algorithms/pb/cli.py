"""The ``medvirk pb`` command line: outcomes of PB rules and conversion to ``.pb``.

``medvirk pb outcome FILE.pb --rule {greedy,mes} [--satisfaction {cost,cardinality}]
[--completion {none,greedy,add1}] [--tie-breaking {lexicographic,min-cost,max-cost}]
[--json]`` prints the selected project ids in selection order and the money spent, or
with ``--json`` one JSON object with ``selected``, ``spent``, ``budget``,
``explanations`` and ``seconds``.

``medvirk pb convert --projects P.csv --ballots B.csv --budget N [--vote-type T] -o OUT.pb``
writes a pabulib file from CSV.

Heavy modules are imported inside the handlers so that ``medvirk --help`` stays fast.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

from medvirk.algorithms.pb.options import (
    COMPLETIONS,
    RULES,
    SATISFACTIONS,
    TIE_BREAKINGS,
    VOTE_TYPES,
)


def register(subparsers: Any) -> None:
    """Add the ``pb`` command and its sub-commands to the top-level parser."""
    pb = subparsers.add_parser("pb", help="participatory budgeting: rules and pabulib files")
    commands = pb.add_subparsers(dest="pb_command", metavar="PB_COMMAND")
    pb.set_defaults(func=lambda _args: _usage(pb))

    outcome = commands.add_parser("outcome", help="compute the outcome of a rule on a .pb file")
    outcome.add_argument("file", help="pabulib .pb file")
    outcome.add_argument("--rule", choices=RULES, required=True)
    outcome.add_argument("--satisfaction", choices=SATISFACTIONS, default="cost")
    outcome.add_argument("--completion", choices=COMPLETIONS, default="none")
    outcome.add_argument("--tie-breaking", choices=TIE_BREAKINGS, default="lexicographic")
    outcome.add_argument("--json", action="store_true", help="print one JSON object")
    outcome.set_defaults(func=outcome_command)

    convert = commands.add_parser("convert", help="write a .pb file from CSV projects and ballots")
    convert.add_argument("--projects", required=True, help="CSV with project_id, cost, ...")
    convert.add_argument("--ballots", required=True, help="CSV with voter_id, vote, ...")
    convert.add_argument("--budget", required=True, help="the budget limit")
    convert.add_argument("--vote-type", choices=VOTE_TYPES, default="approval")
    convert.add_argument("--description", default="Converted with medvirk pb convert")
    convert.add_argument("-o", "--output", required=True, help="the .pb file to write")
    convert.set_defaults(func=convert_command)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _fail(message: str) -> int:
    print(f"medvirk pb: {message}", file=sys.stderr)
    return 2


def outcome_command(args: argparse.Namespace) -> int:
    """Read the file, run the rule, print the outcome; exit code 2 on bad input."""
    from medvirk.algorithms.pb.explain import money
    from medvirk.algorithms.pb.pabulib import PabulibError, read_pabulib
    from medvirk.algorithms.pb.rules import compute_outcome

    start = time.perf_counter()
    try:
        election = read_pabulib(args.file)
    except OSError as error:
        return _fail(f"cannot read {args.file}: {error.strerror or error}")
    except UnicodeDecodeError:
        return _fail(f"{args.file} is not UTF-8 text")
    except PabulibError as error:
        return _fail(f"{args.file}: {error}")
    try:
        outcome = compute_outcome(
            election, args.rule, args.satisfaction, args.tie_breaking, args.completion
        )
    except ValueError as error:
        return _fail(str(error))
    seconds = time.perf_counter() - start
    if args.json:
        data = outcome.as_dict()
        data["seconds"] = round(seconds, 4)
        print(json.dumps(data, ensure_ascii=False))
    else:
        for project_id in outcome.selected:
            print(project_id)
        print(f"spent {money(outcome.spent)} of {money(outcome.budget)}")
    return 0


def convert_command(args: argparse.Namespace) -> int:
    """Convert CSV projects and ballots into a ``.pb`` file; exit code 2 on bad input."""
    from medvirk.algorithms.pb.csvconvert import election_from_csv
    from medvirk.algorithms.pb.pabulib import write_pabulib

    meta = {"description": args.description}
    try:
        election = election_from_csv(args.projects, args.ballots, args.budget, args.vote_type, meta)
    except OSError as error:
        return _fail(f"cannot read input: {error.strerror or error}")
    except ValueError as error:
        return _fail(str(error))
    try:
        write_pabulib(election, args.output)
    except OSError as error:
        return _fail(f"cannot write {args.output}: {error.strerror or error}")
    count = election.profile.num_voters
    print(f"wrote {args.output}: {len(election.projects)} projects, {count} ballots")
    return 0
