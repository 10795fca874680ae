"""A small client for SSB's PxWebApi v2 that keeps to SSB's limits: at most 800,000
cells in one query and 30 queries a minute (a sliding window; the clock and the sleep
can be replaced in tests).

A query is ``GET {base}/tables/{table}/data?lang=no&outputFormat=json-stat2`` with one
``valueCodes[{dimension}]={code},{code}`` parameter per dimension. A query that would
exceed the cell limit is split on its largest dimension.
"""

from __future__ import annotations

import math
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

DEFAULT_BASE_URL = "https://data.ssb.no/api/pxwebapi/v2"
MAX_CELLS = 800_000
MAX_QUERIES_PER_MINUTE = 30
TIMEOUT_SECONDS = 60


class SsbError(RuntimeError):
    """SSB answered with an error, or could not be reached."""


@dataclass
class RateLimiter:
    """At most ``limit`` calls in any ``period`` seconds: waits before a call that would
    exceed it."""

    limit: int = MAX_QUERIES_PER_MINUTE
    period: float = 60.0
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    calls: deque[float] = field(default_factory=deque)

    def wait(self) -> None:
        now = self.clock()
        while self.calls and now - self.calls[0] >= self.period:
            self.calls.popleft()
        if len(self.calls) >= self.limit:
            self.sleep(self.period - (now - self.calls[0]))
            now = self.clock()
            while self.calls and now - self.calls[0] >= self.period:
                self.calls.popleft()
        self.calls.append(now)


def cell_count(codes: Mapping[str, Sequence[str]]) -> int:
    return math.prod(len(values) for values in codes.values()) if codes else 0


def split_query(
    codes: Mapping[str, Sequence[str]], max_cells: int = MAX_CELLS
) -> Iterator[dict[str, list[str]]]:
    """Split a query into parts of at most ``max_cells`` cells, cutting the largest
    dimension into slices."""
    query = {dim: list(values) for dim, values in codes.items()}
    total = cell_count(query)
    if total <= max_cells:
        yield query
        return
    largest = max(query, key=lambda dim: len(query[dim]))
    rest = total // len(query[largest])
    if rest > max_cells:
        raise SsbError(f"even one {largest} value gives {rest} cells; narrow the query")
    per_part = max(1, max_cells // rest)
    values = query[largest]
    for start in range(0, len(values), per_part):
        yield {**query, largest: values[start : start + per_part]}


def data_url(
    base_url: str, table: str, codes: Mapping[str, Sequence[str]], language: str = "no"
) -> str:
    params = [("lang", language), ("outputFormat", "json-stat2")]
    params += [(f"valueCodes[{dim}]", ",".join(values)) for dim, values in codes.items()]
    return (
        f"{base_url.rstrip('/')}/tables/{urllib.parse.quote(table)}/data?"
        + urllib.parse.urlencode(params, safe="[],*()")
    )


@dataclass
class SsbClient:
    base_url: str = DEFAULT_BASE_URL
    limiter: RateLimiter = field(default_factory=RateLimiter)
    opener: Callable[..., object] = urllib.request.urlopen

    def fetch(self, table: str, codes: Mapping[str, Sequence[str]]) -> Iterator[str]:
        """The JSON-stat 2.0 text of each part of the query, in order."""
        for part in split_query(codes):
            url = data_url(self.base_url, table, part)
            self.limiter.wait()
            request = urllib.request.Request(url, headers={"Accept": "application/json"})
            try:
                with self.opener(request, timeout=TIMEOUT_SECONDS) as response:  # type: ignore[attr-defined]
                    yield response.read().decode("utf-8")
            except urllib.error.HTTPError as error:
                detail = error.read().decode("utf-8", "replace")[:300]
                raise SsbError(f"SSB answered {error.code} for {url}: {detail}") from error
            except urllib.error.URLError as error:
                raise SsbError(f"could not reach {self.base_url}: {error.reason}") from error
