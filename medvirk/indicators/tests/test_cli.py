"""The command line: import files with progress, list indicators, and fetch from a fake
SSB server on loopback, keeping SSB's limits (cells per query, queries per minute)."""

from __future__ import annotations

import argparse
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from medvirk.indicators import cli
from medvirk.indicators.models import Observation
from medvirk.indicators.reference import DATA_DIR
from medvirk.indicators.ssb import RateLimiter, data_url, split_query

SAMPLE = DATA_DIR / "ssb-12367-jsonstat2-sample.ksanalyse.json"


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    cli.register(parser.add_subparsers())
    args = parser.parse_args(["indicators", *argv])
    return int(args.func(args))


@pytest.mark.django_db(transaction=True)
def test_import_jsonstat_prints_progress(norway: Any, capsys: Any) -> None:
    """`medvirk indicators import-jsonstat FILE` imports the sample and prints progress;
    a second run updates."""
    assert _run("import-jsonstat", str(SAMPLE)) == 0
    out = capsys.readouterr().out
    assert "checked: 1250/1250 (100 %)" in out
    assert "1250 observations created, 0 updated" in out
    assert _run("import-jsonstat", str(SAMPLE)) == 0
    assert "0 observations created, 1250 updated" in capsys.readouterr().out
    assert _run("list") == 0
    assert "12367.KOSbelop0000.AGD4.100.A\t25" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_import_csv_error_exits_with_reason(norway: Any, tmp_path: Any, capsys: Any) -> None:
    """A bad CSV exits with code 2 and the row number."""
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator,region,period,value,indicator_name\nT,3301,2024,x,T\n")
    assert _run("import-csv", str(bad)) == 2
    assert "row 2: “x” is not a number" in capsys.readouterr().err
    assert Observation.objects.count() == 0


def test_rate_limiter_with_a_fake_clock() -> None:
    """The 31st query within a minute waits until the first is a minute old."""
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(limit=30, period=60.0, clock=lambda: now[0], sleep=sleep)
    for _ in range(30):
        limiter.wait()
        now[0] += 1.0
    limiter.wait()
    assert slept == [30.0]
    assert now[0] == 60.0


def test_queries_are_split_below_the_cell_limit() -> None:
    """A query of 1 000 regions × 1 000 years (1 000 000 cells) is split into parts of
    at most 800 000 cells, covering every value once."""
    codes = {
        "Region": [f"{i:04d}" for i in range(1000)],
        "Tid": [str(y) for y in range(1000)],
        "ContentsCode": ["X"],
    }
    parts = list(split_query(codes, max_cells=800_000))
    assert len(parts) == 2
    assert all(len(p["Region"]) * len(p["Tid"]) <= 800_000 for p in parts)
    assert sum(len(p["Region"]) for p in parts) == 1000


def test_data_url_uses_pxwebapi_v2_parameters() -> None:
    """valueCodes[dimension]=a,b and json-stat2 output."""
    url = data_url("http://x/api/pxwebapi/v2", "12134", {"ContentsCode": ["A", "B"]})
    query = parse_qs(urlparse(url).query)
    assert urlparse(url).path == "/api/pxwebapi/v2/tables/12134/data"
    assert query["valueCodes[ContentsCode]"] == ["A,B"]
    assert query["outputFormat"] == ["json-stat2"]


@pytest.fixture
def fake_ssb() -> Iterator[tuple[str, list[str]]]:
    """An SSB look-alike on loopback that answers every data query with the sample."""
    seen: list[str] = []
    body = SAMPLE.read_bytes()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            if "/tables/12367/data" not in self.path:
                self.send_response(404)
                self.end_headers()
                self.wfile.write(json.dumps({"error": "no such table"}).encode())
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api/pxwebapi/v2", seen
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.django_db(transaction=True)
def test_fetch_ssb_from_a_fake_server(norway: Any, fake_ssb: Any, capsys: Any) -> None:
    """fetch-ssb queries the server with valueCodes and imports the answer; an unknown
    table is reported with SSB's answer and nothing is imported."""
    base_url, seen = fake_ssb
    code = _run(
        "fetch-ssb",
        "--table",
        "12367",
        "--base-url",
        base_url,
        "--codes",
        "KOKkommuneregion0000=EAK,3001",
        "--codes",
        "Tid=2019,2020",
    )
    assert code == 0
    assert "valueCodes[KOKkommuneregion0000]=EAK,3001" in seen[0]
    assert Observation.objects.count() == 1250
    assert _run("fetch-ssb", "--table", "99999", "--base-url", base_url, "--codes", "Tid=2020") == 2
    assert "404" in capsys.readouterr().err


@pytest.mark.django_db(transaction=True)
def test_compute_engagement_command(norway: Any, capsys: Any) -> None:
    """`compute-engagement` computes the measures for the participating municipalities."""
    assert _run("compute-engagement", "--year", "2026") == 0
    assert "3301 Drammen 2026: 0 created, 0 updated" in capsys.readouterr().out
