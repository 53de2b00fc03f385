"""The application served by waitress in a child process, for the benchmarks that load it over
HTTP (throughput.py, load_test.py, match_concurrency.py)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def served(env: dict[str, str], threads: int, log: bool = False) -> Iterator[tuple[str, int]]:
    """``funding-matcher serve`` on a free port: its base URL and process id once it answers;
    stopped on leaving the block. ``log``: keep the server's log on stderr."""
    port = free_port()
    server = subprocess.Popen(
        [BIN / "funding-matcher", "serve", "--port", str(port), "--threads", str(threads)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=None if log else subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/anmelden", timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        yield base, server.pid
    finally:
        server.terminate()
        server.wait(timeout=10)
