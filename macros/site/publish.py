"""Where a build may go, and how the finished site takes the place of the previous one.

A build writes into a temporary folder beside the output folder and, only when
everything succeeded, swaps it in by renaming. Because the swap replaces a whole
folder, the output folder must be one that holds nothing else: a folder that
does not exist yet, an empty folder, or a folder that an earlier build made (it
carries a marker file that says so, and whether it is the public or the internal
site). Everything that could stop the swap half-way is checked before the build
starts and again just before the swap, so a refused folder is never touched.
"""
from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

MARKER = ".podium-build"
MARKER_TEXT = ("# This folder was made by `podium build`; the next build replaces all of it.\n"
               "# Keep no other files here.\n"
               "kind: {kind}\n")

# What a project keeps and Podium reads: a build never goes into, over or around these.
SOURCES = ("content", "data", "macros", "overrides", "tests", "bench", ".git", ".github", ".ci",
           ".venv", "node_modules", "mkdocs.yml", "pyproject.toml")

DIR_MODE, FILE_MODE = 0o755, 0o644


class OutputRefused(Exception):
    """The output folder cannot safely be replaced; the message says which folder and what is expected."""


def _kind(internal: bool) -> str:
    return "internal" if internal else "public"


def _shown(path: Path) -> str:
    """A folder as the reader knows it: relative to the current folder when it lies inside it."""
    try:
        text = path.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        text = path.as_posix()
    if text == ".":
        return "the current folder (.)"
    return text + "/" if path.is_dir() and not text.endswith("/") else text


def _within(inner: Path, outer: Path) -> bool:
    return inner == outer or outer in inner.parents


def built_kind(folder: Path) -> str | None:
    """'public' or 'internal' when `folder` holds an earlier build, else None."""
    try:
        text = (folder / MARKER).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    found = re.search(r"^kind: (public|internal)$", text, re.MULTILINE)
    return found.group(1) if found else None


def _refuse_sources(out: Path, project: Path) -> None:
    expected = "choose a folder of its own for the site, for example site/"
    if _within(project, out):
        raise OutputRefused(f"{_shown(out)}: this folder holds the project itself — {expected}")
    for name in SOURCES:
        if not os.path.lexists(project / name):
            continue
        source = (project / name).resolve()
        name += "/ folder" if source.is_dir() else " file"
        if out == source:
            raise OutputRefused(f"{_shown(out)}: this is the project's own {name} — {expected}")
        if _within(out, source):
            raise OutputRefused(f"{_shown(out)}: this folder lies inside the project's own {name} — {expected}")
        if _within(source, out):
            raise OutputRefused(f"{_shown(out)}: this folder holds the project's own {name} — {expected}")


def _refuse_foreign(out: Path, kind: str) -> None:
    if not out.exists():
        return
    if not out.is_dir():
        raise OutputRefused(f"{_shown(out)}: this is a file — a folder is expected")
    found = built_kind(out)
    if found is None and any(out.iterdir()):
        raise OutputRefused(f"{_shown(out)}: this folder holds files, and no {MARKER} file says that "
                            f"`podium build` made it — build into a new or empty folder, or one that an "
                            f"earlier build made; if it only holds an old build, remove it first")
    if found is not None and found != kind:
        other = "site-internal/" if kind == "internal" else "site/"
        raise OutputRefused(f"{_shown(out)}: this folder holds the {found} site — the {kind} build goes "
                            f"into a folder of its own, for example {other}")


def _nearest_existing(path: Path) -> Path:
    while not path.exists():
        path = path.parent
    return path


def _refuse_unchangeable(out: Path) -> None:
    """The swap renames `out` and removes the old site: every folder involved must be writable."""
    parent = _nearest_existing(out.parent)
    if not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
        raise OutputRefused(f"{_shown(parent)}: this folder cannot be written to — make it writable, "
                            f"or build into a folder you may write to with --out")
    if not out.exists():
        return
    if out.stat().st_dev != out.parent.stat().st_dev:
        raise OutputRefused(f"{_shown(out)}: this folder is on another disk than the folder around it, so "
                            f"the new site cannot replace it in one step — build into a folder inside it "
                            f"with --out, for example {_shown(out / 'site')}")
    for folder, _, _ in os.walk(out, onerror=lambda error: _unreadable(Path(error.filename))):
        if not os.access(folder, os.R_OK | os.W_OK | os.X_OK):
            _unreadable(Path(folder))


