"""The audit record (JSON) and its readings for people (text) and for CI (GitHub commands)."""

from __future__ import annotations

import json
import os
import platform
import tempfile
from collections.abc import Sequence
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from ..base.wcag import uncovered_criteria
from .beyond import NARROW_CHECKS, PAGE_CHECKS, VIEW_CHECKS, WIDTH_CHECKS
from .findings import NEEDS_REVIEW, VIOLATION, ViewResult
from .settings import VIEW_DEPENDENT_RULES, View

SCHEMA = "podium-accessibility-audit/1"


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "unknown"


def tool_versions(axe_version: str, browser_versions: dict[str, str]) -> dict[str, str]:
    return {
        "podium": _version("podium"),
        "axe-core": axe_version,
        "chromium": browser_versions.get("chromium", ""),
        "chromium-build": browser_versions.get("chromium_build", ""),
        "chromedriver": browser_versions.get("chromedriver", ""),
        "selenium": _version("selenium"),
        "axe-selenium-python": _version("axe-selenium-python"),
        "python": platform.python_version(),
    }


def display_path(path: Path | str) -> str:
    """A path as the record shows it: relative to the current folder when it lies inside it, so
    that no machine's folder layout ends up in a committed record."""
    if not path:
        return ""
    path = Path(path)
    if not path.is_absolute():
        return path.as_posix()
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.name


def build_record(results: list[ViewResult], *, site_dir: Path, pages: list[str],
                 views: Sequence[View], tags: Sequence[str], axe_version: str,
                 axe_rule_count: int, browser_versions: dict[str, str], preload_axe: bool,
                 all_rules_in_every_view: bool, reviewed_file: str, published: list[str],
                 seconds: float, cache: dict | None = None, shard: dict | None = None) -> dict:
    """The JSON record of one audit run: versions, what ran where, per-view results, totals.

    ``cache`` says which results were reused; ``shard`` marks the record of one shard, which
    only counts once the shards are merged (shards.py)."""
    totals = summarise(results)
    record = {
        "schema": SCHEMA,
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "passed": totals["failing_items"] == 0,
        "site": display_path(site_dir),
        "tools": tool_versions(axe_version, browser_versions),
        "strategy": {
            "tags": list(tags),
            "axe_rules_in_first_view": f"every rule with these tags ({axe_rule_count} rules)",
            "axe_rules_in_other_views": (
                "every rule with these tags" if all_rules_in_every_view
                else list(VIEW_DEPENDENT_RULES)),
            "podium_checks_in_first_view": list(PAGE_CHECKS),
            "podium_checks_in_every_view": list(VIEW_CHECKS),
            "podium_checks_in_first_view_of_each_width": list(WIDTH_CHECKS),
            "podium_checks_in_narrow_views": list(NARROW_CHECKS),
            "axe_loading": "CDP Page.addScriptToEvaluateOnNewDocument, axe-selenium-python inject() "
                           "as fallback" if preload_axe else "axe-selenium-python inject() per page",
            "colour_scheme": "CDP Emulation.setEmulatedMedia prefers-color-scheme; "
                             "prefers-reduced-motion: reduce",
            "reviewed_file": display_path(reviewed_file),
            "site_published_at": published,
        },
        "pages": pages,
        "views": [v.as_dict() for v in views],
        "results": [r.to_dict() for r in results],
        "totals": {**totals, "seconds": round(seconds, 2),
                   "seconds_per_page_view": round(seconds / max(1, len(results)), 3)},
        "not_covered_by_automation": [
            {"sc": c.sc, "level": c.level, "automation": c.automation,
             "name": c.name["en"]} for c in uncovered_criteria()],
        "cache": cache or {"file": "", "reused_page_views": 0,
                           "audited_page_views": len(results), "damaged_entries_ignored": 0},
    }
    if shard:
        record["shard"] = shard
    return record


def summarise(results: list[ViewResult]) -> dict:
    findings = [f for r in results for f in r.findings]
    violations = [f for f in findings if f.kind == VIOLATION]
    review = [f for f in findings if f.kind == NEEDS_REVIEW]
    return {
        "pages": len({r.page for r in results}),
        "page_views": len(results),
        "failed_page_views": sum(1 for r in results if r.failed),
        "violations": len(violations),
        "violations_by_axe": sum(1 for f in violations if f.source == "axe"),
        "violations_by_podium": sum(1 for f in violations if f.source == "podium"),
        "needs_review": len(review),
        "needs_review_acknowledged": sum(1 for f in review if f.review),
        "needs_review_unacknowledged": sum(1 for f in review if not f.review),
        "third_party_urls": len({u for r in results for u in r.requests}),
        "reused_page_views": sum(1 for r in results if r.reused),
        "failing_items": sum(1 for f in findings if f.fails),
    }


