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

    @classmethod
    def from_dict(cls, data: dict) -> Finding:
        """The Finding that ``to_dict`` wrote (``fails`` is derived, so it is left out)."""
        return cls(**{name: data[name] for name in FINDING_FIELDS if name in data})


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
    #: Every URL the page requested: the site's own as a path ("/nl/x.css"), others in full.
    requested: list[str] = field(default_factory=list)
    #: Elements whose URL loads by itself (first view only), with the same URL convention.
    referenced: list[dict] = field(default_factory=list)
    #: True when this result came from the audit cache instead of the browser.
    reused: bool = False

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
            "reused": self.reused,
            "axe_error": self.axe_error,
            "third_party_requests": self.requests,
            "violations": [f.to_dict() for f in self.violations],
            "needs_review": [f.to_dict() for f in self.needs_review],
            "requested": self.requested,
            "referenced": self.referenced,
        }

    @classmethod
    def from_dict(cls, data: dict) -> ViewResult:
        """The ViewResult that ``to_dict`` wrote (a record's result or a cached one)."""
        return cls(
            page=data["page"], file=data["file"], view=data["view"], axe_rules=data["axe_rules"],
            checks=list(data["checks"]),
            findings=[Finding.from_dict(f) for f in data["violations"] + data["needs_review"]],
            requests=list(data.get("third_party_requests", [])), seconds=data.get("seconds", 0.0),
            axe_error=data.get("axe_error"), requested=list(data.get("requested", [])),
            referenced=list(data.get("referenced", [])), reused=data.get("reused", False))


FINDING_FIELDS = tuple(Finding.__dataclass_fields__)
