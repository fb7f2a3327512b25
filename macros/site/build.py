"""Build every language into a temporary folder and swap it in only when all of it succeeded.

A failed build therefore never leaves a half-written site behind: the site
that was there before stays exactly as it was.
"""
from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.exceptions import Abort, MkDocsException

from ..base.languages import Languages
from ..language import InputError, check_paths, format_report
from ..language.rules import load_rulebook, rules_dir
from ..model.brand import brand_problems
from ..model.dataset import Dataset, load_dataset
from ..model.errors import DataErrors, Problem
from .config import language_config, read_base, root_url
from .clock import build_date
from .i18n import STRINGS_FILE, PageContext, interface_problems
from .calendar_files import write_calendar_files
from .opendata import DATA_DIR, write_open_data
from .links import broken_links
from .publish import check_output, discard, remove_leftovers, swap_in, temporary_folder
from .content_safety import content_problems
from .registry import INTERNAL_PAGES, page_catalog
from .render import render_document
from .slugs import addresses, canonical_paths, url_in

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner on every build


@dataclass
class BuildFailed(Exception):
    """The build stopped; `messages` say why, in the order they happened."""

    messages: list[str] = field(default_factory=list)
    exit_code: int = 1

    def __str__(self) -> str:
        return "\n".join(self.messages)


class _Collect(logging.Handler):
    def __init__(self, lang: str) -> None:
        super().__init__(level=logging.WARNING)
        self.lang = lang
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"[{self.lang}] {record.getMessage().strip()}")


def missing_translations(root: Path, languages: Languages) -> list[Problem]:
    """Every page must exist in every language."""
    langs = languages.codes
    pages = {lang: {p.relative_to(root / "content" / lang).as_posix()
                    for p in (root / "content" / lang).rglob("*.md")} for lang in langs}
    problems = []
    for lang in langs:
        for other in langs:
            for page in sorted(pages[other] - pages[lang]):
                problems.append(Problem(f"content/{other}/{page}", 1, 1,
                                        f"this page has no {languages.get(lang).english_name} version",
                                        f"add content/{lang}/{page}"))
    return problems


def _build_language(root: Path, base: dict, lang: str, site_dir: Path, internal: bool) -> list[str]:
    handler = _Collect(lang)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.WARNING)
    try:
        mkdocs_build(language_config(root, base, lang, site_dir, internal, INTERNAL_PAGES))
    except Abort as abort:
        handler.messages.append(f"[{lang}] {abort}")
        return handler.messages or [f"[{lang}] the build stopped"]
    except MkDocsException as error:
        return handler.messages + [f"[{lang}] {error}"]
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
    return []


def _root_strings(key_prefix: str, keys: tuple[str, ...], languages: Languages) -> dict[str, dict[str, str]]:
    return {language.code: {k: PageContext(language).t(f"{key_prefix}_{k}") for k in keys}
            for language in languages}


def _site_paths(site: Path, lang: str) -> set[str]:
    base = site / lang
    return {"" if page.parent == base else page.parent.relative_to(base).as_posix() + "/"
            for page in base.rglob("index.html")}


def write_root_files(site: Path, ds: Dataset, base: dict, langs: list[str], internal: bool,
                     pairs: dict[str, dict[str, str]] | None = None) -> None:
    """The language choice at /, a bilingual 404 page, and a sitemap with language alternates."""
    url = "" if internal else root_url(base)
    name = {lang: ds.collective.name(lang) for lang in langs}
    (site / "index.html").write_text(render_document(
        "root_index.html", name=name, languages=langs, root_url="", internal=internal,
        strings=_root_strings("choose", ("heading", "intro", "link"), ds.languages)), encoding="utf-8")
    (site / "404.html").write_text(render_document(
        "root_404.html", languages=langs, root_path=urlsplit(url).path or "/", internal=internal,
        strings=_root_strings("not_found", ("title", "text", "link"), ds.languages)), encoding="utf-8")
    (site / ".nojekyll").write_text("", encoding="utf-8")
    if url:
        # Pages pair by the address they have without a slug of their own (see slugs.py).
        paths = {lang: {canonical_paths(pairs or {}, lang).get(p, p): p for p in _site_paths(site, lang)} for lang in langs}
        pages = [{lang: paths[lang][key] for lang in langs if key in paths[lang]}
                 for key in sorted(set().union(*paths.values()))]
        (site / "sitemap.xml").write_text(render_document("sitemap.xml", pages=pages, root_url=url),
                                          encoding="utf-8")
        (site / "robots.txt").write_text(f"User-agent: *\nSitemap: {url}sitemap.xml\n", encoding="utf-8")
    else:
        (site / "robots.txt").write_text("User-agent: *\nDisallow: /\n", encoding="utf-8")


def _write_open_data(ds: Dataset, site: Path, langs: list[str]) -> None:
    """The downloads sit beside each language's pages; they are made once and copied."""
    first, *others = langs
    write_open_data(ds, site / first, build_date())
    for lang in others:
        shutil.copytree(site / first / DATA_DIR, site / lang / DATA_DIR)


# The words of the interface that every page shows; Podium's own, but the public reads them.
INTERFACE_STRINGS = (STRINGS_FILE,)


def _check_wording(root: Path) -> None:
    """Refuse to publish wording at a level the language agreement says blocks (errors and warnings by default)."""
    try:
        report = check_paths([root / "content", root / "data", *INTERFACE_STRINGS], root)
    except InputError as error:  # a file the check cannot read; each line names its place
        raise BuildFailed(error.problems, exit_code=2) from None
    if report.exceeds(load_rulebook(rules_dir(root)).agreement.fail_on):
        raise BuildFailed([format_report(report, "text"),
                           "Wording at a level that the language agreement says blocks must be changed first "
                           "(or suppressed with a reason; see `podium check --help`)."])


def build_site(root: Path, out: Path | None = None, internal: bool = False,
               check_language: bool = True) -> Path:
    """Validate, build all languages, check links, and publish into `out` atomically.

    Raises DataErrors (bad input, exit 2), OutputRefused (`out` may not be replaced, exit 2)
    or BuildFailed (a check failed, exit 1); in every case `out` is left untouched.
    """
    root = root.resolve()
    out = (out or root / ("site-internal" if internal else "site")).resolve()
    check_output(out, root, internal)
    base = read_base(root)
    ds = load_dataset(root, today=build_date())
    langs = list(ds.languages.codes)
    problems = (missing_translations(root, ds.languages) + interface_problems(ds.languages)
                + content_problems(root, langs, page_catalog(ds, internal)) + brand_problems(root, tuple(langs)))
    if problems:
        raise DataErrors(problems)
    if check_language:
        _check_wording(root)
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out)
    fresh = temporary_folder(out, internal)
    try:
        messages: list[str] = []
        for lang in langs:
            messages += _build_language(root, base, lang, fresh / lang, internal)
        if messages:
            raise BuildFailed(messages)
        pairs = addresses(root, langs)
        write_root_files(fresh, ds, base, langs, internal, pairs)
        _write_open_data(ds, fresh, langs)
        # The internal build never names the public address (its files are not published there).
        site_url = "" if internal else root_url(base)
        for lang in langs:
            write_calendar_files(ds, fresh / lang, lang, build_date(), f"{site_url}{lang}/" if site_url else "",
                                 internal, url_in(pairs, "work-with-us.md", lang))
        messages = broken_links(fresh, urlsplit(root_url(base)).path or "/")
        if messages:
            raise BuildFailed(messages)
        check_output(out, root, internal)
        swap_in(fresh, out)
    finally:
        if fresh.exists():
            discard(fresh)
    return out