def _unreadable(folder: Path) -> None:
    raise OutputRefused(f"{_shown(folder)}: this folder is read-only, so the previous site cannot be "
                        f"replaced — make it writable (for example `chmod -R u+w {_shown(folder)}`) or "
                        f"remove it")


def check_output(out: Path, project: Path, internal: bool) -> None:
    """Raise OutputRefused unless the build may replace `out` (both resolved) with a new site."""
    _refuse_sources(out, project)
    _refuse_foreign(out, _kind(internal))
    _refuse_unchangeable(out)


def _temporary_pattern(out: Path) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(out.name)}-(?:build|old)-(\d+)-")


def _running(pid: int) -> bool:
    """Whether process `pid` still runs (one of another user's raises PermissionError: it runs)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def remove_leftovers(out: Path) -> None:
    """Remove temporary folders that an interrupted build (even one killed outright) left beside `out`.

    Only folders named as this module names them, from a process that no longer
    runs, and holding the marker (or nothing at all) are removed.
    """
    pattern = _temporary_pattern(out)
    if not out.parent.is_dir():
        return
    for entry in out.parent.iterdir():
        found = pattern.match(entry.name)
        if not found or not entry.is_dir() or entry.is_symlink() or _running(int(found.group(1))):
            continue
        if built_kind(entry) is not None or not any(entry.iterdir()):
            discard(entry)


def discard(folder: Path) -> None:
    """Remove a folder that a build made; its marker goes last, so that a removal cut short by a
    signal leaves a folder that the next build still recognises as its own."""
    for entry in folder.iterdir():
        if entry.name == MARKER:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
    shutil.rmtree(folder, ignore_errors=True)


def temporary_folder(out: Path, internal: bool) -> Path:
    """A new folder beside `out` (so on the same disk) that already carries the marker."""
    fresh = Path(tempfile.mkdtemp(prefix=f".{out.name}-build-{os.getpid()}-", dir=out.parent))
    (fresh / MARKER).write_text(MARKER_TEXT.format(kind=_kind(internal)), encoding="utf-8")
    return fresh


def _normal_permissions(folder: Path) -> None:
    """Everyone may read a published site; mkdtemp's private 0700 must not reach the web server."""
    folder.chmod(DIR_MODE)
    for parent, folders, files in os.walk(folder):
        for name, mode in [(name, DIR_MODE) for name in folders] + [(name, FILE_MODE) for name in files]:
            path = Path(parent, name)
            if not path.is_symlink():  # a link's target lies outside the site and is not ours to change
                path.chmod(mode)


# Ctrl+C and SIGTERM: a build stopped before its site is published must report that it stopped.
STOP_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM})


@contextmanager
def publishing() -> Iterator[None]:
    """Hold Ctrl+C and SIGTERM while the site is published, so that the answer is true either way.

    A stop that came before the site is replaced stops the build here (KeyboardInterrupt, nothing
    replaced); one that comes while or after the site is replaced is let go, because the new site is
    then published and the build did succeed. Only the main thread can hold signals."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        if STOP_SIGNALS & signal.sigpending():
            raise KeyboardInterrupt
        yield
    finally:
        for signum in STOP_SIGNALS & signal.sigpending():
            signal.sigwait({signum})  # take it, so it is not delivered when the signals are let through
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def swap_in(fresh: Path, out: Path) -> None:
    """Put `fresh` in the place of `out` by renaming; if the second rename fails, the old site goes back.

    A stop (Ctrl+C, SIGTERM) that comes before the renames stops here with nothing replaced; once they
    begin, the site is published and the old one removed whatever comes (see `publishing`)."""
    _normal_permissions(fresh)
    with publishing():
        if not out.exists():
            fresh.rename(out)
            return
        old = out.with_name(f".{out.name}-old-{os.getpid()}-{secrets.token_hex(4)}")
        out.rename(old)
        try:
            fresh.rename(out)
        except BaseException:
            old.rename(out)
            raise
        # Read-only folders were refused before; whatever still resists is retried by the next build.
        discard(old)
