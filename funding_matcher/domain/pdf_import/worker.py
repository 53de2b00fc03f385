"""Child process: read one PDF from stdin under hard limits and print its text as JSON.

The sandbox runs ``python -I -S worker.py --site-dir DIR --seconds 5 --memory-mb 512 --max-pages
500 --stream-mb 32 [--no-crypto]``.
Standard input carries one JSON line (``{"password": ...}``) and then the PDF bytes, so neither
the file nor the password ever touches the disk or the command line; standard output gets one
JSON object.
The worker imports only the standard library, pypdf and its siblings ``glyphs``, ``textlines``
and ``textlayer`` (loaded by path, so the application with Flask never starts here) and may not
create files at all.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import logging
import math
import os
import resource
import sys
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any

TOKEN_BUDGET = 2_000_000
TEXT_BUDGET_CHARS = 10_000_000
HEADER_LIMIT = 64 * 1024


class ReadFailure(Exception):
    """A reason the file cannot be read, as a code the parent turns into a German sentence."""

    def __init__(self, code: str, detail: str = "", actual: int | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail
        self.actual = actual


def load_textlayer() -> ModuleType:
    """The fast text reader: the package module, or (run as a script) the sibling files."""
    if "_pdf_import_textlayer" in sys.modules:  # loaded while the worker waited for its file
        return sys.modules["_pdf_import_textlayer"]
    if __package__:
        from funding_matcher.domain.pdf_import import textlayer

        return textlayer
    for name in ("glyphs", "textlines", "textlayer"):  # each finds the earlier ones by name
        path = Path(__file__).resolve().with_name(f"{name}.py")
        spec = importlib.util.spec_from_file_location(f"_pdf_import_{name}", path)
        if spec is None or spec.loader is None:  # pragma: no cover - the files ship together
            raise ImportError(path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    return sys.modules["_pdf_import_textlayer"]


def limit_resources(seconds: float, memory_mb: int) -> None:
    """Cap address space and CPU time, and forbid writing files or core dumps."""
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = math.ceil(seconds) + 1  # a backstop: the parent kills at the wall-clock limit
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def classify(exc: BaseException) -> ReadFailure:
    """Map a pypdf (or Python) exception to a failure code with a short detail."""
    from pypdf.errors import (
        DependencyError,
        FileNotDecryptedError,
        LimitReachedError,
        PdfReadError,
        PdfStreamError,
    )

    text = str(exc)
    lowered = text.lower()
    if isinstance(exc, ReadFailure):
        return exc
    if isinstance(exc, MemoryError):
        return ReadFailure("memory")
    if isinstance(exc, RecursionError):
        return ReadFailure("loop", "zu tief verschachtelte Objekte")
    if isinstance(exc, LimitReachedError):
        if "page tree" in lowered and "entr" in lowered:
            return ReadFailure("too_complex", "ihr Seitenbaum zu viele Einträge hat")
        if "decompress" in lowered or "length" in lowered or "size" in lowered:
            return ReadFailure("bomb", "Grenze von pypdf erreicht")
        if any(word in lowered for word in ("cycl", "loop", "self reference", "depth")):
            return ReadFailure("loop", _loop_detail(lowered))
        return ReadFailure("too_complex", "die Datei zu viele Objekte enthält")
    if isinstance(exc, NotImplementedError) and "filter" in lowered:
        return ReadFailure("unsupported_filter", text.rsplit(" ", 1)[-1][:40])
    if isinstance(exc, FileNotDecryptedError):
        return ReadFailure("password_required")
    if isinstance(exc, DependencyError):
        return ReadFailure("damaged", "Verschlüsselung wird nicht unterstützt")
    if isinstance(exc, PdfReadError | PdfStreamError):
        if "cyclic" in lowered or "loop" in lowered:
            return ReadFailure("loop", _loop_detail(lowered))
        if "startxref" in lowered or "eof marker" in lowered or "ended unexpectedly" in lowered:
            return ReadFailure("truncated")
        if "xref" in lowered or "trailer" in lowered:
            return ReadFailure("broken_xref", "Querverweis nicht lesbar")
        if "/pages" in lowered or "page" in lowered:
            return ReadFailure("damaged", "der Seitenbaum ist unlesbar")
        return ReadFailure("damaged", "Objekte unlesbar")
    return ReadFailure("damaged", type(exc).__name__)


def _loop_detail(lowered: str) -> str:
    if "page" in lowered:
        return "Schleife oder zu tiefe Verschachtelung im Seitenbaum"
    if "self reference" in lowered:
        return "ein Objekt verweist auf sich selbst"
    return "Schleife zwischen Objekten"


def open_reader(data: bytes, password: str | None) -> Any:
    """A pypdf reader for ``data``, decrypted with ``password`` (or the empty one)."""
    from pypdf import PasswordType, PdfReader

    if not data:
        raise ReadFailure("empty")
    if b"%PDF-" not in data[:1024]:
        raise ReadFailure("not_pdf")
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        tried = [password, ""] if password else [""]
        if all(reader.decrypt(pw) == PasswordType.NOT_DECRYPTED for pw in tried):
            raise ReadFailure("password_wrong" if password else "password_required")
    return reader


def read_document(data: bytes, password: str | None, max_pages: int) -> dict[str, Any]:
    """Every page's text lines and flags, or a ReadFailure."""
    textlayer = load_textlayer()
    reader = open_reader(data, password)
    count = len(reader.pages)
    if count > max_pages:
        raise ReadFailure("too_many_pages", actual=count)
    fonts: dict[Any, Any] = {}
    pages: list[dict[str, Any]] = []
    chars = 0
    for page in reader.pages:
        entry = read_page(textlayer, page, fonts)
        chars += sum(len(line[0]) for line in entry["lines"])
        if chars > TEXT_BUDGET_CHARS:
            raise ReadFailure("too_complex", "die Datei mehr als 10 Millionen Zeichen Text enthält")
        pages.append(entry)
    return {"status": "ok", "encrypted": bool(reader.is_encrypted), "pages": pages}


