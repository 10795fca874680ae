"""The ``medvirk indicators`` commands: fetch from SSB, import JSON-stat or CSV files,
and list indicators. Each sets up Django itself and prints progress."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _progress(label: str) -> Any:
    state = {"last": -1}

    def report(done: int, total: int) -> None:
        percent = int(100 * done / total) if total else 100
        if percent != state["last"] and (percent % 10 == 0 or done == total):
            state["last"] = percent
            print(f"  {label}: {done}/{total} ({percent} %)", flush=True)

    return report


def _report(result: Any) -> None:
    print(
        f"{result.created} observations created, {result.updated} updated, "
        f"{result.indicators} indicators in the file."
    )


def _import_jsonstat(args: argparse.Namespace) -> int:
    _django()
    from django.core.exceptions import ValidationError

    from medvirk.indicators.services import observations_import_jsonstat

    try:
        text = Path(args.file).read_text(encoding="utf-8-sig")
        result = observations_import_jsonstat(
            text=text, table=args.table or "", progress=_progress("checked")
        )
    except (OSError, ValidationError) as error:
        message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        print(f"medvirk indicators import-jsonstat: {message}", file=sys.stderr)
        return 2
    _report(result)
    return 0


def _import_csv(args: argparse.Namespace) -> int:
    _django()
    from django.core.exceptions import ValidationError

    from medvirk.indicators.services import observations_import_csv

    try:
        text = Path(args.file).read_text(encoding="utf-8-sig")
        result = observations_import_csv(text=text, progress=_progress("checked"))
    except (OSError, ValidationError) as error:
        message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        print(f"medvirk indicators import-csv: {message}", file=sys.stderr)
        return 2
    _report(result)
    return 0


def _parse_codes(items: list[str]) -> dict[str, list[str]]:
    codes: dict[str, list[str]] = {}
    for item in items:
        dimension, _sep, values = item.partition("=")
        if not dimension or not values:
            raise ValueError(f"--codes {item!r}: write DIMENSION=CODE,CODE")
        codes.setdefault(dimension.strip(), []).extend(
            v.strip() for v in values.split(",") if v.strip()
        )
    return codes


def _fetch_ssb(args: argparse.Namespace) -> int:
    _django()
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from medvirk.indicators.services import observations_prepare_jsonstat, observations_save
    from medvirk.indicators.ssb import SsbClient, SsbError, split_query

    try:
        codes = _parse_codes(args.codes)
    except ValueError as error:
        print(f"medvirk indicators fetch-ssb: {error}", file=sys.stderr)
        return 2
    parts = list(split_query(codes))
    print(
        f"Table {args.table}: {len(parts)} quer{'y' if len(parts) == 1 else 'ies'} "
        f"to {args.base_url}",
        flush=True,
    )
    client = SsbClient(base_url=args.base_url)
    try:
        prepared = []
        for number, text in enumerate(client.fetch(args.table, codes), start=1):
            print(f"  query {number}/{len(parts)} fetched", flush=True)
            prepared.append(
                observations_prepare_jsonstat(
                    text=text, table=args.table, progress=_progress(f"query {number} checked")
                )
            )
        with transaction.atomic():
            created = updated = 0
            for batch in prepared:
                result = observations_save(prepared=batch)
                created += result.created
                updated += result.updated
    except (SsbError, ValidationError) as error:
        message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        print(f"medvirk indicators fetch-ssb: {message}", file=sys.stderr)
        return 2
    print(f"{created} observations created, {updated} updated.")
    return 0


def _compute_engagement(args: argparse.Namespace) -> int:
    _django()
    from django.utils import timezone

    from medvirk.indicators.services import engagement_compute
    from medvirk.places.models import Municipality

    year = str(args.year or timezone.now().year)
    municipalities = Municipality.objects.filter(is_participating=True)
    if args.municipality:
        municipalities = Municipality.objects.filter(number__in=args.municipality)
    for municipality in municipalities.order_by("number"):
        result = engagement_compute(municipality=municipality, period=year)
        print(
            f"{municipality.number} {municipality.name} {year}: {result.created} created, "
            f"{result.updated} updated",
            flush=True,
        )
    return 0


def _list(args: argparse.Namespace) -> int:
    _django()
    from django.db.models import Count

    from medvirk.indicators.models import Indicator

    for indicator in Indicator.objects.annotate(count=Count("observations")).order_by("code"):
        print(f"{indicator.code}\t{indicator.count}\t{indicator.name_nb}")
    return 0


def register(subparsers: Any) -> None:
    from medvirk.indicators.ssb import DEFAULT_BASE_URL

    parser = subparsers.add_parser("indicators", help="Key figures: import and fetch from SSB.")
    commands = parser.add_subparsers(dest="indicators_command", metavar="COMMAND")
    parser.set_defaults(func=lambda _args: parser.print_help() or 2)

    fetch = commands.add_parser(
        "fetch-ssb",
        help="Fetch a table from SSB's PxWebApi v2 (30 queries a minute, "
        "800,000 cells a query) and import it.",
    )
    fetch.add_argument("--table", required=True, help="SSB table id, for example 12134.")
    fetch.add_argument(
        "--codes",
        action="append",
        default=[],
        required=True,
        metavar="DIMENSION=CODE,CODE",
        help="Values of one dimension, for example "
        "ContentsCode=KOSAGD230000; repeat for each dimension.",
    )
    fetch.add_argument("--base-url", default=DEFAULT_BASE_URL)
    fetch.set_defaults(func=_fetch_ssb)

    jsonstat = commands.add_parser("import-jsonstat", help="Import a JSON-stat 2.0 file.")
    jsonstat.add_argument("file")
    jsonstat.add_argument("--table", help="SSB table id, when the file does not name it.")
    jsonstat.set_defaults(func=_import_jsonstat)

    csv_parser = commands.add_parser(
        "import-csv", help="Import a CSV file: indicator, region, period, value, status."
    )
    csv_parser.add_argument("file")
    csv_parser.set_defaults(func=_import_csv)

    engagement = commands.add_parser(
        "compute-engagement",
        help="Compute the platform's engagement measures from its own data.",
    )
    engagement.add_argument(
        "--municipality",
        action="append",
        help="Municipality number (default: every participating one).",
    )
    engagement.add_argument("--year", type=int, help="Default: this year.")
    engagement.set_defaults(func=_compute_engagement)

    listing = commands.add_parser("list", help="List indicators with their observations.")
    listing.set_defaults(func=_list)
