"""The audit itself: every HTML page of a built site, in every view, in parallel browsers.

Work per page: the first view (light, 1280 px) runs every axe rule of the chosen tags and the
page-level checks (language, headings, links, images, charts, referenced URLs). The other views
run only the axe rules whose outcome can change with colour scheme or width
(``VIEW_DEPENDENT_RULES``). The focus walk runs in the first view of each width, the reflow check
in the 320 px views, and every view records every request the page attempted: requests to other
hosts fail the audit, and so does any request of the site's own that no built file answers.
A page is loaded once and changes width and colour scheme in place (the scheme through the
page's own palette switch; a page without one is loaded once per scheme); every check waits
until the page has settled (``Browser.settle``). A page is audited by one browser from start
to end; several browsers share the pages (``Crew``), and unchanged pages reuse their cached
results (cache.py).
"""

from __future__ import annotations

import functools
import hashlib
import html
import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from selenium.common.exceptions import TimeoutException

from . import beyond, focus, graphics, page_scripts
from .axe import AxeRunner
from .browser import (
    PAGE_LOAD_TIMEOUT_S,
    SCRIPT_TIMEOUT_S,
    Browser,
    build_name,
    find_programs,
    program_version,
)
from .cache import AuditCache, SiteFiles, check_version, view_key
from .errors import AxeMissing, SiteNotFound
from .findings import AXE, NEEDS_REVIEW, VIOLATION, Finding, ViewResult
from .report import build_record, display_path, write_json_atomic
from .reviewed import apply_reviews, load_reviewed
from .progress import Progress
from .server import serve_directory
from .shards import Shard
from .settings import (
    DEFAULT_VIEWS,
    REPORT_NAME,
    REVIEWED_FILE,
    SITE_LANGUAGES,
    TAGS,
    VIEW_DEPENDENT_RULES,
    View,
    default_axe_script,
)


@dataclass(frozen=True)
class Page:
    url: str  # "/nl/over/"
    file: str  # "nl/over/index.html"


@dataclass
class AuditResult:
    """The outcome of ``audit_site``: the JSON record plus the per-view results behind it."""

    record: dict
    views: list[ViewResult] = field(default_factory=list)
    report_file: Path | None = None
    recorded_to: Path | None = None
    cache_problem: str = ""

    @property
    def passed(self) -> bool:
        return self.record["passed"]

    @property
    def exit_code(self) -> int:
        return 0 if self.passed else 1

    def for_page(self, url: str) -> list[ViewResult]:
        return [v for v in self.views if v.page == url]

    def findings(self, url: str | None = None) -> list[Finding]:
        return [f for v in self.views if url is None or v.page == url for f in v.findings]


def discover_pages(site_dir: Path) -> list[Page]:
    """Every HTML file under ``site_dir`` as a page; ``x/index.html`` is served as ``/x/``."""
    site_dir = Path(site_dir)
    if not site_dir.is_dir():
        raise SiteNotFound(f"site folder {site_dir} does not exist; run `podium build` first")
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir)
        if any(part.startswith(".") for part in relative.parts):
            continue
        file = relative.as_posix()
        url = "/" + (file[: -len("index.html")] if path.name == "index.html" else file)
        pages.append(Page(url=url, file=file))
    if not pages:
        raise SiteNotFound(f"site folder {site_dir} holds no HTML page; run `podium build` first")
    return pages


def select_pages(pages: list[Page], wanted: Iterable[str] | None) -> list[Page]:
    """Only the pages named in ``wanted`` (URL paths like "/nl/" or files like "nl/index.html")."""
    if wanted is None:
        return pages
    wanted = list(wanted)
    chosen = [p for p in pages if p.url in wanted or p.file in wanted]
    unknown = set(wanted) - {p.url for p in chosen} - {p.file for p in chosen}
    if unknown:
        raise SiteNotFound("no such page in the site: " + ", ".join(sorted(unknown)))
    return chosen


