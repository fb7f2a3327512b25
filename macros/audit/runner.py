"""The audit itself: every HTML page of a built site, in every view, in one reused browser.

Work per page: the first view (light, 1280 px) runs every axe rule of the chosen tags and the
page-level checks (language, headings, links, images, charts, referenced URLs). The other views
run only the axe rules whose outcome can change with colour scheme or width
(``VIEW_DEPENDENT_RULES``). The focus walk runs in the first view of each width, the reflow check
in the 320 px views, and every view records the requests the page attempted to other hosts.
Each view is a fresh page load (Material picks its palette when the page loads).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from selenium.common.exceptions import TimeoutException

from . import beyond, focus, graphics, page_scripts
from .axe import AxeRunner
from .browser import PAGE_LOAD_TIMEOUT_S, SCRIPT_TIMEOUT_S, Browser
from .errors import AxeMissing, SiteNotFound
from .findings import AXE, NEEDS_REVIEW, VIOLATION, Finding, ViewResult
from .report import build_record, display_path, write_json_atomic
from .reviewed import apply_reviews, load_reviewed
from .server import serve_directory
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
    # Error pages have no canonical link; audited last, they can use the published address
    # that the other pages' canonical links revealed.
    return sorted(pages, key=lambda page: page.file.endswith("404.html"))


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
    progress: Callable[[ViewResult], None] | None = None,
) -> AuditResult:
    """Audit every HTML page of ``site_dir`` in every view and return the result.

    The JSON record is written to ``report_file`` (default ``<site_dir>/accessibility-audit.json``)
    unless ``write_report`` is false, and copied to ``record_file`` only when the audit passes.
    ``browser`` lets a caller reuse one started Browser; otherwise one is started and closed here.
    Requests to the site's published address are the site's own, not third-party: give it as
    ``site_url``, or let the pages' <link rel=canonical> (MkDocs writes it from site_url) tell.
    Raises AuditSetupError subclasses (exit code 2) when the audit cannot run at all."""
    site_dir = Path(site_dir)
    today = today or date.today()
    chosen = select_pages(discover_pages(site_dir), pages)
    reviewed_source = display_path(reviewed_file) if reviewed_file else ""
    acknowledgements = load_reviewed(reviewed_file, today) if reviewed_file else []
    axe_script = Path(axe_script) if axe_script else default_axe_script()
    if not axe_script.is_file():
        raise AxeMissing(f"{axe_script} not found; run `./run.sh setup` (or `npm ci`) to install axe-core")

    own_browser = browser is None
    browser = browser or Browser.start(chromium, chromedriver)
    axe = AxeRunner(browser, axe_script, tuple(tags), rules=VIEW_DEPENDENT_RULES,
                    preload=preload_axe)
    published: list[str] = [site_url] if site_url else []
    started = time.perf_counter()
    try:
        with serve_directory(site_dir) as base_url:
            browser.allow_only(base_url)
            axe.prepare()
            try:
                results = _audit_pages(browser, axe, base_url, chosen, views,
                                       all_rules_in_every_view, languages, published,
                                       Reviews(acknowledgements, today, reviewed_source), progress)
            finally:
                axe.forget()
    finally:
        if own_browser:
            browser.close()
    elapsed = time.perf_counter() - started

    record = build_record(
        results, site_dir=site_dir, pages=[p.url for p in chosen], views=views, tags=tags,
        axe_version=axe.version, axe_rule_count=axe.rule_count, browser_versions=browser.versions,
        preload_axe=preload_axe, all_rules_in_every_view=all_rules_in_every_view,
        reviewed_file=reviewed_source, published=published, seconds=elapsed)
    outcome = AuditResult(record=record, views=results)
    if write_report:
        outcome.report_file = Path(report_file) if report_file else site_dir / REPORT_NAME
        write_json_atomic(outcome.report_file, record)
    if record_file and outcome.passed:
        write_json_atomic(Path(record_file), record)
        outcome.recorded_to = Path(record_file)
    return outcome


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


def _audit_pages(browser: Browser, axe: AxeRunner, base_url: str, pages: list[Page],
                 views: Sequence[View], all_rules_in_every_view: bool,
                 languages: Sequence[str], published: list[str], reviews: Reviews,
                 progress: Callable[[ViewResult], None] | None) -> list[ViewResult]:
    """Every page in every view, in order, with the acknowledgements applied."""
    results: list[ViewResult] = []
    focus_verdicts: dict = {}
    for page in pages:
        page_results: list[ViewResult] = []
        for result in audit_page(browser, axe, base_url, page, views, all_rules_in_every_view,
                                 languages, focus_verdicts, published):
            reviews.apply(result, page_results, views)
            page_results.append(result)
            if progress:
                progress(result)
        results += page_results
    return results


def audit_page(browser: Browser, axe: AxeRunner, base_url: str, page: Page,
               views: Sequence[View], all_rules_in_every_view: bool,
               languages: Sequence[str], focus_verdicts: dict,
               published: list[str]) -> Iterator[ViewResult]:
    """The page in each view, with each check in the views it belongs to (see module doc).

    ``focus_verdicts`` keeps the focus check's pixel verdicts per width across pages;
    ``published`` collects the site's published origins (from canonical links)."""
    referenced: list[dict] = []
    walked_widths: set[int] = set()
    for index, view in enumerate(views):
        result = audit_view(browser, axe, base_url, page, view,
                            full_rules=index == 0 or all_rules_in_every_view,
                            page_checks=index == 0,
                            focus_walk=None if view.width in walked_widths else
                            focus_verdicts.setdefault(view.width, {}),
                            referenced=referenced, languages=languages, published=published)
        walked_widths.add(view.width)
        yield result


