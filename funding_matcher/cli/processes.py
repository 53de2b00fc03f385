"""Server processes sharing one listening socket: the matcher's work is Python under one lock per
process, so a second core serves requests only through a second process.

The parent binds the socket, forks the workers and only watches them: a worker that dies is
replaced, unless it failed right after its start (its error is then every worker's: the server
stops with a message instead of starting it again and again); SIGTERM or Ctrl+C stops them all.
The application is built before the fork (server.py closes its database connections first),
so no connection or thread crosses a process boundary. What workers share lives in the
database (the catalogue version the engine cache checks, the sign-in throttle) or the instance
folder (the secret key); the PDF reader's limits hold per worker."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import time
import traceback
from collections.abc import Callable

EARLY_EXIT_SECONDS = 5.0  # a worker failing this soon after its start is a broken start


class WorkerFailed(RuntimeError):
    """A worker ended right after its start: starting more would fail the same way."""


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` and listening, for every worker to accept from."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    sock.setblocking(False)
    return sock


def supervise(work: Callable[[], None], workers: int) -> None:
    """Run ``work`` in ``workers`` forked processes until SIGTERM or SIGINT; replace a worker
    that ends (killed, or failing later on). Returns once every worker has ended; raises
    WorkerFailed (after stopping the others) when one fails right after its start."""
    children: dict[int, float] = {}  # pid -> when it started
    stopping = False

    def start() -> None:
        pid = os.fork()
        if pid == 0:  # the worker: never returns into the parent's code
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            code = 0
            try:
                work()
            except BaseException:  # noqa: BLE001 - any end of a worker is reported, then counted
                traceback.print_exc()
                code = 1
            finally:
                os._exit(code)
        children[pid] = time.monotonic()

    def stop(_signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            with contextlib.suppress(ProcessLookupError):  # ended meanwhile
                os.kill(pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for _ in range(workers):
        start()
    failed = False
    while children:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        started = children.pop(pid, None)
        if started is None or stopping:
            continue
        broken = os.WIFEXITED(status) and os.WEXITSTATUS(status) != 0
        if broken and time.monotonic() - started < EARLY_EXIT_SECONDS:
            failed = True
            stop(signal.SIGTERM, None)
        else:
            start()
    if failed:
        raise WorkerFailed("Ein Serverprozess endete gleich nach dem Start (Meldung siehe oben).")