def published_addresses(site_dir: Path, pages: list[Page]) -> list[str]:
    """The site's published addresses, from the pages' <link rel=canonical> (MkDocs writes it from
    site_url), read from the built files so every worker and shard knows them from the start."""
    found: list[str] = []
    for page in pages:
        text = (Path(site_dir) / page.file).read_text(encoding="utf-8", errors="replace")
        for tag in _LINK_TAG.findall(text):
            rel = _attribute("rel", tag)
            if rel and "canonical" in rel.lower().split():
                origin = beyond.published_origin(page.url, _attribute("href", tag))
                if origin and origin not in found:
                    found.append(origin)
    return found


_LINK_TAG = re.compile(r"<link\b[^>]*>", re.IGNORECASE)


def _attribute(name: str, tag: str) -> str | None:
    match = re.search(rf"""\s{name}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", tag, re.IGNORECASE)
    return html.unescape(next(g for g in match.groups() if g is not None)) if match else None


@dataclass
class PagePlan:
    """One page of this run: the key of each view, and the cached results if every view has one."""

    page: Page
    keys: list[str]
    cached: list[ViewResult] | None = None


def audit_site(
    site_dir: Path,
    *,
    pages: Iterable[str] | None = None,
    views: Sequence[View] = DEFAULT_VIEWS,
    tags: Sequence[str] = TAGS,
    reviewed_file: Path | None = REVIEWED_FILE,
    write_report: bool = True,
    report_file: Path | None = None,
    record_file: Path | None = None,
    browser: Browser | None = None,
    chromium: str | None = None,
    chromedriver: str | None = None,
    axe_script: Path | None = None,
    preload_axe: bool = True,
    all_rules_in_every_view: bool = False,
    languages: Sequence[str] = SITE_LANGUAGES,
    site_url: str | None = None,
    today: date | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    shard: Shard | None = None,
    cache_file: Path | None = None,
) -> AuditResult:
    """Audit every HTML page of ``site_dir`` in every view and return the result.

    The JSON record is written to ``report_file`` (default ``<site_dir>/accessibility-audit.json``)
    unless ``write_report`` is false, and copied to ``record_file`` only when the audit passes
    (never for a shard: merge the shards first). ``browser`` lets a caller reuse one started
    Browser as the only worker; otherwise ``workers`` browsers (default: one more than the
    processor cores, ``default_workers``)
    are started and closed here. ``shard`` audits only its share of the pages (shards.py). With
    ``cache_file``, views whose page, loaded files, tools and settings are unchanged reuse their
    earlier result (cache.py). Requests to the site's published address are the site's own and,
    like requests to the local copy, must be answered by a file of the built site: give the
    address as ``site_url``, or let the pages' <link rel=canonical> tell.
    ``progress`` hears of every page view, reused or audited.
    Raises AuditSetupError subclasses (exit code 2) when the audit cannot run at all."""
    site_dir = Path(site_dir)
    today = today or date.today()
    every_page = discover_pages(site_dir)
    chosen = select_pages(every_page, pages)
    if shard:
        chosen = shard.select(chosen)
    reviewed_source = display_path(reviewed_file) if reviewed_file else ""
    acknowledgements = load_reviewed(reviewed_file, today) if reviewed_file else []
    axe_script = Path(axe_script) if axe_script else default_axe_script()
    if not axe_script.is_file():
        raise AxeMissing(f"{axe_script} not found; run `./run.sh setup` (or `npm ci`) to install axe-core")

    started = time.perf_counter()
    files = SiteFiles(site_dir)
    published = [site_url.rstrip("/")] if site_url else published_addresses(site_dir, every_page)
    chromium_path, driver_path = find_programs(chromium, chromedriver)
    installed = {"chromium": program_version(chromium_path),
                 "chromedriver": program_version(driver_path),
                 "chromium_build": build_name(chromium_path)}
    browser_versions = browser.versions if browser else installed
    settings = {
        "checks": check_version(), "axe": file_digest(axe_script),
        "chromium": installed["chromium"], "chromium_build": installed["chromium_build"],
        "tags": list(tags),
        "all_rules_in_every_view": all_rules_in_every_view, "preload_axe": preload_axe,
        "languages": list(languages), "views": [v.as_dict() for v in views],
    }
    cache = AuditCache(cache_file, today)
    plans = [plan_page(page, views, settings, files, cache) for page in chosen]
    if progress:
        progress.begin(len(chosen) * len(views))
        for plan in plans:
            for result in plan.cached or []:
                progress.step(reused=True)

    todo = [plan.page for plan in plans if plan.cached is None]
    fresh: dict[str, list[ViewResult]] = {}
    tools = cache.tools.get(settings["axe"], {})
    if todo:
        crew = Crew(todo, views, tags, languages, preload_axe, all_rules_in_every_view,
                    axe_script, progress)
        fresh, tools, started_versions = crew.run(
            site_dir, workers or default_workers(), browser, chromium, chromedriver)
        browser_versions = started_versions or browser_versions
        cache.tools[settings["axe"]] = tools

    reviews = Reviews(acknowledgements, today, reviewed_source)
    results: list[ViewResult] = []
    for plan in plans:
        page_results = plan.cached or fresh[plan.page.url]
        if plan.cached is None:
            for key, result in zip(plan.keys, page_results):
                if cacheable(result):
                    cache.put(key, result.to_dict())
        judge_requests(page_results, published, files.exists)
        for index, result in enumerate(page_results):
            reviews.apply(result, page_results[:index], views)
        results += page_results
    cache.save()
    if progress:
        progress.close()
    elapsed = time.perf_counter() - started

    record = build_record(
        results, site_dir=site_dir, pages=[p.url for p in chosen], views=views, tags=tags,
        axe_version=tools.get("version", ""), axe_rule_count=tools.get("rule_count", 0),
        browser_versions=browser_versions, preload_axe=preload_axe,
        all_rules_in_every_view=all_rules_in_every_view, reviewed_file=reviewed_source,
        published=published, seconds=elapsed,
        cache={"file": display_path(cache_file) if cache_file else "",
               "reused_page_views": sum(1 for r in results if r.reused),
               "audited_page_views": sum(1 for r in results if not r.reused),
               "damaged_entries_ignored": cache.discarded},
        shard=shard.as_dict([p.url for p in every_page]) if shard else None)
    outcome = AuditResult(record=record, views=results, cache_problem=cache.problem)
    if write_report:
        outcome.report_file = Path(report_file) if report_file else site_dir / REPORT_NAME
        write_json_atomic(outcome.report_file, record)
    if record_file and outcome.passed and not shard:
        write_json_atomic(Path(record_file), record)
        outcome.recorded_to = Path(record_file)
    return outcome


def default_workers() -> int:
    """One browser more than there are processor cores. A browser spends part of each page
    waiting for animation frames while the page settles; the extra one keeps the cores busy
    meanwhile (on two cores, three browsers audited a large site in about a fifth less time
    than two, with the same processor time per view)."""
    return (os.cpu_count() or 1) + 1


def file_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def plan_page(page: Page, views: Sequence[View], settings: dict, files: SiteFiles,
              cache: AuditCache) -> PagePlan:
    """The keys of the page's views, and its cached results when every view has one (a page is
    audited as a whole: its later views use what the first view learnt)."""
    inputs = files.page_inputs(page.file)
    keys = [view_key(settings, page.url, view.as_dict(), index, inputs)
            for index, view in enumerate(views)]
    found = [cache.get(key) for key in keys]
    if any(item is None for item in found):
        return PagePlan(page, keys)
    cached = []
    for item in found:
        result = ViewResult.from_dict(item)
        result.reused = True
        cached.append(result)
    return PagePlan(page, keys, cached)


def cacheable(result: ViewResult) -> bool:
    """Only complete results are kept: a view that timed out or where axe failed is tried again."""
    return result.axe_error is None and not any(f.rule == "page-load" for f in result.findings)


def judge_requests(results: list[ViewResult], published: list[str],
                   exists: Callable[[str], bool]) -> None:
    """Judge what each view of a page requested against the built site, fresh or cached alike:
    other hosts are third parties, and the site's own requests need a file of the build."""
    known = results[0].referenced if results else []
    for result in results:
        result.requests = beyond.third_party(result.requested, "", published)
        result.findings += beyond.check_requests(result.requested, result.referenced, "",
                                                 published, known=known)
        result.findings += beyond.check_missing_files(result.requested, result.referenced,
                                                      published, exists, known=known)


