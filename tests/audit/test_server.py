"""The loopback server answers directory URLs with index.html."""

from __future__ import annotations

import urllib.request
from urllib.parse import urlsplit

from macros.audit.server import serve_directory

from .conftest import SITE


def test_serves_directories_and_files_on_loopback_only():
    with serve_directory(SITE) as base:
        assert urlsplit(base).hostname == "127.0.0.1" and urlsplit(base).port
        with urllib.request.urlopen(base + "/nl/") as reply:
            assert reply.status == 200 and b'<html lang="nl">' in reply.read()
        with urllib.request.urlopen(base + "/style.css") as reply:
            assert reply.headers["Content-Type"].startswith("text/css")
