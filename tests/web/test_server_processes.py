"""``funding-matcher serve`` in several processes, as an administrator starts it: every worker
answers on the one port, a worker that dies is replaced, SIGTERM ends them all, a taken port
and a broken start say so in one sentence, and processes starting at once share one secret key."""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from funding_matcher.config import SECRET_KEY_FILE, load_or_create_secret_key

BIN = Path(sys.executable).parent / "funding-matcher"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def workers_of(pid: int) -> set[int]:
    children: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        children |= {int(child) for child in task.read_text().split()}
    return children


def wait_for(condition, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "waited in vain"
        time.sleep(0.1)


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310 - our own http URL
            return answer.status == 200
    except OSError:
        return False


@pytest.fixture
def server_env(tmp_path: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "FUNDING_MATCHER_INSTANCE": str(tmp_path / "instance"),
        "FUNDING_MATCHER_CATALOGUE_DIR": str(tmp_path / "programs"),
    }
    env.pop("FUNDING_MATCHER_DATABASE_URL", None)  # a SQLite file of its own
    (tmp_path / "programs").mkdir()
    subprocess.run([BIN, "db", "upgrade"], env=env, check=True, capture_output=True)
    return env


@pytest.fixture
def serving(server_env: dict[str, str], tmp_path: Path) -> Iterator[tuple[subprocess.Popen, str]]:
    """The server with two workers; what it prints goes to ``tmp_path / "out.txt"``."""
    port = free_port()
    with (tmp_path / "out.txt").open("w") as out:
        server = subprocess.Popen(
            [BIN, "serve", "--port", str(port), "--processes", "2", "--threads", "2"],
            env=server_env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/anmelden"
    try:
        wait_for(lambda: answers(url))
        yield server, url
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(timeout=10)


def test_two_workers_answer_a_killed_one_is_replaced_and_sigterm_ends_all(serving, tmp_path):
    server, url = serving
    wait_for(lambda: len(workers_of(server.pid)) == 2)
    first = workers_of(server.pid)
    assert all(answers(url) for _ in range(20))

    victim = min(first)
    os.kill(victim, signal.SIGKILL)
    wait_for(lambda: len(workers_of(server.pid)) == 2 and victim not in workers_of(server.pid))
    wait_for(lambda: answers(url))

    workers = workers_of(server.pid)
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=15) == 0
    for pid in workers:
        wait_for(lambda pid=pid: not Path(f"/proc/{pid}").exists() or zombie(pid), 10)
    assert "in 2 Prozessen" in (tmp_path / "out.txt").read_text(encoding="utf-8")


def zombie(pid: int) -> bool:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"


def test_a_taken_port_is_one_sentence(serving, server_env):
    _server, url = serving
    port = url.split(":")[2].split("/")[0]
    done = subprocess.run(
        [BIN, "serve", "--port", port, "--processes", "2"],
        env=server_env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 1
    assert f"127.0.0.1:{port} ist nicht verfügbar" in done.stderr
    assert "Traceback" not in done.stderr


SUPERVISED = """
import sys, time
from funding_matcher.cli.processes import WorkerFailed, supervise
def work():
    if sys.argv[1] == "fails":
        raise RuntimeError("Datenbank nicht erreichbar")
    time.sleep(60)
try:
    supervise(work, 2)
except WorkerFailed as exc:
    print(exc)
    sys.exit(1)
"""


def test_a_worker_failing_at_its_start_stops_the_server_with_a_message():
    done = subprocess.run(
        [sys.executable, "-c", SUPERVISED, "fails"], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 1
    assert "Ein Serverprozess endete gleich nach dem Start" in done.stdout
    assert "RuntimeError: Datenbank nicht erreichbar" in done.stderr  # the worker's own error


def test_sigint_ends_every_worker():
    run = subprocess.Popen([sys.executable, "-c", SUPERVISED, "serves"])
    try:
        wait_for(lambda: len(workers_of(run.pid)) == 2)
        workers = workers_of(run.pid)
        run.send_signal(signal.SIGINT)
        assert run.wait(timeout=15) == 0
        assert not any(Path(f"/proc/{pid}").exists() and not zombie(pid) for pid in workers)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()


def _key(folder: str, start: float) -> str:
    time.sleep(max(start - time.time(), 0))
    return load_or_create_secret_key(Path(folder))


def test_workers_starting_at_once_share_one_secret_key(tmp_path):
    """Sessions and sign-in forms signed by one worker are read by another."""
    start = time.time() + 0.5
    with multiprocessing.get_context("fork").Pool(6) as pool:
        keys = pool.starmap(_key, [(str(tmp_path), start)] * 12)
    assert len(set(keys)) == 1
    assert (tmp_path / SECRET_KEY_FILE).read_text(encoding="utf-8") == keys[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == [SECRET_KEY_FILE]


def test_an_empty_key_file_left_by_a_dead_start_is_replaced(tmp_path):
    (tmp_path / SECRET_KEY_FILE).write_text("", encoding="utf-8")
    key = load_or_create_secret_key(tmp_path)
    assert len(key) == 64
    assert load_or_create_secret_key(tmp_path) == key
    assert (tmp_path / SECRET_KEY_FILE).stat().st_mode & 0o777 == 0o600