@dataclass
class Crew:
    """Browser workers that share a queue of pages; each page is audited by one worker."""

    pages: list[Page]
    views: Sequence[View]
    tags: Sequence[str]
    languages: Sequence[str]
    preload_axe: bool
    all_rules_in_every_view: bool
    axe_script: Path
    progress: Progress | None

    def run(self, site_dir: Path, count: int, browser: Browser | None, chromium: str | None,
            chromedriver: str | None) -> tuple[dict[str, list[ViewResult]], dict, dict]:
        """Results per page URL, axe-core's version and rule count, and the browser versions.
        A given ``browser`` is the only worker."""
        count = 1 if browser else max(1, min(count, len(self.pages)))
        queue = list(reversed(self.pages))
        lock = threading.Lock()
        stop = threading.Event()
        results: dict[str, list[ViewResult]] = {}
        facts: dict = {"tools": {}, "browser": {}}
        errors: list[BaseException] = []

        def work(base_url: str) -> None:
            own = None
            try:
                own = browser or Browser.start(chromium, chromedriver)
                self._audit_queue(own, base_url, queue, lock, stop, results, facts)
            except BaseException as error:  # noqa: BLE001 - raised again in the main thread
                with lock:
                    errors.append(error)
                stop.set()
            finally:
                if own is not None and browser is None:
                    own.close()

        with serve_directory(site_dir) as base_url:
            threads = [threading.Thread(target=work, args=(base_url,), name=f"podium-audit-{n}")
                       for n in range(1, count + 1)]
            for thread in threads:
                thread.start()
            try:
                for thread in threads:
                    thread.join()
            finally:
                stop.set()
                for thread in threads:
                    thread.join()
        if errors:
            raise errors[0]
        return results, facts["tools"], facts["browser"]

    def _audit_queue(self, browser: Browser, base_url: str, queue: list[Page],
                     lock: threading.Lock, stop: threading.Event,
                     results: dict[str, list[ViewResult]], facts: dict) -> None:
        """Take pages from ``queue`` until it is empty and audit each in every view."""
        axe = AxeRunner(browser, self.axe_script, tuple(self.tags),
                        rules=tuple(VIEW_DEPENDENT_RULES), preload=self.preload_axe)
        browser.allow_only(base_url)
        axe.prepare()
        focus_memory: dict[int, focus.FocusMemory] = {}
        try:
            while not stop.is_set():
                with lock:
                    if not queue:
                        return
                    page = queue.pop()
                page_results = []
                for result in audit_page(browser, axe, base_url, page, self.views,
                                         self.all_rules_in_every_view, self.languages,
                                         focus_memory):
                    page_results.append(result)
                    if self.progress:
                        with lock:
                            self.progress.step()
                with lock:
                    results[page.url] = page_results
                    facts["tools"] = {"version": axe.version, "rule_count": axe.rule_count}
                    facts["browser"] = browser.versions
        finally:
            axe.forget()


