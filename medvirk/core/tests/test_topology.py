"""The production topology, end to end, on loopback: nginx with ``deploy/nginx.conf`` in
front of two app servers, a task worker, PostgreSQL and Redis, all real processes
(``medvirk.testing.topology``). It proves, with figures in its output, that a session
and a rate limit hold across the two app servers, that traffic keeps being served and
no acknowledged input is lost or stored twice while one app server is killed with
SIGKILL under concurrent writers, and that a task whose worker is killed mid-way is
finished by the next worker.

It needs nginx and a PostgreSQL server with Redis (``MEDVIRK_TEST_DATABASE_URL`` and
``MEDVIRK_TEST_REDIS_URL``, as ``bash .ci/run`` sets them); it runs in the PostgreSQL
leg of the suite. Elsewhere it is skipped with a message saying so; under ``CI=true``
it must run."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from collections.abc import Iterator
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from medvirk.testing.topology import REPO, Topology, nginx_executable, opener

pytestmark = pytest.mark.slow

ADMIN_URL = os.environ.get("MEDVIRK_TEST_DATABASE_URL", "")
REDIS_URL = os.environ.get("MEDVIRK_TEST_REDIS_URL", "")


def _missing() -> str:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return "runs in the PostgreSQL leg of the suite (DATABASE_URL set to PostgreSQL)"
    if not (ADMIN_URL and REDIS_URL):
        return "set MEDVIRK_TEST_DATABASE_URL and MEDVIRK_TEST_REDIS_URL (bash .ci/run does)"
    if nginx_executable() is None:
        return "install nginx (Debian's package; bash .ci/run does)"
    return ""


@pytest.fixture
def topology(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Topology]:
    missing = _missing()
    if missing:
        if os.environ.get("CI") == "true" and "leg" not in missing:
            pytest.fail(f"topology test: {missing}")
        pytest.skip(f"topology test: {missing}")
    redis = REDIS_URL.rsplit("/", 1)[0] + "/14"  # a Redis database of its own
    whole = Topology(tmp_path_factory.mktemp("topology"), ADMIN_URL, redis)
    try:
        whole.start()
        yield whole
    finally:
        whole.stop()


def _login(topology: Topology) -> tuple[urllib.request.OpenerDirector, CookieJar]:
    jar = CookieJar()
    client = opener(jar)
    login = topology.base + "/konto/logg-inn/"
    page = client.open(login).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    form = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token.group(1),
            "username": "saksbehandler@medvirk.example",
            "password": "demo-medvirk-2026",
        }
    ).encode()
    request = urllib.request.Request(login, data=form, headers={"Referer": login})
    try:
        client.open(request)
    except urllib.error.HTTPError as answer:  # the redirect after a login
        assert answer.code == 302, answer.read().decode()[-500:]
    return client, jar


IDEAS = "/drammen/aktivitet/ideer-fjell-bydelshus/"


def _submit_idea(
    topology: Topology, client: urllib.request.OpenerDirector, title: str
) -> int | str:
    """Give one idea as a resident would (the form's page first, then the POST); the
    answer's status: 302 when the input was received."""
    url = topology.base + IDEAS
    try:
        page = client.open(url, timeout=30).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token is not None
        form = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token.group(1),
                "submission_key": uuid.uuid4().hex,
                "title": title,
                "text": f"{title}: a longer text so that the idea is a real one to read.",
            }
        ).encode()
        request = urllib.request.Request(url, data=form, headers={"Referer": url})
        with client.open(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as answer:
        return answer.code
    except OSError as error:
        return type(error).__name__


def _stored_titles(topology: Topology, prefix: str) -> Counter[str]:
    import psycopg

    with psycopg.connect(topology.database_url) as connection:
        rows = connection.execute(
            "SELECT title FROM participation_input WHERE title LIKE %s", [prefix + "%"]
        ).fetchall()
    return Counter(row[0] for row in rows)


def _rate_limit_holds_across_both_app_servers(topology: Topology) -> None:
    """One session gives 14 ideas through nginx, which spreads them over both app
    servers; the limit of 10 per session is counted once, in the shared cache."""
    client = opener(CookieJar())
    before = _log_lines(topology)
    answers = Counter(_submit_idea(topology, client, f"topology-rate-{i}") for i in range(14))
    posts = _upstreams(topology, before)
    stored = sum(_stored_titles(topology, "topology-rate-").values())
    print(f"rate limit: 14 ideas from one session: answers {dict(answers)}; stored {stored}")
    assert answers == Counter({302: 10, 400: 4})
    assert stored == 10
    assert len(posts) == 2


def _writers(topology: Topology, results: list[tuple[str, int | str]]) -> list[threading.Thread]:
    """Three residents, each in a session of their own, giving four ideas each."""

    def write(writer: int) -> None:
        client = opener(CookieJar())
        for i in range(4):
            title = f"topology-writer-{writer}-{i}"
            results.append((title, _submit_idea(topology, client, title)))
            time.sleep(0.5)

    return [threading.Thread(target=write, args=(w,)) for w in range(3)]


def _upstreams(topology: Topology, since: int) -> Counter[str]:
    """Which app server answered each request logged after line ``since``."""
    lines = (topology.folder / "nginx" / "upstream.log").read_text().splitlines()[since:]
    return Counter(line.split()[-1] for line in lines)


def _log_lines(topology: Topology) -> int:
    path = topology.folder / "nginx" / "upstream.log"
    return len(path.read_text().splitlines()) if path.exists() else 0


def _session_holds_across_both_app_servers(topology: Topology) -> None:
    client, _jar = _login(topology)
    before = _log_lines(topology)
    signed_in = 0
    for _ in range(20):
        with client.open(topology.base + "/") as response:
            signed_in += "Logg ut" in response.read().decode()
    served_by = _upstreams(topology, before)
    print(f"session: {signed_in} of 20 pages signed in; served by {dict(served_by)}")
    assert signed_in == 20
    assert len(served_by) == 2  # both app servers answered, with the same session


def _traffic_is_served_while_an_app_server_is_killed(topology: Topology) -> None:
    statuses: Counter[int | str] = Counter()
    lock = threading.Lock()
    done = threading.Event()
    client = opener()

    def load() -> None:
        while not done.is_set():
            try:
                with client.open(topology.base + "/", timeout=30) as response:
                    status: int | str = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            except OSError as error:
                status = type(error).__name__
            with lock:
                statuses[status] += 1

    written: list[tuple[str, int | str]] = []
    threads = [threading.Thread(target=load) for _ in range(6)]
    threads += _writers(topology, written)
    for thread in threads:
        thread.start()
    time.sleep(3)
    before_kill = sum(statuses.values())
    topology.kill(topology.apps[0])
    time.sleep(6)
    done.set()
    for thread in threads:
        thread.join()
    total = sum(statuses.values())
    print(
        f"SIGKILL of one app server under load: {total} page requests ({before_kill} before "
        f"the kill, {total - before_kill} after), answers {dict(statuses)}"
    )
    assert total - before_kill > 20
    assert statuses == Counter({200: total})
    acknowledged = [title for title, status in written if status == 302]
    stored = _stored_titles(topology, "topology-writer-")
    print(
        f"writers during the kill: {len(written)} ideas given, answers "
        f"{dict(Counter(status for _t, status in written))}; {len(acknowledged)} "
        f"acknowledged, {sum(stored.values())} stored, stored twice: "
        f"{sorted(t for t, n in stored.items() if n > 1)}, acknowledged but lost: "
        f"{sorted(set(acknowledged) - set(stored))}"
    )
    assert set(acknowledged) <= set(stored)
    assert all(count == 1 for count in stored.values())
    topology.apps[0] = topology.start_app(topology.app_ports[0])


def _a_task_of_a_killed_worker_is_finished_by_the_next(topology: Topology) -> None:
    marks = topology.folder / "marks"
    marks.mkdir()
    enqueue = (
        "import django; django.setup();"
        "from medvirk.core.tests.worker_tasks import record_attempt;"
        f"print(record_attempt.enqueue({str(marks)!r}, 120).id)"
    )
    subprocess.run(
        [sys.executable, "-c", enqueue],
        env=topology.env(),
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    _wait_for(marks / "attempt-1", 60)
    assert topology.worker is not None
    topology.kill(topology.worker)
    killed = time.monotonic()
    topology.start_worker()
    _wait_for(marks / "done-2", 90)
    print(f"worker SIGKILLed mid-task: the task finished {time.monotonic() - killed:.1f} s later")
    assert not (marks / "done-1").exists()


def _wait_for(path: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path.name} did not appear within {seconds} s"
        time.sleep(0.1)


def test_the_production_topology_holds_sessions_and_survives_killed_processes(
    topology: Topology,
) -> None:
    """One test (one topology, on one test worker): the checks run in this order, each
    printing its figures."""
    _session_holds_across_both_app_servers(topology)
    _rate_limit_holds_across_both_app_servers(topology)
    _traffic_is_served_while_an_app_server_is_killed(topology)
    _a_task_of_a_killed_worker_is_finished_by_the_next(topology)
