"""Live preview: rebuild both languages on every edit and reload the browser.

Each rebuild runs `podium build` in a fresh Python process, so edits to the
macros package are picked up too (an in-process build would keep the old code).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

WATCHED = ("content", "data", "macros", "overrides", "mkdocs.yml")


def _rebuild(root: Path, out: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "macros.cli", "build", "--out", str(out)],
                            cwd=root, capture_output=True, text=True)
    if result.returncode == 0:
        print("Rebuilt both languages; the browser reloads by itself.", flush=True)
    else:
        print(result.stdout + result.stderr, file=sys.stderr, flush=True)
        print("The preview still shows the last build that worked.", file=sys.stderr, flush=True)


def serve(root: Path, host: str, port: int) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="podium-preview-"))
    out = workdir / "site"
    out.mkdir()
    _rebuild(root, out)
    server = LiveReloadServer(builder=lambda: _rebuild(root, out), host=host, port=port, root=str(out))
    for name in WATCHED:
        if (root / name).exists():
            server.watch(str(root / name))
    print(f"Preview: http://{host}:{port}/nl/ and http://{host}:{port}/en/  (Ctrl+C stops)", flush=True)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0