@dataclass(frozen=True)
class Reviews:
    """The acknowledgements of needs-review items and how to apply them."""

    acknowledgements: list
    today: date
    source: str

    def apply(self, result: ViewResult, earlier: list[ViewResult], views: Sequence[View]) -> None:
        confirm = functools.partial(wide_view_confirms, result, tuple(earlier),
                                    {v.id: v for v in views})
        apply_reviews(result.findings, result.page, result.view, self.acknowledgements,
                      self.today, self.source, confirm)


def audit_page(browser: Browser, axe: AxeRunner, base_url: str, page: Page,
               views: Sequence[View], all_rules_in_every_view: bool,
               languages: Sequence[str], focus_memory: dict) -> Iterator[ViewResult]:
    """The page in each view, with each check in the views it belongs to (see module doc),
    in the order of ``views``.

    ``focus_memory`` keeps what the focus check learnt per width across pages
    (``focus.FocusMemory``)."""
    walks = focus_walk_views(views)
    results: dict[int, ViewResult] = {}
    pending = scheme_groups(views, walks)
    while pending:
        results.update(audit_document(browser, axe, base_url, page, views, pending, walks=walks,
                                      all_rules_in_every_view=all_rules_in_every_view,
                                      languages=languages, focus_memory=focus_memory))
        pending = [group for group in pending if group[0] not in results]
    for index in range(len(views)):
        yield results[index]


