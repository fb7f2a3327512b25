"""MkDocs hooks: the generated pages, the frame (brand, footer, 404, sharing), page addresses, search and CSS.

Loaded by MkDocs from `hooks:` in mkdocs.yml; it only adapts. The stubs come from `registry`,
the frame from `frame`, the addresses from `slugs`, the table of contents from `toc`.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.structure.files import File, Files

from macros.model.brand import load_brand
from macros.model.dataset import load_dataset
from macros.site.clock import build_date
from macros.site.css_prune import prune_theme_css
from macros.site.frame import BRAND_CSS, LOGO, SHARE_IMAGE, brand_css, frame
from macros.site.registry import stubs
from macros.site.search_index import split_search_index
from macros.site.share_image import share_png
from macros.site.slugs import addresses
from macros.site.toc import headings_toc


def _root(config) -> Path:
    return Path(config.config_file_path).parent


def on_config(config):
    root = _root(config)
    podium = config.extra.setdefault("podium", {})
    lang = podium["lang"]
    pairs = addresses(root, list(podium.get("languages", [lang])))
    podium["pages"] = pairs
    if lang in podium.get("description", {}):
        config.site_description = podium["description"][lang]
    podium.update(frame(load_dataset(root, today=build_date()), load_brand(root), pairs, lang, build_date()))
    # The 404 page is served at any depth, so its way back is an absolute path.
    podium["not_found"]["home"] = urlsplit(config.site_url or "").path or f"/{lang}/"
    config.theme["logo"] = LOGO
    config.theme["favicon"] = LOGO
    return config


def on_files(files: Files, config) -> Files:
    root = _root(config)
    podium = config.extra.get("podium", {})
    lang = podium["lang"]
    brand = load_brand(root)
    for stub in stubs(load_dataset(root, today=build_date()), lang, internal=podium.get("internal", False)):
        if files.get_file_from_path(stub.path) is None:
            files.append(File.generated(config, stub.path, content=stub.markdown()))
    for path, content in ((LOGO, brand.logo_svg), (BRAND_CSS, brand_css(brand)),
                          (SHARE_IMAGE, share_png(brand.name[lang], config.site_description, brand.colour["light"]))):
        files.append(File.generated(config, path, content=content))
    for src, urls in podium.get("pages", {}).items():
        page = files.get_file_from_path(src)
        if page is not None:
            page.dest_uri = urls[lang] + "index.html"
            page.url = urls[lang]
    return files


def on_post_template(output: str, template_name: str, config) -> str:
    """The internal build is never announced: its sitemap comes out empty, and MkDocs writes none."""
    if template_name == "sitemap.xml" and config.extra.get("podium", {}).get("internal", False):
        return ""
    return output


def on_post_build(config) -> None:
    """Runs after MkDocs' search has written its index (hooks come after the plugins)."""
    split_search_index(Path(config.site_dir))
    prune_theme_css(Path(config.site_dir))


def on_page_content(html: str, page, config, files) -> str:
    """Headings that macros add belong in the page's table of contents too."""
    html, page.toc = headings_toc(html, page.toc)
    return html