def read_page(textlayer: ModuleType, page: Any, fonts: dict[Any, Any]) -> dict[str, Any]:
    """One page: fast reader first, pypdf's extract_text when the fast one gives up."""
    from pypdf.errors import LimitReachedError

    entry: dict[str, Any] = {
        "lines": [],
        "images": False,
        "error": None,
        "detail": "",
        "fallback": False,
    }
    try:
        text = textlayer.read_page(page, fonts, TOKEN_BUDGET)
        entry["lines"] = [
            [_clean(line.text), line.top, line.size, line.bold] for line in text.lines
        ]
        entry["images"] = text.has_images
        return entry
    except textlayer.TooComplex as exc:
        raise ReadFailure("too_complex", f"eine Seite zu aufwendig ist: {exc}") from exc
    except textlayer.Unsupported:
        entry["fallback"] = True
    except (MemoryError, LimitReachedError, RecursionError):
        raise
    except Exception as exc:  # noqa: BLE001 - any other failure is reported for this page
        failure = classify(exc)
        entry["error"], entry["detail"] = failure.code, failure.detail
        return entry
    try:
        plain = page.extract_text()
    except (MemoryError, LimitReachedError, RecursionError):
        raise
    except Exception as exc:  # noqa: BLE001
        failure = classify(exc)
        entry["error"], entry["detail"] = failure.code, failure.detail
        return entry
    entry["lines"] = [
        [_clean(line), None, None, False] for line in plain.splitlines() if line.strip()
    ]
    return entry


