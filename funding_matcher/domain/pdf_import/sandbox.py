"""Parent side of the extraction: start the worker, enforce the limits, trust only its JSON."""

from __future__ import annotations

import atexit
import functools
import importlib.util
import json
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from funding_matcher.domain.german import format_megabytes, format_number, format_seconds
from funding_matcher.domain.pdf_import.errors import PdfImportError, pdf_error

WORKER = Path(__file__).resolve().with_name("worker.py")
# Time kept back from the wall-clock limit to kill the worker and still answer within it.
KILL_MARGIN_SECONDS = 0.4
PAGE_ERRORS = {"loop", "damaged", "unsupported_filter", "broken_xref", "truncated", "memory"}
WORKER_ERRORS = PAGE_ERRORS | {
    "empty",
    "not_pdf",
    "password_required",
    "password_wrong",
    "too_many_pages",
    "bomb",
    "too_complex",
}


@dataclass(frozen=True)
class Limits:
    """How much one file may cost: wall-clock time, memory, pages and upload size."""

    seconds: float = 5.0
    memory_mb: int = 512
    max_pages: int = 500
    max_bytes: int = 10 * 1024 * 1024
    stream_mb: int = 32  # largest stream pypdf may unpack; beyond it the file counts as a bomb

    def __post_init__(self) -> None:
        for name in ("seconds", "memory_mb", "max_pages", "max_bytes", "stream_mb"):
            if getattr(self, name) <= 0:
                raise ValueError(f"Limits.{name} muss größer als 0 sein")


@dataclass(frozen=True)
class RawLine:
    """One line as the worker saw it: text, height on the page (0 top, 1 bottom), font size
    in points and whether it is bold; position and size are None where the worker fell back
    to pypdf's plain text."""

    text: str
    top: float | None = None
    size: float | None = None
    bold: bool = False


@dataclass(frozen=True)
class RawPage:
    """One page as the worker saw it: its lines, and flags."""

    lines: list[RawLine]
    has_images: bool
    error: str | None
    detail: str
    fallback: bool


@dataclass(frozen=True)
class RawDocument:
    """The worker's answer, checked."""

    pages: list[RawPage]
    encrypted: bool
    repaired: bool = False