def scheme_groups(views: Sequence[View], walks: Sequence[int]) -> list[list[int]]:
    """The view indices by colour scheme, in the order to visit them: the schemes of the
    keyboard walks last, because the walks come last in a page load (``audit_document``)."""
    groups: dict[str, list[int]] = {}
    for index, view in enumerate(views):
        groups.setdefault(view.scheme, []).append(index)
    return sorted(groups.values(), key=lambda group: any(i in walks for i in group))


def focus_walk_views(views: Sequence[View]) -> list[int]:
    """The first view of each width: what the keyboard reaches, and how it shows, changes with
    the width (menus fold away on a narrow screen)."""
    first: dict[int, int] = {}
    for index, view in enumerate(views):
        first.setdefault(view.width, index)
    return sorted(first.values())


def audit_document(browser: Browser, axe: AxeRunner, base_url: str, page: Page,
                   views: Sequence[View], groups: list[list[int]], *, walks: list[int],
                   all_rules_in_every_view: bool, languages: Sequence[str],
                   focus_memory: dict) -> dict[int, ViewResult]:
    """Load ``page`` once and check in it the views of ``groups`` (view indices by colour
    scheme), as many groups as the page can show without loading again; return their results.

    The width changes in place. The colour scheme changes in place too when the page carries a
    palette switch that follows the reader's preference (Material's, ``Browser.show_scheme``);
    a page without one picks its colours when it loads, so each of its schemes gets a load of
    its own. Every view is checked once the page has settled, the first one too (scripts that
    size parts of the page in the first animation frames make a fresh page a moving target).

    The keyboard walks (``walks``) come last: they move focus and scroll, which must not reach
    the other checks of this load. Every view of the load records every request the page made
    while it was open (``judge_requests`` judges them, also for cached results)."""
    def full_rules(index: int) -> bool:
        return index == 0 or all_rules_in_every_view

    def in_width_order(group: list[int]) -> list[int]:
        current = browser.view
        return sorted(group, key=lambda i: current is None or views[i].width != current.width)

    results: dict[int, ViewResult] = {}
    forms: dict[int, focus.WalkForm | None] = {}
    started = time.perf_counter()
    first = in_width_order(groups[0])
    browser.set_view(views[first[0]])
    try:
        browser.open(base_url + page.url)
        browser.settle()
    except TimeoutException:
        for index in first:
            results[index] = load_failed(page, views[index], full_rules=full_rules(index))
            results[index].seconds = time.perf_counter() - started
        return results
    visits = groups if browser.shows_scheme_in_place() else groups[:1]
    for position, group in enumerate(visits):
        if position:
            started = time.perf_counter()
            if not switch_scheme(browser, views[in_width_order(group)[0]]):
                break  # the remaining schemes get a load of their own
        for index in in_width_order(group):
            moved = views[index] != browser.view
            if moved:
                started = time.perf_counter()
                switch_view(browser, views[index], settle=False)
            results[index], forms[index] = audit_view(
                browser, axe, base_url, page, views[index], full_rules=full_rules(index),
                page_checks=index == 0, languages=languages, settle=moved,
                walk_form=index in walks)
            results[index].seconds += time.perf_counter() - started
    for index in sorted((i for i in walks if i in results), key=lambda i: views[i] != browser.view):
        started = time.perf_counter()
        memory = focus_memory.setdefault(views[index].width, focus.FocusMemory())
        found = focus.remembered_walk(browser, memory, forms.get(index))
        if found is None:
            switch_view(browser, views[index])
            found = focus.check_focus_visible(browser, memory=memory)
        results[index].findings += found
        results[index].checks += list(beyond.WIDTH_CHECKS)
        results[index].seconds += time.perf_counter() - started
    requested = [site_relative(url, base_url) for url in browser.take_requests()]
    for result in results.values():
        result.requested = list(requested)
        result.checks += list(beyond.VIEW_CHECKS)
    return results


