"""`podium build --out`: a build replaces only a folder it may replace, and never leaves a mess.

A build may go into a folder that does not exist, an empty folder, or a folder an
earlier build of the same kind made. Anything else is refused with a plain message
and exit 2 before a single file changes; read-only folders are refused before the
swap; published files get normal permissions; temporary folders never outlive a build.
"""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from macros.cli import main


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every path under `folder` with its content (None for folders and links), .git included."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() and not p.is_symlink() else None)
            for p in sorted(folder.rglob("*"))}


@pytest.fixture
def deep_example(tmp_path: Path, example_copier) -> Path:
    """The example project two folders down, with a .git folder, so that `..` and `../..` are safe to try."""
    project = example_copier(tmp_path / "above" / "parent" / "example")
    (project / ".git").mkdir()
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    return project


def build(project: Path, *args: str) -> int:
    return main(["--project", str(project), "build", *args])


@pytest.mark.parametrize("out", [".", "..", "../..", "content", "data", "macros", "overrides", ".git",
                                 "content/nl", "data/site", "content/nl/site", "mkdocs.yml"])
def test_the_project_its_sources_and_what_holds_them_are_refused(deep_example, out, capsys, monkeypatch):
    monkeypatch.chdir(deep_example)
    around = deep_example.parents[1]
    before = snapshot(around)
    assert build(deep_example, "--out", out) == 2
    err = capsys.readouterr().err
    assert "choose a folder of its own for the site" in err and "Traceback" not in err
    assert "no file was changed" in err
    assert snapshot(around) == before


@pytest.mark.parametrize("out", [".", "data"])
def test_a_marker_file_planted_in_the_project_does_not_open_it(deep_example, out, capsys, monkeypatch):
    monkeypatch.chdir(deep_example)
    (deep_example / out / ".podium-build").write_text("kind: public\n", encoding="utf-8")
    before = snapshot(deep_example)
    assert build(deep_example, "--out", out) == 2
    assert "choose a folder of its own" in capsys.readouterr().err
    assert snapshot(deep_example) == before


@pytest.mark.parametrize("target", ["project", "content", "parent"])
def test_a_link_to_the_project_or_a_source_is_refused(deep_example, tmp_path, target, capsys):
    link = tmp_path / "link"
    link.symlink_to({"project": deep_example, "content": deep_example / "content",
                     "parent": deep_example.parent}[target], target_is_directory=True)
    before = snapshot(deep_example)
    assert build(deep_example, "--out", str(link)) == 2
    assert "choose a folder of its own" in capsys.readouterr().err
    assert snapshot(deep_example) == before


def test_a_folder_with_files_podium_did_not_make_is_refused(example_copy, tmp_path, capsys):
    folder = tmp_path / "holiday-photos"
    folder.mkdir()
    (folder / "beach.jpg").write_bytes(b"not really a photo")
    (folder / "empty-album").mkdir()
    assert build(example_copy, "--out", str(folder)) == 2
    err = capsys.readouterr().err
    assert "holiday-photos/: this folder holds files, and no .podium-build file says that `podium build` made it" \
        in err
    assert (folder / "beach.jpg").read_bytes() == b"not really a photo" and (folder / "empty-album").is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["example", "holiday-photos"]


def test_a_file_is_refused(example_copy, tmp_path, capsys):
    target = tmp_path / "notes.txt"
    target.write_text("mine", encoding="utf-8")
    assert build(example_copy, "--out", str(target)) == 2
    assert "this is a file — a folder is expected" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "mine"


