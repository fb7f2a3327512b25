"""Every text from the data reaches the pages escaped: data can never inject HTML or script."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from macros.site.build import build_site

PAYLOADS = ('<script>alert("x")</script>', '<img src=x onerror="alert(1)">')


def poison(value, payload: str):
    """Prefix every bilingual text ({nl: …, en: …}) with `payload`."""
    if isinstance(value, dict):
        if set(value) == {"nl", "en"} and all(isinstance(v, str) for v in value.values()):
            return {lang: f"{payload} {text}" for lang, text in value.items()}
        return {key: poison(item, payload) for key, item in value.items()}
    if isinstance(value, list):
        return [poison(item, payload) for item in value]
    return value


def test_data_texts_come_out_escaped(example_copy: Path):
    for index, path in enumerate(sorted((example_copy / "data").glob("*.yml"))):
        if path.name == "accessibility-reviewed.yml":  # the audit's notes, no text for readers
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(poison(data, PAYLOADS[index % 2]), allow_unicode=True), encoding="utf-8")
    site = build_site(example_copy)
    seen_escaped = 0
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert '<script>alert("x")' not in html, page
        assert not re.search(r"<img[^>]*onerror", html), page
        seen_escaped += html.count("&lt;script&gt;") + html.count("&lt;img src=x")
    assert seen_escaped > 50
