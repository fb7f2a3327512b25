"""The search index in two files, so that a page view without a search loads only the settings.

Material's page script fetches `search/search_index.json` on every page view and hands it to the
search worker. Podium's worker (overrides/assets/javascripts/workers/podium-search.js) needs only the
settings at that moment, and fetches the pages' text from `search/search_index.full.json` when the
reader searches for the first time.
"""
from __future__ import annotations

import json
from pathlib import Path

INDEX = "search/search_index.json"
FULL_INDEX = "search/search_index.full.json"


def split_search_index(site_dir: Path) -> None:
    """Move the index that MkDocs' search wrote to FULL_INDEX and leave its settings at INDEX."""
    index = site_dir / INDEX
    if not index.is_file():
        return
    text = index.read_text(encoding="utf-8")
    (site_dir / FULL_INDEX).write_text(text, encoding="utf-8")
    settings = {"config": json.loads(text)["config"], "docs": []}
    index.write_text(json.dumps(settings, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
