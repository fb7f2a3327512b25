"""A build that is stopped (Ctrl+C, SIGTERM) or killed outright leaves no temporary folder for long.

Each test runs `podium build` as a real process, stops it while MkDocs is writing
the new site, and looks at what is left beside the project's site/.
"""
from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from macros.cli import main


def start_build(project: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "macros.cli", "--project", str(project), "build"],
                            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_until_writing(project: Path, build: subprocess.Popen, timeout: float = 90) -> None:
    """Wait until the build writes the new site into its temporary folder."""
    deadline = time.monotonic() + timeout
    while not any(project.glob(".site-build-*/nl")):
        if build.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"the build did not start writing (exit {build.poll()}): {build.communicate()}")
        time.sleep(0.02)


def stop_before_publishing(project: Path, stop: signal.Signals,
                           attempts: int = 3) -> tuple[subprocess.Popen, dict[str, bytes]]:
    """Start a build and send it `stop` while it still writes into its temporary folder; the build
    and the files of the site it would have replaced.

    The build is frozen (SIGSTOP) before the signal goes out, so a busy machine cannot let it
    publish between the look and the signal; a build that had already published (its temporary
    folder gone) is let finish, and the next attempt starts."""
    for _ in range(attempts):
        build = start_build(project)
        wait_until_writing(project, build)
        build.send_signal(signal.SIGSTOP)
        if any(project.glob(".site-build-*/nl")):
            before = files(project / "site")
            build.send_signal(stop)
            build.send_signal(signal.SIGCONT)
            return build, before
        build.send_signal(signal.SIGCONT)
        build.communicate(timeout=120)
    pytest.fail(f"each of {attempts} builds published before it could be stopped")


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site"))


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stopped_build_cleans_up_and_keeps_the_previous_site(example_copy, stop):
    assert main(["--project", str(example_copy), "build"]) == 0
    build, before = stop_before_publishing(example_copy, stop)
    try:
        _, err = build.communicate(timeout=60)
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()
    assert build.returncode != 0
    assert "The build was stopped; the site that was there before is unchanged." in err
    assert "Traceback" not in err
    assert leftovers(example_copy) == []
    assert files(example_copy / "site") == before


def test_the_next_build_removes_what_a_killed_build_left(example_copy):
    build = start_build(example_copy)
    try:
        wait_until_writing(example_copy, build)
        build.kill()  # SIGKILL: no process can clean up after this one
    finally:
        build.wait()
    assert leftovers(example_copy) != []
    assert main(["--project", str(example_copy), "build"]) == 0
    assert leftovers(example_copy) == []
    assert (example_copy / "site" / "nl" / "index.html").is_file()
