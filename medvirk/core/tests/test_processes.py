"""``medvirk serve`` runs the web server, the worker and the scheduler as one: a worker
that exits is started again, the web server's exit or a stop signal stops them all."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from medvirk.core import processes
from medvirk.core.processes import Child, Supervisor


def _sleeper(seconds: float) -> list[str]:
    return [sys.executable, "-c", f"import time; time.sleep({seconds})"]


def test_the_web_server_exit_stops_the_others_and_gives_its_code() -> None:
    web = Child(
        "web", [sys.executable, "-c", "import time, sys; time.sleep(0.5); sys.exit(3)"], False
    )
    worker = Child("worker", _sleeper(60), True)
    assert Supervisor([web, worker]).run() == 3
    assert worker.process is not None
    assert worker.process.poll() is not None  # stopped, not left behind


def test_a_worker_that_exits_is_started_again(monkeypatch) -> None:
    monkeypatch.setattr(processes, "RESTART_PAUSE_SECONDS", 0.1)
    web = Child("web", _sleeper(2.5), False)
    worker = Child("worker", [sys.executable, "-c", "pass"], True)
    assert Supervisor([web, worker]).run() == 0
    assert worker.restarts >= 3


def test_sigterm_stops_every_child(tmp_path: Path) -> None:
    """The whole in a process of its own, stopped with SIGTERM as a service manager
    would: every child is gone afterwards."""
    pids = tmp_path / "pids"
    script = textwrap.dedent(
        f"""
        import sys, time
        from medvirk.core.processes import Child, Supervisor
        sleep = [sys.executable, "-c", "import time; time.sleep(60)"]
        children = [Child("web", sleep, False), Child("worker", sleep, True)]
        supervisor = Supervisor(children)
        import threading
        def write():
            time.sleep(1)
            open({str(pids)!r}, "w").write(" ".join(str(c.process.pid) for c in children))
        threading.Thread(target=write).start()
        sys.exit(supervisor.run())
        """
    )
    whole = subprocess.Popen([sys.executable, "-c", script])
    for _ in range(100):
        if pids.exists() and pids.read_text():
            break
        time.sleep(0.1)
    children = [int(pid) for pid in pids.read_text().split()]
    whole.send_signal(signal.SIGTERM)
    assert whole.wait(timeout=30) == 0
    for pid in children:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        # A zombie until reaped is gone too; anything else is a process left behind.
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
        assert state == "Z", f"child {pid} still running"
