"""The loopback server answers directory URLs with index.html, and search indexes without
their documents."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

from macros.audit.server import serve_directory

from .conftest import SITE


def test_serves_directories_and_files_on_loopback_only():
    with serve_directory(SITE) as base:
        assert urlsplit(base).hostname == "127.0.0.1" and urlsplit(base).port
        with urllib.request.urlopen(base + "/nl/") as reply:
            assert reply.status == 200 and b'<html lang="nl">' in reply.read()
        with urllib.request.urlopen(base + "/style.css") as reply:
            assert reply.headers["Content-Type"].startswith("text/css")


def test_search_indexes_are_served_with_their_settings_and_without_documents(tmp_path):
    index = {"config": {"lang": ["nl"], "separator": "[\\s\\-]+"},
             "docs": [{"location": "", "title": "Welkom", "text": "Musea van iedereen."}]}
    (tmp_path / "nl" / "search").mkdir(parents=True)
    (tmp_path / "nl" / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    (tmp_path / "nl" / "data.json").write_text(json.dumps(index), encoding="utf-8")
    with serve_directory(tmp_path) as base:
        with urllib.request.urlopen(base + "/nl/search/search_index.json") as reply:
            assert reply.headers["Content-Type"] == "application/json"
            assert json.loads(reply.read()) == {"config": index["config"], "docs": []}
        with urllib.request.urlopen(base + "/nl/data.json") as reply:
            assert json.loads(reply.read()) == index
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(base + "/en/search/search_index.json")
        assert missing.value.code == 404
