"""The worker runs apart: limits hold, the parent trusts only checked JSON, no files are left."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from funding_matcher.domain.pdf_import import Limits, PdfImportError, read_pdf, sandbox
from funding_matcher.domain.pdf_import.sandbox import WORKER, parse_answer
from tests.unit.pdf_import.factory import text_pdf

LIMITS = Limits()


def answer(payload: object, returncode: int = 0, stderr: bytes = b"") -> PdfImportError:
    raw = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    with pytest.raises(PdfImportError) as caught:
        parse_answer(returncode, raw, stderr, LIMITS)
    return caught.value


@pytest.mark.parametrize(
    "payload",
    [
        b"not json",
        ["ok"],
        {"status": "maybe"},
        {"status": "error", "code": "rm -rf"},
        {"status": "ok", "pages": "many"},
        {"status": "ok", "pages": [{"lines": [[1, 0.5]]}]},
        {"status": "ok", "pages": [{"lines": [["Text"]]}]},
        {"status": "ok", "pages": [{"lines": []}] * 501},
    ],
)
def test_unexpected_worker_answers_become_a_german_sentence(payload):
    error = answer(payload)
    assert error.code == "crashed"
    assert "unerwartet abgebrochen" in error.message


def test_worker_killed_for_memory_or_cpu_time():
    assert answer(b"", returncode=-signal.SIGKILL).code == "memory"
    assert answer(b"", returncode=1, stderr=b"Traceback ... MemoryError").code == "memory"
    assert answer(b"", returncode=-signal.SIGXCPU).code == "timeout"
    crashed = answer(b"", returncode=-signal.SIGSEGV, stderr=b"Fatal Python error: Segmentation")
    assert crashed.code == "crashed"
    assert f"Status {-signal.SIGSEGV}" in crashed.message
    assert "Segmentation" not in crashed.message
    assert crashed.log == "Fatal Python error: Segmentation"  # for the server log


def test_worker_values_are_checked_not_trusted():
    document = parse_answer(
        0,
        json.dumps(
            {
                "status": "ok",
                "pages": [
                    {
                        "lines": [
                            ["Zeile", 1e9],
                            ["Noch eine", 0.5, 11.0, True],
                            ["Dritte", 0.6, "groß", "ja"],
                        ],
                        "images": "yes",
                        "error": "something else",
                        "detail": "x" * 1000,
                    }
                ],
            }
        ).encode(),
        b"",
        LIMITS,
    )
    page = document.pages[0]
    assert [(ln.text, ln.top, ln.size, ln.bold) for ln in page.lines] == [
        ("Zeile", None, None, False),
        ("Noch eine", 0.5, 11.0, True),
        ("Dritte", 0.6, None, False),
    ]
    assert page.has_images is False
    assert page.error is None
    assert len(page.detail) == 80


def test_password_goes_through_stdin_not_the_command_line(monkeypatch):
    seen: dict[str, object] = {}
    real_popen = subprocess.Popen

    class Recording(real_popen):  # type: ignore[misc,valid-type]
        def __init__(self, args, **kwargs):
            seen["args"] = args
            super().__init__(args, **kwargs)

        def communicate(self, input=None, timeout=None):  # noqa: A002 - the stdlib's name
            seen["stdin"] = input
            return super().communicate(input, timeout)

    monkeypatch.setattr(sandbox.subprocess, "Popen", Recording)
    sandbox.WARM.close()  # a worker started before would not be recorded
    read_pdf(text_pdf([["Geheimer Inhalt"]], password="s3cret"), password="s3cret")
    assert "s3cret" not in " ".join(map(str, seen["args"]))
    assert "-I" in seen["args"]
    assert b'"password": "s3cret"' in seen["stdin"]


def test_reading_leaves_no_temporary_files(monkeypatch, tmp_path):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)
    read_pdf(text_pdf([["Text einer Seite"]]))
    assert list(tmp_path.iterdir()) == []


def test_worker_may_not_write_files(tmp_path):
    target = tmp_path / "written.txt"
    code = (
        "import os, runpy\n"
        f"worker = runpy.run_path({str(WORKER)!r}, run_name='probe')\n"
        "worker['limit_resources'](5, 512)\n"
        f"fd = os.open({str(target)!r}, os.O_WRONLY | os.O_CREAT)\n"
        "os.write(fd, b'x' * 10)\n"
    )
    result = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, check=False)
    # CPython ignores SIGXFSZ, so the write fails with EFBIG instead of killing the process
    assert result.returncode == 1
    assert b"File too large" in result.stderr
    assert target.stat().st_size == 0


def test_worker_starts_without_the_web_application():
    code = (
        "import runpy, sys\n"
        f"worker = runpy.run_path({str(WORKER)!r}, run_name='probe')\n"
        "worker['load_textlayer']()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'funding_matcher')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_worker_file_is_next_to_the_package():
    assert Path(sandbox.__file__).with_name("worker.py") == WORKER
    assert WORKER.exists()


@pytest.mark.parametrize("field", ["seconds", "memory_mb", "max_pages", "max_bytes", "stream_mb"])
def test_limits_must_be_positive(field):
    with pytest.raises(ValueError, match=field):
        Limits(**{field: 0})


def test_the_next_worker_waits_ready_and_every_file_gets_a_fresh_one():
    """Each file is read by its own process; the next one is started ahead, so a file never
    waits for an interpreter to start, and a worker never reads a second file."""
    sandbox.WARM.close()
    pids = set()
    for _ in range(3):
        read_pdf(text_pdf([["Text einer Seite"]]))
        ((waiting,),) = sandbox.WARM._waiting.values()
        assert waiting.poll() is None  # started and waiting for its file
        pids.add(waiting.pid)
    assert len(pids) == 3
    sandbox.WARM.close()
    assert sandbox.WARM._waiting == {}


def test_a_batch_reads_files_side_by_side_each_in_its_own_worker(tmp_path):
    from funding_matcher.domain.pdf_import import PdfImportError, import_guidelines

    files = []
    for number in range(4):
        path = tmp_path / f"r{number}.pdf"
        path.write_bytes(
            text_pdf([[f"Die Zuwendung beträgt höchstens {number + 1}.000 Euro je Vorhaben."]])
        )
        files.append(path)
    broken = tmp_path / "kaputt.pdf"
    broken.write_bytes(b"kein PDF")
    sandbox.WARM.close()
    results = import_guidelines([*files, broken], workers=2)
    assert [r.best("amount_max_eur").value for r in results[:4]] == [1000, 2000, 3000, 4000]
    assert isinstance(results[4], PdfImportError)
    assert results[4].code == "not_pdf"
    # after the batch, one worker waits again, as for single uploads
    assert [len(pool) for pool in sandbox.WARM._waiting.values()] == [1]
    sandbox.WARM.close()
