"""``medvirk opinions``: opinion maps of Polis-format conversations.

``medvirk opinions analyze DIR [--json] [--plot FILE.svg] [--seed N] [--replay]
[--background IDS] [--settings FILE] [--min-votes N] [--imputation mean|zero]
[--all-voters-before DATE]`` reads a folder in Polis' export format, prints the groups, their
representative statements, consensus and divisive statements and how each group answered
the background statements (or the whole map as JSON), and can draw the map.
Heavy modules are imported inside the handler, and only those the chosen options need
(no scipy, no plotting unless ``--plot``), so that the command starts fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
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
    analyze.add_argument(
        "--background",
        metavar="IDS",
        type=statement_ids,
        default=[],
        help="statements that describe the participants (age, district...) rather than "
        "give an opinion, such as 1-14,20: reported per group, left out of the grouping "
        "(Polis' meta statements; its export does not mark them)",
    )
    analyze.add_argument(
        "--settings",
        metavar="FILE.json",
        help="background statements and rules listed for this folder's conversation "
        "(what Polis knew but its export leaves out; see docs/algorithms/opinions.md)",
    )
    analyze.add_argument(
        "--min-votes",
        type=int,
        help="votes a participant needs to be grouped (default 7, as Polis)",
    )
    analyze.add_argument(
        "--imputation",
        choices=("mean", "zero"),
        help="a missing vote counts as the statement's mean (default, Polis since about "
        "2018) or as a pass (zero, Polis' earlier worker)",
    )
    analyze.add_argument(
        "--all-voters-before",
        metavar="DATE",
        help="group everyone who first voted before this date (such as 2018-01-01), "
        "whatever their number of votes, as Polis did for some conversations in 2017",
    )
    analyze.set_defaults(func=handle_analyze)
    parser.set_defaults(func=lambda _args: parser.print_help() or 2)


def statement_ids(text: str) -> list[int]:
    """Parse a list of statement ids and ranges: ``1-14,20``."""
    ids: list[int] = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        first, _, last = part.partition("-")
        try:
            start, stop = int(first), int(last or first)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{part!r} is not a statement id or a range such as 1-14"
            ) from None
        if start < 0 or stop < start:
            raise argparse.ArgumentTypeError(f"{part!r} is not a range from low to high")
        ids.extend(range(start, stop + 1))
    return ids


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
    if result.background:
        lines.append("\nBackground statements (share agreeing in each group)")
        for answers in result.background:
            shares = []
            for group in result.groups:
                share = answers.agree_share(group.group_id)
                figure = "–" if share is None else f"{share:.0%}"
                shares.append(f"{group_letter(group.group_id)} {figure}")
            lines.append(line(answers.statement_id, " ".join(shares)))
    return "\n".join(lines)


def handle_analyze(args: argparse.Namespace) -> int:
    """Run the pipeline (or the replay) on DIR and print or draw the result."""
    from medvirk.algorithms.opinions.evaluation import adjusted_rand_index
    from medvirk.algorithms.opinions.model import InvalidVotesError, Rules
    from medvirk.algorithms.opinions.pipeline import STATUS_OK, analyze
    from medvirk.algorithms.opinions.polis_io import (
        date_ms,
        read_conversation,
        read_export_settings,
        read_polis_groups,
    )

    if args.plot and not args.plot.lower().endswith(".svg"):
        print(
            f"error: --plot writes SVG; give a file ending in .svg, not {args.plot}",
            file=sys.stderr,
        )
        return 2
    folder = Path(args.folder)
    try:
        background, rules = (
            read_export_settings(Path(args.settings), folder.resolve().name)
            if args.settings
            else ([], Rules())
        )
        changes: dict[str, Any] = {"min_votes": args.min_votes, "imputation": args.imputation}
        if args.all_voters_before:
            changes["all_voters_before"] = date_ms(args.all_voters_before)
        rules = replace(rules, **{k: v for k, v in changes.items() if v is not None})
        conversation = read_conversation(
            folder, background=sorted(set(background) | set(args.background))
        )
        options = {"seed": args.seed, "restarts": args.restarts, "rules": rules}
        if args.replay:
            from medvirk.algorithms.opinions.replay import replay

            result = replay(conversation, **options)
        else:
            result = analyze(conversation, **options)
    except InvalidVotesError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.plot:
        # Only here: the SVG writer's XML escaping imports urllib, email and ssl.
        from medvirk.algorithms.opinions.plot import render_svg

        Path(args.plot).write_text(render_svg(result), encoding="utf-8")
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
    elif result.status != STATUS_OK:
        print(f"not enough data: {result.message}")
    else:
        try:
            polis_groups = (
                read_polis_groups(folder) if (folder / "participants-votes.csv").is_file() else {}
            )
        except InvalidVotesError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        agreement = adjusted_rand_index(result.group_of(), polis_groups) if polis_groups else None
        print(_summary(result, agreement))
    return 0