def write_json_atomic(path: Path, data: dict) -> None:
    """Write ``data`` to ``path`` through a temporary file, so no half-written file is left."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=1, ensure_ascii=False)
            out.write("\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# -- reading the record -------------------------------------------------------------------------

def _grouped(record: dict) -> list[dict]:
    """Findings of the record, with identical ones in several views of a page merged."""
    groups: dict[tuple, dict] = {}
    for result in record["results"]:
        for item in result["violations"] + result["needs_review"]:
            key = (result["file"], item["kind"], item["rule"], item["selector"], item["message"],
                   bool(item["review"]))
            group = groups.setdefault(key, {**item, "file": result["file"],
                                             "page": result["page"], "views": []})
            group["views"].append(result["view"])
    return list(groups.values())


def _acknowledged_summary(groups: list[dict]) -> list[str]:
    """One note per acknowledgement: how many items on how many pages it covered."""
    covered: dict[tuple, dict] = {}
    for group in groups:
        review = group["review"]
        if not review:
            continue
        key = (group["rule"], f"{review['file']}:{review['line']}", review["reason"])
        entry = covered.setdefault(key, {"items": 0, "pages": set()})
        entry["items"] += len(group["views"])
        entry["pages"].add(group["page"])
    return [f"{rule}: {c['items']} needs-review items on {len(c['pages'])} pages acknowledged "
            f"in {where}: {_short(reason)}"
            for (rule, where, reason), c in covered.items()]


def _short(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def summary_line(record: dict) -> str:
    t = record["totals"]
    views = len(record["views"])
    verdict = "passed" if record["passed"] else "FAILED"
    shard = record.get("shard")
    which = f" of shard {shard['index']}/{shard['count']}" if shard else ""
    reused = t.get("reused_page_views", 0)
    from_cache = f" ({reused} reused from the cache)" if reused else ""
    return (f"accessibility audit{which} {verdict}: {t['pages']} pages x {views} views = "
            f"{t['page_views']} page views{from_cache} in {t['seconds']} s "
            f"({t['seconds_per_page_view']} s per page view); {t['violations']} violations, "
            f"{t['needs_review_unacknowledged']} "
            f"needs-review items not acknowledged, {t['needs_review_acknowledged']} acknowledged; "
            f"axe-core {record['tools']['axe-core']}, Chromium {record['tools']['chromium']}"
            + (f" ({build})" if (build := record["tools"].get("chromium-build")) else ""))


def _headline(group: dict) -> str:
    who = "axe" if group["source"] == "axe" else "podium"
    impact = f"{group['impact']}, " if group["impact"] else ""
    return f"{group['rule']} ({impact}{who}) in {', '.join(group['views'])}"


def format_text(record: dict, site_label: str | None = None) -> str:
    """Compiler-style lines: ``site/nl/x/index.html: error: rule (...) in views: message``."""
    base = (site_label or record["site"]).rstrip("/")
    lines = []
    groups = _grouped(record)
    for group in groups:
        if group["review"]:
            continue
        where = f"{base}/{group['file']}"
        if group["kind"] == VIOLATION:
            lines.append(f"{where}: error: {_headline(group)}: {group['message']}")
        else:
            lines.append(f"{where}: error: needs review, not acknowledged: {_headline(group)}: "
                         f"{group['message']}. Check it by hand, then acknowledge it in "
                         f"{record['strategy']['reviewed_file'] or 'data/accessibility-reviewed.yml'}")
        if group["selector"] or group["snippet"]:
            lines.append(f"    element: {group['selector']}  {group['snippet']}".rstrip())
        if group["help_url"]:
            lines.append(f"    help: {group['help_url']}")
    lines += [f"note: {note}" for note in _acknowledged_summary(groups)]
    lines.append(summary_line(record))
    return "\n".join(lines) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(record: dict, site_label: str | None = None) -> str:
    """GitHub Actions workflow commands: ``::error title=...::...`` per problem."""
    base = (site_label or record["site"]).rstrip("/")
    lines = []
    groups = _grouped(record)
    for group in groups:
        if group["review"]:
            continue
        kind = "needs review, not acknowledged: " if group["kind"] == NEEDS_REVIEW else ""
        title = _escape_property(f"Accessibility: {kind}{group['rule']} ({group['impact'] or 'n/a'})")
        body = (f"{base}/{group['file']} [{', '.join(group['views'])}]: {group['message']}\n"
                f"element: {group['selector']} {group['snippet']}\nhelp: {group['help_url']}")
        lines.append(f"::error title={title}::{_escape_data(body)}")
    for note in _acknowledged_summary(groups):
        lines.append(f"::notice title=Accessibility%3A reviewed::{_escape_data(note)}")
    kind = "notice" if record["passed"] else "error"
    lines.append(f"::{kind} title=Accessibility audit::{_escape_data(summary_line(record))}")
    return "\n".join(lines) + "\n"


def format_json(record: dict) -> str:
    return json.dumps(record, indent=1, ensure_ascii=False) + "\n"