def switch_scheme(browser: Browser, view: View) -> bool:
    """Show the loaded page in the colour scheme of ``view`` through its palette switch;
    False (and the page as it was) if the page did not follow."""
    before = browser.view
    browser.set_view(view)
    if browser.show_scheme():
        browser.settle()
        return True
    if before is not None:
        browser.set_view(before)
    return False


def switch_view(browser: Browser, view: View, *, settle: bool = True) -> None:
    """Show the loaded page in ``view`` (same colour scheme, or one the page has shown in place
    before) and, if ``settle``, wait until it has settled."""
    if view == browser.view:
        return
    if browser.view is not None and browser.view.scheme != view.scheme:
        if not switch_scheme(browser, view):
            raise RuntimeError(f"the page did not change back to the {view.scheme} colour scheme")
        return
    browser.set_view(view)
    if settle:
        browser.settle()


def load_failed(page: Page, view: View, *, full_rules: bool) -> ViewResult:
    result = ViewResult(page=page.url, file=page.file, view=view.id,
                        axe_rules="all" if full_rules else "view-dependent", checks=[])
    result.findings.append(Finding(
        rule="page-load", impact="critical", selector="html",
        message=f"the page did not finish loading within {PAGE_LOAD_TIMEOUT_S} s; nothing "
                "else was checked in this view"))
    return result


def audit_view(browser: Browser, axe: AxeRunner, base_url: str, page: Page, view: View, *,
               full_rules: bool, page_checks: bool, languages: Sequence[str],
               settle: bool = False,
               walk_form: bool = False) -> tuple[ViewResult, focus.WalkForm | None]:
    """Run the checks that belong to ``view`` (except the keyboard walk) on the loaded page,
    after it has settled if ``settle``; with ``walk_form``, also read the form of the part the
    keyboard walk of this view covers (``focus.walk_form_script``; None if not read), so that
    a walk remembered for that form needs no return to this view.

    axe and Podium's page scripts run in one round trip to the browser (``view_script``); the
    scripts run on their own only if axe ran out of time. The page checks also collect the URLs
    the HTML loads by itself."""
    result = ViewResult(page=page.url, file=page.file, view=view.id,
                        axe_rules="all" if full_rules else "view-dependent", checks=[])
    scripts = {"graphics": graphics.GRAPHICS_JS}
    if page_checks:
        scripts["facts"] = page_scripts.PAGE_FACTS_JS
    if view.narrow:
        scripts["reflow"] = page_scripts.REFLOW_JS
    if walk_form:
        scripts["walkForm"] = focus.walk_form_script()
    try:
        outcome = axe.run(None if full_rules else tuple(VIEW_DEPENDENT_RULES),
                          before=browser.settle_expression() if settle else "", after=scripts)
    except TimeoutException:
        outcome = {"error": f"axe.run did not finish within {SCRIPT_TIMEOUT_S} s"}
    if "error" in outcome:
        result.axe_error = outcome["error"]
        result.findings.append(Finding(
            rule="axe-error", source=AXE, impact="critical", selector="html",
            message=f"axe-core could not check this page view: {outcome['error']}"))
    else:
        result.findings += axe_findings(outcome["ok"])
    collected = outcome.get("after") or {name: browser.evaluate(body)
                                         for name, body in scripts.items()}

    if page_checks:
        facts = collected["facts"]
        result.findings += beyond.check_page(page.url, facts, languages)
        result.referenced = [{**ref, "url": site_relative(ref["url"], base_url)}
                             for ref in facts["referenced"]]
        result.checks += list(beyond.PAGE_CHECKS)
    if view.narrow:
        result.findings += beyond.check_reflow(collected["reflow"], view.width)
        result.checks += list(beyond.NARROW_CHECKS)
    result.findings += graphics.check_graphics(collected["graphics"])
    return result, focus.WalkForm.read(collected.get("walkForm"))


