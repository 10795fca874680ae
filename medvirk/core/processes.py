"""Run the web server, the task worker and the scheduler as one command.

``medvirk serve`` (and so ``make run``) starts them as child processes and watches them:
a worker or scheduler that exits is started again after a pause; when the web server
exits, or on Ctrl+C (SIGINT) or SIGTERM, every child is asked to stop (SIGTERM), given
:data:`STOP_SECONDS` to finish, then killed. Pure Python, no Django.
"""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from types import FrameType

STOP_SECONDS = 10.0
RESTART_PAUSE_SECONDS = 1.0
POLL_SECONDS = 0.2


@dataclass
class Child:
    """One supervised process: its name, its command, and whether it is restarted when
    it exits (the web server is not: its exit ends the whole)."""

    name: str
    command: Sequence[str]
    restart: bool
    process: subprocess.Popen[bytes] | None = None
    restarts: int = 0
    next_start: float = field(default=0.0)

    def start(self) -> None:
        self.process = subprocess.Popen(list(self.command))
        print(f"medvirk: started {self.name} (pid {self.process.pid})", flush=True)


class Supervisor:
    def __init__(self, children: list[Child]) -> None:
        self.children = children
        self.stopping = False

    def _stop_signal(self, signum: int, _frame: FrameType | None) -> None:
        self.stopping = True

    def run(self) -> int:
        """Start every child and watch them; the web server's exit code is returned."""
        previous = {
            sig: signal.signal(sig, self._stop_signal) for sig in (signal.SIGINT, signal.SIGTERM)
        }
        try:
            for child in self.children:
                child.start()
            return self._watch()
        finally:
            self._stop_all()
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _watch(self) -> int:
        while not self.stopping:
            now = time.monotonic()
            for child in self.children:
                if child.process is None:
                    if now >= child.next_start:
                        child.start()
                    continue
                code = child.process.poll()
                if code is None:
                    continue
                if not child.restart:
                    print(f"medvirk: {child.name} exited ({code}); stopping", flush=True)
                    return code
                child.restarts += 1
                print(
                    f"medvirk: {child.name} exited ({code}); starting it again",
                    file=sys.stderr,
                    flush=True,
                )
                child.process = None
                child.next_start = now + RESTART_PAUSE_SECONDS
            time.sleep(POLL_SECONDS)
        return 0

    def _stop_all(self) -> None:
        running = [c.process for c in self.children if c.process and c.process.poll() is None]
        for process in running:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_SECONDS
        for process in running:
            try:
                process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
