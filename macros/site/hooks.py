"""MkDocs hooks: add the generated pages to each language build; no sitemap for the internal one.

Loaded by MkDocs from `hooks:` in mkdocs.yml; it only adapts, the stubs come from `generated`.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, Files

from macros.model.dataset import load_dataset
from macros.site.clock import build_date
from macros.site.generated import stubs


def on_files(files: Files, config) -> Files:
    root = Path(config.config_file_path).parent
    podium = config.extra.get("podium", {})
    lang = podium["lang"]
    for stub in stubs(load_dataset(root, today=build_date()), lang, internal=podium.get("internal", False)):
        if files.get_file_from_path(stub.path) is None:
            files.append(File.generated(config, stub.path, content=stub.markdown()))
    return files


def on_post_template(output: str, template_name: str, config) -> str:
    """The internal build is never announced: its sitemap comes out empty, and MkDocs writes none."""
    if template_name == "sitemap.xml" and config.extra.get("podium", {}).get("internal", False):
        return ""
    return output
