"""The ``medvirk insight`` commands: ``themes`` and ``evaluate``.

``medvirk insight themes FILE.csv --text-column text [--id-column id] [--themes N]
[--json]`` prints the themes with labels, sizes, member ids and verbatim quotes.
``medvirk insight evaluate FILE.csv --label-column label [--text-column text]`` prints
NMI and ARI of the automatic themes against the given labels. Bad input gives a message
on stderr and exit code 2, never a traceback. Heavy modules are imported inside the
handlers so that ``medvirk --help`` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

EXIT_BAD_INPUT = 2


def register(subparsers: Any) -> None:
    """Add the ``insight`` command and its sub-commands to the top-level parser."""
    insight = subparsers.add_parser(
        "insight", help="themes, near-duplicates and summaries of Norwegian text"
    )
    commands = insight.add_subparsers(dest="insight_command", metavar="SUBCOMMAND")
    insight.set_defaults(func=lambda _args: _usage(insight))

    themes = commands.add_parser("themes", help="group the texts of a CSV file into themes")
    _add_common(themes)
    themes.add_argument("--id-column", help="column of unique ids (default: row numbers)")
    themes.add_argument(
        "--facet-column",
        action="append",
        default=[],
        help="column to break themes down by, such as district or channel (repeatable)",
    )
    themes.add_argument("--json", action="store_true", help="print the full result as JSON")
    themes.set_defaults(func=themes_command)

    evaluate = commands.add_parser(
        "evaluate", help="NMI and ARI of the automatic themes against given labels"
    )
    _add_common(evaluate)
    evaluate.add_argument("--label-column", required=True, help="column of reference labels")
    evaluate.set_defaults(func=evaluate_command)


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.csv", help="UTF-8 CSV file with a header row")
    parser.add_argument("--text-column", default="text", help="column of texts (default: text)")
    parser.add_argument(
        "--themes", type=int, default=None, metavar="N", help="number of themes (default: auto)"
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    parser.add_argument(
        "--backend",
        choices=["auto", "lsa", "embedding"],
        default="auto",
        help="vectors: LSA, or a local embedding model from $MEDVIRK_EMBEDDING_MODEL",
    )


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return EXIT_BAD_INPUT


def _fail(message: str) -> int:
    print(f"medvirk insight: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def themes_command(args: argparse.Namespace) -> int:
    """Analyse a CSV file and print the themes (text or ``--json``)."""
    import json

    from medvirk.algorithms.themes.csvio import CsvInputError, read_collection
    from medvirk.algorithms.themes.embeddings import BackendUnavailableError
    from medvirk.algorithms.themes.pipeline import analyse

    try:
        collection = read_collection(
            args.file,
            text_column=args.text_column,
            id_column=args.id_column,
            facet_columns=args.facet_column,
        )
        analysis = analyse(
            collection.items, n_themes=args.themes, seed=args.seed, backend=args.backend
        )
    except (CsvInputError, BackendUnavailableError, ValueError) as exc:
        return _fail(str(exc))
    if args.json:
        print(json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2))
        return 0
    print(
        f"{analysis.n_items} inputs, {analysis.n_analysed} analysed in "
        f"{analysis.n_themes} themes ({analysis.backend}); "
        f"{len(analysis.duplicates)} groups of near-duplicates; "
        f"{len(analysis.not_analysed)} not analysed"
    )
    for theme in analysis.themes:
        print(f"\nTheme {theme.number}: {theme.label} ({theme.size} inputs, {theme.share:.1%})")
        print(f"  members: {', '.join(theme.member_ids)}")
        for quote in theme.quotes:
            print(f"  [{quote.item_id}] {quote.text}")
    if analysis.not_analysed:
        print("\nNot analysed:")
        for entry in analysis.not_analysed:
            print(f"  [{entry.item_id}] {entry.message}")
    return 0


def evaluate_command(args: argparse.Namespace) -> int:
    """Theme a labelled CSV file and print NMI and ARI against its labels.

    Inputs set apart as "not analysed" count as one extra cluster of their own.
    """
    from medvirk.algorithms.themes.csvio import CsvInputError, read_collection
    from medvirk.algorithms.themes.embeddings import BackendUnavailableError
    from medvirk.algorithms.themes.evaluate import adjusted_rand_index, normalized_mutual_info
    from medvirk.algorithms.themes.pipeline import analyse

    try:
        collection = read_collection(
            args.file, text_column=args.text_column, label_column=args.label_column
        )
        analysis = analyse(
            collection.items, n_themes=args.themes, seed=args.seed, backend=args.backend
        )
    except (CsvInputError, BackendUnavailableError, ValueError) as exc:
        return _fail(str(exc))
    theme_of = analysis.theme_of()
    predicted = [theme_of.get(item.id, 0) for item in collection.items]
    truth = collection.labels or []
    print(f"file: {args.file}")
    print(f"inputs: {analysis.n_items}  reference labels: {len(set(truth))}")
    print(f"themes: {analysis.n_themes} ({'given' if args.themes else 'automatic'})")
    print(f"not analysed: {len(analysis.not_analysed)}")
    print(f"NMI: {normalized_mutual_info(truth, predicted):.4f}")
    print(f"ARI: {adjusted_rand_index(truth, predicted):.4f}")
    return 0