def test_an_empty_folder_and_then_its_own_build_are_replaced(example_copy, tmp_path, capsys):
    out = tmp_path / "published"
    out.mkdir()
    assert build(example_copy, "--out", str(out)) == 0
    assert "kind: public" in (out / ".podium-build").read_text(encoding="utf-8")
    (out / "nl" / "stale.html").write_text("from an earlier build", encoding="utf-8")
    assert build(example_copy, "--out", str(out)) == 0
    assert not (out / "nl" / "stale.html").exists() and (out / "nl" / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["example", "published"]


def test_internal_build_never_replaces_the_public_site_nor_the_reverse(example_copy, capsys):
    assert build(example_copy) == 0
    site = example_copy / "site"
    before = snapshot(site)
    assert build(example_copy, "--internal", "--out", str(site)) == 2
    err = capsys.readouterr().err
    assert "this folder holds the public site — the internal build goes into a folder of its own" in err
    assert snapshot(site) == before
    assert build(example_copy, "--internal") == 0
    internal = example_copy / "site-internal"
    internal_before = snapshot(internal)
    assert build(example_copy, "--out", str(internal)) == 2
    assert "this folder holds the internal site" in capsys.readouterr().err
    assert snapshot(internal) == internal_before


@pytest.fixture
def read_only(tmp_path: Path):
    """Make a folder read-only for real: chmod for a normal user, the immutable flag for root."""
    root = os.geteuid() == 0

    def make(folder: Path) -> None:
        if root and subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
            pytest.skip("running as root on a file system without the immutable flag")
        if not root:
            folder.chmod(0o555)

    yield make
    # Wherever a build may have moved the folder, make everything writable again so it can be removed.
    if root:
        subprocess.run(["chattr", "-R", "-i", str(tmp_path)], capture_output=True)
    else:
        subprocess.run(["chmod", "-R", "u+w", str(tmp_path)], capture_output=True)


@pytest.mark.parametrize("which", ["site/nl", "site"])
def test_a_read_only_folder_of_the_site_is_refused_before_anything_changes(example_copy, read_only, which,
                                                                             capsys):
    assert build(example_copy) == 0
    site = example_copy / "site"
    before = snapshot(site)
    read_only(example_copy / which)
    assert build(example_copy) == 2
    err = capsys.readouterr().err
    assert f"{(example_copy / which).as_posix()}/: this folder is read-only" in err
    assert "Traceback" not in err
    assert snapshot(site) == before
    assert [p.name for p in example_copy.iterdir() if p.name.startswith(".site")] == []


def test_a_read_only_parent_is_a_plain_message(example_copy, tmp_path, read_only, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    read_only(locked)
    assert build(example_copy, "--out", str(locked / "site")) == 2
    err = capsys.readouterr().err
    assert "locked/: this folder cannot be written to — make it writable" in err
    assert list(locked.iterdir()) == []


def test_published_files_can_be_read_by_everyone_whatever_the_umask(example_copy):
    previous = os.umask(0o077)
    try:
        assert build(example_copy) == 0
    finally:
        os.umask(previous)
    site = example_copy / "site"
    modes = {stat.S_IMODE(p.stat().st_mode) for p in [site, *site.rglob("*")] if p.is_dir()}
    assert modes == {0o755}
    modes = {stat.S_IMODE(p.stat().st_mode) for p in site.rglob("*") if p.is_file()}
    assert modes == {0o644}


def _dead_pid() -> int:
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    return finished.pid


def test_leftovers_of_an_interrupted_build_are_removed_by_the_next(example_copy):
    dead = _dead_pid()
    leftover = example_copy / f".site-build-{dead}-abc123"
    (leftover / "nl").mkdir(parents=True)
    (leftover / ".podium-build").write_text("kind: public\n", encoding="utf-8")
    old = example_copy / f".site-old-{dead}-def456"
    old.mkdir()
    (old / ".podium-build").write_text("kind: public\n", encoding="utf-8")
    running = example_copy / f".site-build-{os.getpid()}-ghi789"  # a build that is still going on
    running.mkdir()
    mine = example_copy / ".site-build-notes"  # not named the way a build names its folders
    mine.mkdir()
    (mine / "todo.txt").write_text("keep me", encoding="utf-8")
    assert build(example_copy) == 0
    assert not leftover.exists() and not old.exists()
    assert running.is_dir() and (mine / "todo.txt").read_text(encoding="utf-8") == "keep me"
