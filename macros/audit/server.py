"""Serve a built site on a loopback port, inside this process.

Directory URLs (``/nl/``) are answered with the folder's ``index.html``, like a web host does.
The server binds to 127.0.0.1 on a free port and never logs each request.
"""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

LOOPBACK = "127.0.0.1"


class _QuietHandler(SimpleHTTPRequestHandler):
    """Static files with keep-alive and without a log line per request."""

    protocol_version = "HTTP/1.1"
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".svg": "image/svg+xml",
        ".json": "application/json",
        ".webmanifest": "application/manifest+json",
        ".woff2": "font/woff2",
    }

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        return

    def end_headers(self) -> None:
        # The files do not change during an audit: let the browser keep CSS and scripts.
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that drops a connection (navigating on) is not an error worth a traceback."""
        error = sys.exc_info()[1]
        if isinstance(error, (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)):
            return
        super().handle_error(request, client_address)


@contextmanager
def serve_directory(site_dir: Path) -> Iterator[str]:
    """Serve ``site_dir`` and yield its base URL, e.g. ``http://127.0.0.1:43121``."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = _Server((LOOPBACK, 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="podium-audit-server", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
