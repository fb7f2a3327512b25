"""`podium serve` as a real process: a busy port, a failed build shown in the browser, SIGTERM.

Every test gives the preview its own TMPDIR, so it can check that no temporary
folder outlives the preview, and stops the process whatever happens.
"""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from macros.cli import main
from macros.site.serve import failure_page


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_command(project: Path, port: int) -> list[str]:
    return [sys.executable, "-m", "macros.cli", "--project", str(project), "serve", "--port", str(port)]


def fetch(port: int, path: str, timeout: float = 70) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for_server(port: int, preview: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if preview.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the preview did not start (exit {preview.poll()})")
            time.sleep(0.1)


def wait_for_reload(port: int, page: str, timeout: float = 120) -> None:
    """Ask the live reload, as the page in the browser does, until a newer build is in."""
    epoch = int(re.search(r"livereload\((\d+),", page).group(1))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        _, newest = fetch(port, f"/livereload/{epoch}/1")
        if int(newest) > epoch:
            return
    pytest.fail("the preview never reloaded")


@pytest.fixture
def own_tmp(tmp_path: Path) -> Path:
    folder = tmp_path / "tmp"
    folder.mkdir()
    return folder


def test_a_busy_port_gets_one_plain_line_that_suggests_another(example_copy, own_tmp):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(serve_command(example_copy, port), cwd=example_copy, capture_output=True,
                                text=True, timeout=60, env={**os.environ, "TMPDIR": str(own_tmp)})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"Port {port} is already in use" in lines[0] and "--port" in lines[0]
    assert list(own_tmp.iterdir()) == []
    assert not (example_copy / "site").exists()  # it said so before building anything


def test_a_failed_build_is_shown_in_the_browser_until_a_build_works(example_copy, own_tmp):
    goals = example_copy / "data" / "goals.yml"
    good = goals.read_text(encoding="utf-8")
    goals.write_text(good.replace("deadline:", "<b>dedline</b>:", 1), encoding="utf-8")
    port = free_port()
    log = (own_tmp.parent / "preview.log").open("w")
    preview = subprocess.Popen(serve_command(example_copy, port), cwd=example_copy, stdout=log, stderr=log,
                               env={**os.environ, "TMPDIR": str(own_tmp)})
    try:
        wait_for_server(port, preview)
        status, page = fetch(port, "/nl/strategy/")
        assert status == 503
        assert "De site kon niet worden gebouwd" in page and "The site could not be built" in page
        assert re.search(r"<li>data/goals\.yml:\d+:\d+: &#39;&lt;b&gt;dedline&lt;/b&gt;&#39; is not a field", page)
        assert "<b>dedline" not in page
        assert "/livereload/" in page

        goals.write_text(good, encoding="utf-8")
        wait_for_reload(port, page)
        status, page = fetch(port, "/nl/strategy/")
        assert status == 200 and 'lang="nl"' in page and "could not be built" not in page
        status, missing = fetch(port, "/nl/no-such-page/")
        assert status == 404 and "Pagina niet gevonden" in missing and "Page not found" in missing

        goals.write_text(good.replace("2027-12-31", "31-12-2027", 1), encoding="utf-8")
        wait_for_reload(port, page)
        status, page = fetch(port, "/en/")
        assert status == 503 and "is not a date" in page  # not the stale page of the last build that worked

        preview.send_signal(signal.SIGTERM)
        preview.wait(timeout=30)
    finally:
        if preview.poll() is None:
            preview.kill()
            preview.wait()
        log.close()
    assert list(own_tmp.iterdir()) == []


def test_the_failure_page_is_bilingual_and_escapes_the_messages():
    page = failure_page("data/a.yml:1:2: <script>alert(1)</script> — x\n\n  second line\n").decode("utf-8")
    assert '<html lang="nl">' in page and '<p lang="en">' in page and '<ul class="messages" lang="en">' in page
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<li>") == 2 and "<h1>" in page and "<main>" in page


def test_the_failure_page_passes_the_accessibility_audit(tmp_path):
    site = tmp_path / "failed"
    site.mkdir()
    messages = ("data/goals.yml:22:3: 'dedline' is not a field Podium knows here — did you mean 'deadline'? "
                "known fields here: building_block, deadline, description, id, notes, organisation\n"
                "1 problem in the data; nothing was published.\n")
    (site / "index.html").write_bytes(failure_page(messages))
    assert main(["audit", "--site", str(site)]) == 0