def load_bytes(source: bytes | str | Path, limits: Limits) -> bytes:
    """The file's bytes, refusing anything over the upload limit before reading it whole."""
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
    else:
        path = Path(source)
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise _too_large(size, limits)
        with path.open("rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise _too_large(len(data), limits)
    if not data:
        raise pdf_error("empty")
    if b"%PDF-" not in data[:1024]:
        raise pdf_error("not_pdf")
    return data


class WarmWorkers:
    """Started workers waiting for their file, ``size`` per set of limits.

    Every file is still read by a fresh process that reads nothing else; only its start (the
    interpreter and pypdf, about 0.13 s) moves off the request: when a worker is taken, the
    pool is topped up at once, so the next file finds one ready. A batch import reads two files
    at a time and keeps two waiting (``sized``).
    """

    def __init__(self, size: int = 1) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._waiting: dict[tuple[str, ...], list[subprocess.Popen]] = {}
        atexit.register(self.close)

    def take(self, command: list[str]) -> subprocess.Popen:
        """A started worker for ``command`` (a fresh one when none is waiting)."""
        key = tuple(command)
        with self._lock:
            pool = self._waiting.setdefault(key, [])
            process = pool.pop(0) if pool else None
        if process is None or process.poll() is not None:
            if process is not None:
                _reap(process)
            process = _start(command)
        self._top_up(command)
        return process

    def _top_up(self, command: list[str]) -> None:
        key = tuple(command)
        while True:
            with self._lock:
                if len(self._waiting.setdefault(key, [])) >= self.size:
                    return
            spare = _start(command, quiet=True)
            if spare is None:
                return
            with self._lock:
                pool = self._waiting[key]
                extra = len(pool) >= self.size  # another thread topped up meanwhile
                if not extra:
                    pool.append(spare)
            if extra:
                _reap(spare)
                return

    @contextmanager
    def sized(self, size: int) -> Iterator[None]:
        """Keep ``size`` workers waiting while the block runs (a batch), then fewer again."""
        with self._lock:
            before, self.size = self.size, max(self.size, size)
        try:
            yield
        finally:
            with self._lock:
                self.size = before
                surplus = [process for pool in self._waiting.values() for process in pool[before:]]
                for pool in self._waiting.values():
                    del pool[before:]
            for process in surplus:
                _reap(process)

    def close(self) -> None:
        """End the waiting workers (at exit, and in tests)."""
        with self._lock:
            waiting = [process for pool in self._waiting.values() for process in pool]
            self._waiting = {}
        for process in waiting:
            _reap(process)


def _start(command: list[str], quiet: bool = False) -> subprocess.Popen | None:
    # The command is this interpreter and the worker file next to this module; nothing from
    # the upload reaches the command line.
    try:
        return subprocess.Popen(  # noqa: S603
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
    except OSError as exc:  # no process slots or memory left on this machine
        if quiet:
            return None
        detail = f"Prüfprozess ließ sich nicht starten: {exc.strerror}"
        raise pdf_error("crashed", detail=detail) from None


def _reap(process: subprocess.Popen) -> None:
    """Let a worker that got no file end (empty input), or kill it."""
    with process:
        try:
            process.communicate(b"", timeout=2)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


WARM = WarmWorkers()


def run_worker(data: bytes, password: str | None, limits: Limits, started: float) -> RawDocument:
    """Read ``data`` in a fresh interpreter; raise PdfImportError for every failure."""
    command = [
        sys.executable,
        "-I",  # isolated: no user site, no PYTHON* variables, no current directory on the path
        "-S",  # no site module: only the folder that holds pypdf is added (--site-dir)
        str(WORKER),
        "--site-dir",
        _site_dir(),
        "--seconds",
        str(limits.seconds),
        "--memory-mb",
        str(limits.memory_mb),
        "--max-pages",
        str(limits.max_pages),
        "--stream-mb",
        str(limits.stream_mb),
    ]
    if b"/Encrypt" not in data:
        command.append("--no-crypto")  # a worker of the pool that needs no AES library
    payload = json.dumps({"password": password}).encode("utf-8") + b"\n" + data
    process = WARM.take(command)
    remaining = limits.seconds - (time.monotonic() - started) - KILL_MARGIN_SECONDS
    with process:  # closes the pipes and reaps the process on every way out
        try:
            stdout, stderr = process.communicate(payload, timeout=max(remaining, 0.05))
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise pdf_error("timeout", limit=format_seconds(limits.seconds)) from None
    return parse_answer(process.returncode, stdout, stderr, limits)


@functools.cache
def _site_dir() -> str:
    """The folder pypdf is installed in, for workers started without the site module."""
    spec = importlib.util.find_spec("pypdf")
    if spec is None or spec.origin is None:  # pragma: no cover - pypdf is a dependency
        raise RuntimeError("pypdf ist nicht installiert")
    return str(Path(spec.origin).resolve().parent.parent)


def parse_answer(returncode: int, stdout: bytes, stderr: bytes, limits: Limits) -> RawDocument:
    """Check the worker's exit status and JSON; the pages, or PdfImportError."""
    if returncode != 0 or not stdout:
        if b"MemoryError" in stderr or returncode == -signal.SIGKILL:
            raise _limit_error("memory", limits)
        if returncode == -signal.SIGXCPU:
            raise pdf_error("timeout", limit=format_seconds(limits.seconds))
        error = pdf_error("crashed", detail=f"Prüfprozess endete mit Status {returncode}")
        error.log = stderr[-2000:].decode("utf-8", "replace")  # for the server log, not the user
        raise error
    try:
        answer = json.loads(stdout)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise pdf_error("crashed", detail="unlesbare Antwort des Prüfprozesses") from None
    if not isinstance(answer, dict) or answer.get("status") not in ("ok", "error"):
        raise _unexpected()
    if answer["status"] == "error":
        raise _worker_error(answer, limits)
    return _document(answer, limits)


def _worker_error(answer: dict[str, Any], limits: Limits) -> PdfImportError:
    code = answer.get("code")
    if code not in WORKER_ERRORS:
        return _unexpected()
    detail = answer.get("detail")
    detail = detail[:200] if isinstance(detail, str) else ""
    actual = answer.get("actual")
    if code == "too_many_pages" and isinstance(actual, int):
        return pdf_error(code, actual=format_number(actual), limit=format_number(limits.max_pages))
    if code in ("memory", "bomb"):
        return _limit_error(code, limits, detail)
    return pdf_error(code, detail=detail)


def _document(answer: dict[str, Any], limits: Limits) -> RawDocument:
    pages = answer.get("pages")
    if not isinstance(pages, list) or len(pages) > limits.max_pages:
        raise _unexpected()
    return RawDocument(
        [_page(page) for page in pages],
        encrypted=answer.get("encrypted") is True,
        repaired=answer.get("repaired") is True,
    )


def _page(page: Any) -> RawPage:
    if not isinstance(page, dict) or not isinstance(page.get("lines"), list):
        raise _unexpected()
    lines: list[RawLine] = []
    for line in page["lines"]:
        if not (isinstance(line, list) and len(line) in (2, 4) and isinstance(line[0], str)):
            raise _unexpected()
        top = line[1]
        position = float(top) if _number(top) and -1.0 <= top <= 2.0 else None
        size = line[2] if len(line) == 4 else None
        points = float(size) if _number(size) and 0 < size < 1000 else None
        bold = len(line) == 4 and line[3] is True
        lines.append(RawLine(line[0], position, points, bold))
    error = page.get("error")
    detail = page.get("detail")
    return RawPage(
        lines=lines,
        has_images=page.get("images") is True,
        error=error if error in PAGE_ERRORS else None,
        detail=detail[:80] if isinstance(detail, str) else "",
        fallback=page.get("fallback") is True,
    )


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _limit_error(code: str, limits: Limits, detail: str = "") -> PdfImportError:
    if code == "bomb":
        return pdf_error(
            code, limit=format_megabytes(limits.stream_mb * 1024 * 1024), detail=detail
        )
    return pdf_error(code, limit=format_megabytes(limits.memory_mb * 1024 * 1024))


def _too_large(size: int, limits: Limits) -> PdfImportError:
    return pdf_error(
        "too_large", actual=format_megabytes(size), limit=format_megabytes(limits.max_bytes)
    )


def _unexpected() -> PdfImportError:
    return pdf_error("crashed", detail="unerwartete Antwort des Prüfprozesses")