def _clean(text: str) -> str:
    """Text safe for JSON: lone surrogates and control characters replaced."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    return "".join(ch if ch >= " " or ch == "\t" else " " for ch in text)


class RepairLog(logging.Handler):
    """Collects pypdf's notes; those about the cross-reference table mean it repaired the file."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.repaired = False

    def emit(self, record: logging.LogRecord) -> None:
        """Note whether pypdf reports a repair of the cross-reference table."""
        message = record.getMessage().lower()
        if any(word in message for word in ("xref", "eof marker", "object streams", "rebuild")):
            self.repaired = True


def pypdf_limits(stream_mb: int) -> dict[str, int]:
    """pypdf's own limits, tightened: no stream may unpack to more than ``stream_mb``."""
    stream_bytes = stream_mb * 1024 * 1024
    names = (
        "zlib_maximum_output_length",
        "lzw_maximum_output_length",
        "run_length_maximum_output_length",
        "brotli_maximum_output_length",
        "array_based_stream_maximum_output_length",
        "jbig2_maximum_output_length",
    )
    return {
        **dict.fromkeys(names, stream_bytes),
        "stream_decoding_work_maximum_length": 4 * stream_bytes,
        "stream_parsing_work_maximum_count": TOKEN_BUDGET,
    }


def answer(data: bytes, password: str | None, max_pages: int, stream_mb: int) -> dict[str, Any]:
    """The JSON answer for one file: its pages, or the reason it cannot be read."""
    log = RepairLog()
    pypdf_log = logging.getLogger("pypdf")
    pypdf_log.addHandler(log)
    pypdf_log.propagate = False
    try:
        from pypdf import apply_configuration

        with apply_configuration(**pypdf_limits(stream_mb)):
            result = read_document(data, password, max_pages)
        result["repaired"] = log.repaired
        return result
    except BaseException as exc:  # noqa: BLE001 - every failure becomes an answer
        failure = classify(exc)
        if failure.code in ("damaged", "broken_xref") and b"%%EOF" not in data[-2048:]:
            failure = ReadFailure("truncated")
        elif failure.code == "damaged" and log.repaired:
            failure = ReadFailure("broken_xref", failure.detail)
        return {
            "status": "error",
            "code": failure.code,
            "detail": failure.detail,
            "actual": failure.actual,
        }


def main(argv: list[str] | None = None) -> int:
    """Read limits from argv, the request from stdin; print one JSON object."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--memory-mb", type=int, default=512)
    parser.add_argument("--max-pages", type=int, default=500)
    parser.add_argument("--stream-mb", type=int, default=32)
    parser.add_argument("--site-dir", default=None, help="where pypdf is installed")
    parser.add_argument("--no-crypto", action="store_true", help="the file is not encrypted")
    args = parser.parse_args(argv)
    limit_resources(args.seconds, args.memory_mb)
    warnings.simplefilter("ignore")
    if args.site_dir:
        # started with -S (no site module: a third of the start-up time); pypdf's folder only
        sys.path.append(args.site_dir)
    if args.no_crypto:
        # A file without an /Encrypt entry needs no AES library; importing it is another third
        # of the start-up. pypdf works without it.
        sys.modules["cryptography"] = None  # type: ignore[assignment]
    # Nor does the text reader need Pillow (images are only noted, never decoded).
    sys.modules["PIL"] = None  # type: ignore[assignment]
    # Import the reader before the file arrives: the sandbox starts the next worker while the
    # current one reads, so this work is done by the time a file comes.
    import pypdf  # noqa: F401

    load_textlayer()
    try:
        header = json.loads(sys.stdin.buffer.readline(HEADER_LIMIT) or b"{}")
        password = header.get("password") if isinstance(header, dict) else None
        data = sys.stdin.buffer.read()
    except (ValueError, MemoryError):
        header, password, data = {}, None, b""
    password = password if isinstance(password, str) else None
    result = answer(data, password, args.max_pages, args.stream_mb)
    sys.stdout.buffer.write(json.dumps(result, ensure_ascii=True).encode("ascii"))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # The answer is written: end without tearing down every object of the parsed file one by
    # one (that took about 50 ms per guideline). There is nothing else to close or save.
    os._exit(code)
