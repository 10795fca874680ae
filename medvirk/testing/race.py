"""Run writers at the same moment in threads, each with its own database connection.

On PostgreSQL a racing writer waits for the row lock. SQLite's shared in-memory test
database answers "table is locked" at once instead of waiting as the file database does
(its busy timeout); there the writer retries, which is what the busy timeout would do.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import OperationalError, close_old_connections, connections


def race(*actions: Callable[[], Any]) -> list[str]:
    """Release the actions together; return "ok" or "refused" for each."""
    barrier = threading.Barrier(len(actions))
    outcomes = ["" for _ in actions]

    def run(index: int, action: Callable[[], Any]) -> None:
        close_old_connections()
        try:
            barrier.wait(timeout=30)
            for _attempt in range(200):
                try:
                    action()
                    outcomes[index] = "ok"
                    return
                except OperationalError as exc:
                    if "locked" not in str(exc):
                        raise
                    time.sleep(0.01)
            outcomes[index] = "still locked"
        except ValidationError:
            outcomes[index] = "refused"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