def audit_view(browser: Browser, axe: AxeRunner, base_url: str, page: Page, view: View, *,
               full_rules: bool, page_checks: bool, focus_walk: dict | None, referenced: list[dict],
               languages: Sequence[str], published: list[str]) -> ViewResult:
    """Load ``page`` in ``view`` and run the checks that belong to this view.

    ``referenced`` collects, in the page checks, the URLs the HTML loads by itself, so that later
    views can point at the element behind a third-party request."""
    started = time.perf_counter()
    result = ViewResult(page=page.url, file=page.file, view=view.id,
                        axe_rules="all" if full_rules else "view-dependent", checks=[])
    browser.set_view(view)
    try:
        browser.open(base_url + page.url)
    except TimeoutException:
        result.findings.append(Finding(
            rule="page-load", impact="critical", selector="html",
            message=f"the page did not finish loading within {PAGE_LOAD_TIMEOUT_S} s; nothing "
                    "else was checked in this view"))
        result.seconds = time.perf_counter() - started
        return result

    try:
        outcome = axe.run(None if full_rules else VIEW_DEPENDENT_RULES)
    except TimeoutException:
        outcome = {"error": f"axe.run did not finish within {SCRIPT_TIMEOUT_S} s"}
    if "error" in outcome:
        result.axe_error = outcome["error"]
        result.findings.append(Finding(
            rule="axe-error", source=AXE, impact="critical", selector="html",
            message=f"axe-core could not check this page view: {outcome['error']}"))
    else:
        result.findings += axe_findings(outcome["ok"])

    if page_checks:
        facts = page_scripts.collect_page_facts(browser)
        result.findings += beyond.check_page(page.url, facts, languages)
        referenced[:] = facts["referenced"]
        origin = beyond.published_origin(page.url, facts["canonical"])
        if origin and origin not in published:
            published.append(origin)
        result.checks += list(beyond.PAGE_CHECKS)
    if view.narrow:
        result.findings += beyond.check_reflow(page_scripts.collect_reflow(browser), view.width)
        result.checks += list(beyond.NARROW_CHECKS)
    if focus_walk is not None:
        result.findings += focus.check_focus_visible(browser, known=focus_walk)
        result.checks += list(beyond.WIDTH_CHECKS)
    result.findings += graphics.check_graphics(graphics.collect_graphics(browser))
    requested = browser.take_requests()
    result.requests = beyond.third_party(requested, base_url, published)
    result.findings += beyond.check_requests(requested, referenced if page_checks else [], base_url,
                                             published, known=referenced)
    result.checks += list(beyond.VIEW_CHECKS)
    result.seconds = time.perf_counter() - started
    return result


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
