"""Podium's copies of Material's search partial and settings block may differ from Material's in one place only."""
from __future__ import annotations

import re
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


def _config_block(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    block = text[text.index("{% block config %}"):]
    return [line.strip() for line in block[:block.index("{% endblock %}")].splitlines() if line.strip()]


def test_settings_block_changes_only_the_search_worker():
    templates = Path(material.__file__).parent / "templates"
    ours = _config_block(ROOT / "overrides" / "main.html")
    theirs = _config_block(templates / "base.html")
    assert len(ours) == len(theirs)
    changed = [(a, b) for a, b in zip(ours, theirs) if a != b]
    assert len(changed) == 1
    podium, material_line = changed[0]
    assert podium.startswith('"search": ("assets/javascripts/workers/podium-search.js" | url) ~ "?worker=')
    # The worker Podium starts on the first search is the one this Material version ships.
    named = re.search(r"\?worker=([\w.]+)", podium).group(1)
    assert f'"assets/javascripts/workers/{named}"' in material_line
    assert (templates / "assets" / "javascripts" / "workers" / named).is_file()
    assert (ROOT / "overrides" / "assets" / "javascripts" / "workers" / "podium-search.js").is_file()
