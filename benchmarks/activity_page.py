"""Benchmark: the latency of an activity page with 10,000 inputs.

Creates a temporary SQLite database, an activity with 10,000 inputs (a third of them
answered), renders the activity page (first page and a deep page) and the report page
with Django's test client many times, and prints the median and 95th percentile latency
and the number of queries per request. It is a measurement, not a test. Usage, from the
repository root::

    .venv/bin/python benchmarks/activity_page.py [--inputs 10000] [--runs 50]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="medvirk-bench-")
    os.environ["MEDVIRK_VAR_DIR"] = workdir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    setup_test_environment()
    settings.DEBUG = False  # production template loading (cached), before the first render
    settings.ALLOWED_HOSTS = ["*"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("migrate", verbosity=0)
    # Keep one connection across requests, so that the queries of a request are counted.
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)

    from medvirk.followup.models import Report, Response
    from medvirk.participation.models import Input
    from medvirk.participation.tests.factories import make_activity
    from medvirk.places.tests.factories import DistrictFactory

    district: Any = DistrictFactory()
    activity = make_activity(district=district)
    rows = []
    for n in range(args.inputs):
        key = hashlib.sha256(f"bench-{n}".encode()).hexdigest()
        rows.append(
            Input(
                activity=activity,
                kind=activity.input_kind,
                title=f"Idé nummer {n}",
                text=f"Et innspill om bydelshuset, nummer {n}. " * 5,
                submission_key=key,
                private_token=key[:40],
                fingerprint=key,
                district=district,
            )
        )
    created = Input.objects.bulk_create(rows, batch_size=2000)
    Response.objects.bulk_create(
        [Response(input=item, status="taken", answer="Tatt med.") for item in created[::3]],
        batch_size=2000,
    )
    Report.objects.create(
        activity=activity,
        what_we_heard="Mye.",
        what_we_did="Noe.",
        published_at=activity.created_at,
    )

    slug = activity.municipality.slug
    page_url = reverse("participation:activity", args=[slug, activity.slug])
    report_url = reverse("followup:report", args=[slug, activity.slug])
    client = Client()
    print(f"activity with {Input.objects.filter(activity=activity).count()} inputs")
    print(f"{'page':<28}{'median ms':>12}{'p95 ms':>10}{'queries':>10}")
    for label, url in (
        ("activity page, page 1", page_url),
        ("activity page, page 200", page_url + "?side=200"),
        ("report page, page 100", report_url + "?side=100"),
    ):
        if os.environ.get("BENCH_PROFILE"):
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
            client.get(url)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        client.get(url)
        counted: list[str] = []

        def count(execute, sql, params, many, context, counted=counted):
            counted.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = client.get(url)
        assert response.status_code == 200, response.status_code
        times = []
        for _run in range(args.runs):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        print(f"{label:<28}{statistics.median(times):>12.1f}{p95:>10.1f}{len(counted):>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
