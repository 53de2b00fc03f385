"""A waitress server answering from a thread of the test, stopped cleanly."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def serving(server) -> Iterator[None]:
    """Serve ``server`` (a waitress server) until the block ends. The loop's own thread stops
    the workers, then closes the server and every open connection: closing it from the test
    thread while the loop waited in select() or a worker still answered gave "Bad file
    descriptor" now and then."""
    stopping = threading.Event()

    def serve() -> None:
        while not stopping.is_set():
            server.asyncore.loop(timeout=0.05, map=server._map, count=1)
        server.task_dispatcher.shutdown()
        server.asyncore.close_all(server._map)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stopping.set()
        thread.join(timeout=10)
