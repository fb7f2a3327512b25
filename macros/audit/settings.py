"""What the audit checks and in which views: the constants every other module shares."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: axe rule tags: WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus Deque's best practices.
TAGS: tuple[str, ...] = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")

#: Rules whose outcome can change with colour scheme or width, each with the reason. Only these
#: run in the second and later views of a page; the first view of every page runs every rule of
#: TAGS. Every other rule reads what does not change between views (names, roles, structure).
VIEW_DEPENDENT_RULES: dict[str, str] = {
    "color-contrast": "text colours change with the colour scheme, and what lies behind the text "
                      "changes with the width",
    "link-in-text-block": "the colours of links and of the text around them change with the "
                          "colour scheme",
    "target-size": "the size and spacing of links and buttons change with the width",
    "scrollable-region-focusable": "whether a region scrolls depends on the width",
}

#: The human-written acknowledgements of "needs review" items, relative to the repository.
REVIEWED_FILE = Path("data/accessibility-reviewed.yml")
#: Where a passing audit record is copied for the accessibility statement (``--record``).
RECORD_FILE = Path("data/accessibility-audit.json")
#: The audit cache (cache.py): outside the site, which every build replaces; CI keeps this
#: folder between runs with actions/cache.
CACHE_FILE = Path(".podium-cache/audit.json")
#: The report's name inside the built site.
REPORT_NAME = "accessibility-audit.json"
#: axe-core as pinned in package.json / package-lock.json, relative to the repository.
AXE_SCRIPT = Path("node_modules/axe-core/axe.min.js")

#: Languages whose pages live under /<code>/ in the site.
SITE_LANGUAGES: tuple[str, ...] = ("nl", "en")

INSTALL_HINT = (
    "run `./run.sh setup`, or install Debian's packages yourself: "
    "`sudo apt-get install chromium chromium-driver chromium-headless-shell` (the audit uses the "
    "lighter headless shell when it is installed, else chromium)"
)


@dataclass(frozen=True)
class View:
    """One way of looking at a page: a colour scheme and a viewport size in CSS pixels."""

    scheme: str  # "light" or "dark"
    width: int
    height: int

    @property
    def id(self) -> str:
        return f"{self.scheme}-{self.width}"

    @property
    def narrow(self) -> bool:
        """Narrow enough that WCAG 1.4.10 (reflow) applies: 320 CSS px."""
        return self.width <= 320

    def as_dict(self) -> dict:
        return {"id": self.id, "scheme": self.scheme, "width": self.width, "height": self.height}


DEFAULT_VIEWS: tuple[View, ...] = (
    View("light", 1280, 1024),
    View("dark", 1280, 1024),
    View("light", 320, 720),
    View("dark", 320, 720),
)


def repository_root() -> Path:
    """The repository this package lives in (``macros/audit`` is two levels down)."""
    return Path(__file__).resolve().parents[2]


def default_axe_script() -> Path:
    """node_modules/axe-core/axe.min.js of the current folder, else of the repository."""
    for base in (Path.cwd(), repository_root()):
        candidate = base / AXE_SCRIPT
        if candidate.is_file():
            return candidate
    return Path.cwd() / AXE_SCRIPT
