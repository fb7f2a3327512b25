"""Podium's copy of Material's search partial may differ from Material's in one place only."""
from __future__ import annotations

from pathlib import Path

import material

ROOT = Path(__file__).resolve().parents[2]


def _body(path: Path) -> list[str]:
    """The template without its leading Jinja comment."""
    text = path.read_text(encoding="utf-8")
    return text[text.index("-#}") + 3:].strip().splitlines() if text.startswith("{#-") else text.splitlines()


def test_search_partial_keeps_every_feature_of_materials():
    ours = _body(ROOT / "overrides" / "partials" / "search.html")
    theirs = _body(Path(material.__file__).parent / "templates" / "partials" / "search.html")
    assert len(ours) == len(theirs)
    changed = [(a, b) for a, b in zip(ours, theirs) if a != b]
    assert changed == [('<div class="md-search" data-md-component="search" role="dialog" '
                        'aria-label="{{ lang.t(\'search\') }}">',
                        '<div class="md-search" data-md-component="search" role="dialog">')]
