"""``medvirk opinions``: opinion maps of Polis-format conversations.

``medvirk opinions analyze DIR [--json] [--plot FILE.svg] [--seed N] [--replay]`` reads
a folder in Polis' export format, prints the groups, their representative statements,
consensus and divisive statements (or the whole map as JSON), and can draw the map.
Heavy modules are imported inside the handler so that ``medvirk --help`` stays fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    """Add the ``opinions`` command and its ``analyze`` sub-command."""
    parser = subparsers.add_parser(
        "opinions", help="opinion maps (Polis-style groups, consensus) of a conversation"
    )
    commands = parser.add_subparsers(dest="opinions_command", metavar="SUBCOMMAND")
    analyze = commands.add_parser("analyze", help="map a conversation exported in Polis' format")
    analyze.add_argument(
        "folder",
        metavar="DIR",
        help="folder with comments.csv and votes.csv or participants-votes.csv",
    )
    analyze.add_argument("--json", action="store_true", help="print the whole map as JSON")
    analyze.add_argument("--plot", metavar="FILE.svg", help="draw the opinion map as SVG")
    analyze.add_argument(
        "--restarts",
        type=int,
        default=0,
        help="extra k-means++ starts of the group clustering, the best kept "
        "(default 0: Polis' deterministic start only)",
    )
    analyze.add_argument(
        "--seed", type=int, default=0, help="seed of the k-means++ restarts (default 0)"
    )
    analyze.add_argument(
        "--replay",
        action="store_true",
        help="replay the vote history in time order as Polis' math worker did",
    )
    analyze.set_defaults(func=handle_analyze)
    parser.set_defaults(func=lambda _args: parser.print_help() or 2)


def _summary(result: Any, polis_agreement: float | None) -> str:
    from medvirk.algorithms.opinions.plot import group_letter

    texts = result.statement_texts

    def line(statement_id: int, figure: str) -> str:
        text = texts.get(statement_id, "")
        short = text if len(text) <= 90 else text[:89] + "…"
        return f"    #{statement_id:<5} {figure:<16} {short}"

    lines = [
        result.topic,
        f"{result.n_participants} participants, "
        f"{result.n_statements} statements, {len(result.groups)} groups"
        + (f" ({result.updates} updates replayed)" if result.updates > 1 else ""),
    ]
    if polis_agreement is not None:
        lines.append(f"agreement with Polis' own groups: ARI {polis_agreement:.2f}")
    for group in result.groups:
        lines.append(f"\nGroup {group_letter(group.group_id)} ({group.size} participants)")
        lines += [
            line(r.statement_id, f"{r.probability:.0%} {r.direction}") for r in group.representative
        ] or ["    (no significant statement)"]
    for direction in ("agree", "disagree"):
        items = result.consensus[direction]
        lines.append(f"\nConsensus ({direction}): {len(items)}")
        lines += [line(c.statement_id, f"{c.consensus:.2f}") for c in items]
    lines.append("\nDivisive statements")
    lines += [line(d.statement_id, f"spread {d.spread:.2f}") for d in result.divisive]
    return "\n".join(lines)


def handle_analyze(args: argparse.Namespace) -> int:
    """Run the pipeline (or the replay) on DIR and print or draw the result."""
    from medvirk.algorithms.opinions.evaluation import adjusted_rand_index
    from medvirk.algorithms.opinions.model import InvalidVotesError
    from medvirk.algorithms.opinions.pipeline import STATUS_OK, analyze
    from medvirk.algorithms.opinions.plot import render_svg
    from medvirk.algorithms.opinions.polis_io import read_conversation, read_polis_groups
    from medvirk.algorithms.opinions.replay import replay

    if args.plot and not args.plot.lower().endswith(".svg"):
        print(
            f"error: --plot writes SVG; give a file ending in .svg, not {args.plot}",
            file=sys.stderr,
        )
        return 2
    folder = Path(args.folder)
    try:
        conversation = read_conversation(folder)
        options = {"seed": args.seed, "restarts": args.restarts}
        result = (
            replay(conversation, **options) if args.replay else analyze(conversation, **options)
        )
        polis_groups = (
            read_polis_groups(folder) if (folder / "participants-votes.csv").is_file() else {}
        )
    except InvalidVotesError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.plot:
        Path(args.plot).write_text(render_svg(result), encoding="utf-8")
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
    elif result.status != STATUS_OK:
        print(f"not enough data: {result.message}")
    else:
        agreement = adjusted_rand_index(result.group_of(), polis_groups) if polis_groups else None
        print(_summary(result, agreement))
    return 0
