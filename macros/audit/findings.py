"""What the audit found: plain data classes shared by the checks, the reports and the API."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

VIOLATION = "violation"
NEEDS_REVIEW = "needs-review"

AXE = "axe"
PODIUM = "podium"


@dataclass
class Finding:
    """One problem (or one item to review) on one element of one page view."""

    rule: str
    message: str
    kind: str = VIOLATION  # VIOLATION or NEEDS_REVIEW
    source: str = PODIUM  # AXE or PODIUM
    impact: str | None = "serious"
    selector: str = ""
    snippet: str = ""
    help_url: str = ""
    wcag: list[str] = field(default_factory=list)
    #: For NEEDS_REVIEW: the acknowledgement that covers it (line, reason, reviewer, date), if any.
    review: dict | None = None

    @property
    def fails(self) -> bool:
        """A violation always fails; a needs-review item fails until it is acknowledged."""
        return self.kind == VIOLATION or self.review is None

    def to_dict(self) -> dict:
        data = asdict(self)
        data["fails"] = self.fails
        return data


@dataclass
class ViewResult:
    """Everything checked on one page in one view."""

    page: str  # URL path, e.g. "/nl/"
    file: str  # path of the HTML file relative to the site folder
    view: str  # view id, e.g. "dark-320"
    axe_rules: str  # "all" or "view-dependent"
    checks: list[str]  # beyond-axe checks that ran in this view
    findings: list[Finding] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)  # third-party URLs the page tried to load
    seconds: float = 0.0
    axe_error: str | None = None

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.kind == VIOLATION]

    @property
    def needs_review(self) -> list[Finding]:
        return [f for f in self.findings if f.kind == NEEDS_REVIEW]

    @property
    def failed(self) -> bool:
        return any(f.fails for f in self.findings)

    def to_dict(self) -> dict:
        return {
            "page": self.page,
            "file": self.file,
            "view": self.view,
            "axe_rules": self.axe_rules,
            "checks": self.checks,
            "passed": not self.failed,
            "seconds": round(self.seconds, 3),
            "axe_error": self.axe_error,
            "third_party_requests": self.requests,
            "violations": [f.to_dict() for f in self.violations],
            "needs_review": [f.to_dict() for f in self.needs_review],
        }
