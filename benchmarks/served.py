"""The application served by waitress in a child process, for the benchmarks that load it over
HTTP (throughput.py, load_test.py, match_concurrency.py)."""

from __future__ import annotations

import os
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
def served(
    env: dict[str, str], threads: int, processes: int | None = None, log: bool = False
) -> Iterator[tuple[str, int]]:
    """``funding-matcher serve`` on a free port: its base URL and process id once it answers;
    stopped on leaving the block. ``processes``: the server's own default (one per core) unless
    given. ``log``: keep the server's log on stderr."""
    port = free_port()
    command = [BIN / "funding-matcher", "serve", "--port", str(port), "--threads", str(threads)]
    if processes is not None:
        command += ["--processes", str(processes)]
    server = subprocess.Popen(
        command,
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


def process_tree(pid: int) -> list[int]:
    """``pid`` and every process below it (the server's workers)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            todo += [int(child) for child in task.read_text().split()]
    return found


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) the server's processes have used so far."""
    total = 0
    for each in process_tree(pid):
        fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    """Resident memory of the server's processes together, in MB."""
    total = 0.0
    for each in process_tree(pid):
        for line in Path(f"/proc/{each}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) / 1024
    return total
