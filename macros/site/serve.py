"""Live preview: rebuild both languages on every edit and reload the browser.

Each rebuild runs `podium build` in a fresh Python process, so edits to the
macros package are picked up too (an in-process build would keep the old code).
While the last build failed, every page shows what went wrong instead of a stale
page or a bare "404"; the next build that works brings the site back.
"""
from __future__ import annotations

import errno
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from .i18n import strings
from .render import TEMPLATES, render_document

WATCHED = ("content", "data", "macros", "overrides", "mkdocs.yml")


class CannotListen(Exception):
    """The preview cannot use the address or port; the message says what to do instead."""


def failure_page(output: str) -> bytes:
    """The messages of a failed build as a page in every language Podium ships words for (escaped by the template).

    The project's own language settings may be what broke the build, so they are not read here."""
    words = {key: strings()[f"preview_failed_{key}"] for key in ("title", "text", "messages")}
    langs = list(words["title"])
    page_strings = {lang: {key: text[lang] for key, text in words.items()} for lang in langs}
    messages = [line for line in output.splitlines() if line.strip()]
    style = (TEMPLATES / "root.css").read_text(encoding="utf-8")
    return render_document("preview_failed.html", languages=langs, strings=page_strings, messages=messages,
                           style=style).encode("utf-8")


def _is_page(path: str) -> bool:
    last = path.rsplit("/", 1)[-1]
    return path.endswith(("/", ".html")) or "." not in last


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, bound at once so that a busy port is reported before the first build."""

    def __init__(self, project: Path, out: Path, host: str, port: int) -> None:
        super().__init__(builder=self.rebuild, host=host, port=port, root=str(out))
        self.project, self.out = project, out
        self.failure: bytes | None = None
        self.error_handler = self._not_found
        try:
            super().server_bind()
            super().server_activate()
        except OSError as error:
            self.server_close()
            raise CannotListen(_listen_problem(host, port, error)) from None

    def server_bind(self) -> None:
        """Bound in __init__ already."""

    def server_activate(self) -> None:
        """Listening since __init__ already."""

    def _not_found(self, code: int) -> bytes | None:
        """The site's own bilingual 404 page, as the published site shows it."""
        page = self.out / "404.html"
        return page.read_bytes() if code == 404 and page.is_file() else None

    def rebuild(self) -> None:
        result = subprocess.run([sys.executable, "-m", "macros.cli", "build", "--out", str(self.out)],
                                cwd=self.project, capture_output=True, text=True)
        if result.returncode == 0:
            self.failure = None
            print("Rebuilt both languages; the browser reloads by itself.", flush=True)
        else:
            self.failure = failure_page(result.stdout + result.stderr)
            print(result.stdout + result.stderr, file=sys.stderr, flush=True)
            print("The browser shows these messages until the next build works.", file=sys.stderr, flush=True)

    def _serve_request(self, environ, start_response):
        path = environ["PATH_INFO"]
        if path.startswith("/livereload/") or not _is_page(path):
            return super()._serve_request(environ, start_response)
        with self._epoch_cond:  # wait for a rebuild under way, as MkDocs does for every file
            self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
            epoch, failure = self._visible_epoch, self.failure
        if failure is None:
            return super()._serve_request(environ, start_response)
        body = self._inject_js_into_html(failure, epoch)
        start_response("503 Service Unavailable",
                       [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))])
        return [body]


def _listen_problem(host: str, port: int, error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        return (f"Port {port} is already in use on {host} (perhaps by another preview) — stop that program, "
                f"or choose another port, for example `podium serve --port {port + 1 if port < 65535 else 8000}`")
    if error.errno == errno.EACCES:
        return (f"Port {port} may only be used by an administrator on this computer — choose a port above "
                f"1023, for example `podium serve --port 8000`")
    return (f"The preview cannot listen on {host}, port {port} ({error.strerror or error}) — "
            f"choose another address or port, for example `podium serve --host 127.0.0.1 --port 8000`")


def serve(root: Path, host: str, port: int) -> None:
    """Serve the preview until Ctrl+C or SIGTERM; the temporary folder goes in every case."""
    workdir = Path(tempfile.mkdtemp(prefix="podium-preview-"))
    try:
        server = PreviewServer(root, workdir / "site", host, port)
        try:
            server.rebuild()
            for name in WATCHED:
                if (root / name).exists():
                    server.watch(str(root / name))
            print(f"Preview: http://{host}:{port}/nl/ and http://{host}:{port}/en/  (Ctrl+C stops)", flush=True)
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