def site_relative(url: str, base_url: str) -> str:
    """A URL on the local server as its path ("/nl/x.css"), so results do not depend on the
    port of one run; other URLs as they are."""
    return (url[len(base_url):] or "/") if url.startswith(base_url + "/") else url


def wide_view_confirms(result: ViewResult, earlier: tuple[ViewResult, ...],
                       views_by_id: dict[str, View], finding: Finding) -> str | None:
    """The id of a wider view of the same page and scheme in which ``finding``'s rule ran and
    reported nothing on the same element; None if there is no such view."""
    view = views_by_id[result.view]
    for other in sorted(earlier, key=lambda r: -views_by_id[r.view].width):
        wide = views_by_id[other.view]
        if wide.scheme != view.scheme or wide.width <= view.width or other.axe_error:
            continue
        ran = other.axe_rules == "all" or finding.rule in VIEW_DEPENDENT_RULES
        clean = not any(f.rule == finding.rule and f.selector == finding.selector
                        for f in other.findings)
        return other.view if ran and clean else None
    return None


def axe_findings(results: dict) -> list[Finding]:
    """One Finding per element axe reported, violations first."""
    found = []
    for kind, rules in ((VIOLATION, results["violations"]), (NEEDS_REVIEW, results["incomplete"])):
        for rule in rules:
            for position, node in enumerate(rule["nodes"]):
                message = rule["help"]
                if node["messages"]:
                    message += ": " + node["messages"][0]
                hidden = rule["nodeCount"] - len(rule["nodes"])
                if hidden and position == len(rule["nodes"]) - 1:
                    message += f" (and {hidden} more elements with the same problem)"
                found.append(Finding(
                    rule=rule["id"], kind=kind, source=AXE,
                    impact=node.get("impact") or rule.get("impact"),
                    selector=target_selector(node["target"]), snippet=node["html"],
                    message=message, help_url=rule["helpUrl"], wcag=wcag_criteria(rule["tags"])))
    return found


def target_selector(target: list) -> str:
    """axe's target (frames, then shadow roots) as one readable selector."""
    parts = [" >> ".join(t) if isinstance(t, list) else str(t) for t in target]
    return " >>> ".join(parts)


def wcag_criteria(tags: list[str]) -> list[str]:
    """['wcag143', 'wcag1410', 'cat.color'] -> ['1.4.3', '1.4.10']."""
    criteria = []
    for tag in tags:
        digits = tag[4:]
        if tag.startswith("wcag") and digits.isdigit() and len(digits) >= 3:
            criteria.append(f"{digits[0]}.{digits[1]}.{digits[2:]}")
    return criteria
