"""Load every data file, validate it, and check references between files.

All problems are collected before anything is raised, so one run shows them all.
"""
from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from . import accessibility, calendar, criteria, kpi, partner, promises, schema
from .privacy import cross_check as privacy_cross_check
from ..base.languages import CONFIG_FILE, Languages, read_languages
from ..base.problems import Problems
from ..base.validate import validate
from ..base.yamlread import Document, read_yaml
from .errors import DataErrors, Problem
from .register import register_problems

# Files other parts of Podium own; the data loader leaves them alone.
OTHER_FILES = {"accessibility-reviewed.yml", "brand.yml"}


@dataclass(frozen=True)
class Ref:
    """`pattern` (keys, '*' for every list item) must hold an id from collection `target`."""

    pattern: tuple
    target: str


@dataclass(frozen=True)
class FileSpec:
    name: str
    collection: str
    shape: Any
    refs: tuple[Ref, ...] = ()
    required: bool = True

    @property
    def schema_name(self) -> str:
        return self.name.replace(".yml", ".schema.json")


ORG = "organisations"
FILES: tuple[FileSpec, ...] = (
    FileSpec("organisations.yml", ORG, schema.Organisations),
    FileSpec("statements.yml", "statements", list[schema.Statement], (
        Ref(("*", "organisation"), ORG), Ref(("*", "contact_role"), "roles"),
        Ref(("*", "signed_by_role"), "roles"), Ref(("*", "commitments", "*", "goals", "*"), "goals"))),
    FileSpec("goals.yml", "goals", list[schema.Goal], (
        Ref(("*", "organisation"), ORG), Ref(("*", "owner_role"), "roles"),
        Ref(("*", "sdg_targets", "*"), "sdg-targets"))),
    FileSpec("roles.yml", "roles", list[schema.Role], (Ref(("*", "organisation"), ORG),)),
    FileSpec("reviews.yml", "reviews", list[schema.Review], (
        Ref(("*", "organisation"), ORG), Ref(("*", "participants", "*"), "roles"))),
    FileSpec("groups.yml", "groups", list[schema.Group], (
        Ref(("*", "contact_role"), "roles"), Ref(("*", "offers", "*", "organisation"), ORG),
        Ref(("*", "networks", "*", "contact_role"), "roles"))),
    FileSpec("documents.yml", "documents", list[schema.Document], (Ref(("*", "organisation"), ORG),)),
    FileSpec("updates.yml", "updates", list[schema.Update], (
        Ref(("*", "organisation"), ORG), Ref(("*", "goals", "*"), "goals"))),
    # Progress, partners and procurement: optional, so a site can start without them.
    FileSpec("kpis.yml", "kpis", list[kpi.KPI], (
        Ref(("*", "organisation"), ORG), Ref(("*", "goal"), "goals"),
        Ref(("*", "sdg_targets", "*"), "sdg-targets")), required=False),
    FileSpec("partners.yml", "partners", list[partner.Partner], (
        Ref(("*", "organisations", "*"), ORG),), required=False),
    FileSpec("criteria.yml", "criteria", criteria.Criteria, required=False),
    FileSpec("sdg-targets.yml", "sdg-targets", list[schema.SdgTarget], required=False),
    FileSpec("decisions.yml", "decisions", list[schema.Decision], (Ref(("*", "review"), "reviews"),),
             required=False),
    FileSpec("procurement.yml", "procurement", partner.Procurement, (
        Ref(("contacts", "*", "organisation"), ORG), Ref(("contacts", "*", "contact_role"), "roles"),
        Ref(("targets", "*", "organisation"), ORG), Ref(("targets", "*", "goal"), "goals"),
        Ref(("tenders", "*", "organisation"), ORG), Ref(("opportunities", "*", "organisation"), ORG),
        Ref(("opportunities", "*", "contact_role"), "roles")), required=False),
    # The communication calendar; optional as well.
    FileSpec("audiences.yml", "audiences", list[calendar.Audience], (
        Ref(("*", "organisation"), ORG),), required=False),
    FileSpec("channels.yml", "channels", list[calendar.Channel], (
        Ref(("*", "organisation"), ORG), Ref(("*", "audiences", "*"), "audiences"),
        Ref(("*", "owner_role"), "roles")), required=False),
    FileSpec("moments.yml", "moments", list[calendar.Moment], (
        Ref(("*", "groups", "*"), "groups"), Ref(("*", "goals", "*"), "goals"),
        Ref(("*", "partners", "*"), "partners"), Ref(("*", "plans", "*", "organisation"), ORG),
        Ref(("*", "plans", "*", "audiences", "*"), "audiences"),
        Ref(("*", "plans", "*", "channels", "*"), "channels"),
        Ref(("*", "plans", "*", "owner_role"), "roles")), required=False),
    # The accessibility statement, shown with the audit record (read_audit_record); optional too.
    FileSpec("accessibility.yml", "accessibility", accessibility.Statement, required=False),
)

NOUNS = {ORG: "organisation", "roles": "role", "goals": "goal", "statements": "statement",
         "reviews": "review", "groups": "group", "documents": "document", "updates": "update",
         "kpis": "KPI", "partners": "partner", "procurement": "procurement entry",
         "audiences": "audience", "channels": "channel", "moments": "moment",
         "criteria": "criterion", "sdg-targets": "SDG target", "decisions": "meeting"}


@dataclass(eq=False)
class Dataset:
    """The validated data and the site's languages; an optional file that is absent is empty.

    Compared and hashed by identity: one load is one data set, so a build can keep what it
    computed from it next to it.
    """

    languages: Languages
    organisations: schema.Organisations
    statements: list[schema.Statement] = field(default_factory=list)
    goals: list[schema.Goal] = field(default_factory=list)
    roles: list[schema.Role] = field(default_factory=list)
    reviews: list[schema.Review] = field(default_factory=list)
    groups: list[schema.Group] = field(default_factory=list)
    documents: list[schema.Document] = field(default_factory=list)
    updates: list[schema.Update] = field(default_factory=list)
    kpis: list[kpi.KPI] = field(default_factory=list)
    partners: list[partner.Partner] = field(default_factory=list)
    criteria: criteria.Criteria | None = None
    sdg_targets: list[schema.SdgTarget] = field(default_factory=list)
    decisions: list[schema.Decision] = field(default_factory=list)
    procurement: partner.Procurement = field(default_factory=partner.Procurement)
    audiences: list[calendar.Audience] = field(default_factory=list)
    channels: list[calendar.Channel] = field(default_factory=list)
    moments: list[calendar.Moment] = field(default_factory=list)
    accessibility: accessibility.Statement | None = None
    accessibility_audit: accessibility.AuditRecord | None = None
    _by_id: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, values: dict[str, Any], languages: Languages) -> "Dataset":
        """The data set from validated values by collection name ('sdg-targets' is the field sdg_targets)."""
        return cls(languages=languages, **{_field(name): value for name, value in values.items()})

    @property
    def collective(self) -> schema.Organisation:
        return self.organisations.collective

    @property
    def members(self) -> list[schema.Organisation]:
        return list(self.organisations.members)

    def organisation(self, org_id: str) -> schema.Organisation:
        return self._index(ORG, lambda: [self.collective, *self.members])[org_id]

    def by_id(self, collection: str, item_id: str) -> Any:
        """The item of `collection` (a collection name such as 'roles') with `item_id`.

        Raises KeyError naming what is missing; validation makes that a programming error.
        """
        index = self._index(collection, lambda: getattr(self, _field(collection)))
        if item_id not in index:
            raise KeyError(f"there is no {NOUNS.get(collection, collection)} with the id '{item_id}' "
                           f"in data/{collection}.yml")
        return index[item_id]

    def _index(self, collection: str, items) -> dict[str, Any]:
        """Look-ups by id happen for every table row; build each index once."""
        if collection not in self._by_id:
            self._by_id[collection] = {item.id: item for item in items()}
        return self._by_id[collection]


def _field(collection: str) -> str:
    return collection.replace("-", "_")


def _walk(data: Any, pattern: tuple, loc: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    if not pattern:
        yield loc, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*" and isinstance(data, list):
        for i, item in enumerate(data):
            yield from _walk(item, rest, loc + (i,))
    elif isinstance(data, dict) and head in data and data[head] is not None:
        yield from _walk(data[head], rest, loc + (head,))


def _ids(spec: FileSpec, data: Any) -> Iterator[tuple[tuple, Any]]:
    if spec.collection == ORG:
        yield from _walk(data, ("collective", "id"))
        yield from _walk(data, ("members", "*", "id"))
    else:
        yield from _walk(data, ("*", "id"))


def _stray_files(data_dir: Path, root: Path, specs: tuple[FileSpec, ...]) -> list[Problem]:
    known = {s.name for s in specs}
    problems = []
    for path in sorted(data_dir.iterdir()):
        if path.is_dir() or path.name in known or path.name in OTHER_FILES or path.name.startswith("."):
            continue
        if path.suffix in (".yml", ".yaml"):
            close = difflib.get_close_matches(path.name, sorted(known), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "known files: " + ", ".join(sorted(known))
            problems.append(Problem(path.relative_to(root).as_posix(), 1, 1,
                                    "Podium does not know this data file", hint))
    return problems


_loaded: dict[tuple, Dataset] = {}


def _fingerprint(data_dir: Path) -> tuple:
    files = sorted([*data_dir.glob("*.y*ml"), data_dir / accessibility.RECORD_FILE]) if data_dir.is_dir() else []
    files += [p for p in (data_dir.parent / CONFIG_FILE,) if p.is_file()]
    return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files if p.is_file())


def load_dataset(root: Path, specs: tuple[FileSpec, ...] = FILES, today: dt.date | None = None) -> Dataset:
    """Read and check everything under `root/data`; raise DataErrors listing every problem.

    `today` is the build date (a consent dated after it does not count yet); the computer's
    date when not given. One build reads the data several times (validation, then once per
    language for the pages); unchanged files are read only once.
    """
    today = today or dt.date.today()
    key = (str(root.resolve()), specs, _fingerprint(root / "data"), today)
    if key not in _loaded:
        _loaded.clear()
        _loaded[key] = _load(root, specs, today)
    return _loaded[key]


def _load(root: Path, specs: tuple[FileSpec, ...], today: dt.date) -> Dataset:
    data_dir = root / "data"
    try:
        languages = read_languages(root)
    except Problems as errors:
        raise DataErrors(errors.problems) from None
    record, problems = accessibility.read_audit_record(root)
    context = {"languages": languages, "today": today, "audit_record": record}
    problems += _stray_files(data_dir, root, specs) if data_dir.is_dir() else []
    docs: dict[str, Document] = {}
    values: dict[str, Any] = {} if record is None else {"accessibility-audit": record}
    for spec in specs:
        path = data_dir / spec.name
        if not path.is_file():
            if spec.required:
                problems.append(Problem(f"data/{spec.name}", 1, 1, "this data file is missing",
                                        "create it; see the example project for its layout"))
            continue
        doc, found = read_yaml(path, root)
        problems += found
        if doc is None:
            continue
        docs[spec.collection] = doc
        value, found = validate(spec.shape, doc, context)
        problems += found
        if value is not None:
            values[spec.collection] = value
    problems += _cross_check(specs, docs)
    problems += privacy_cross_check(docs, values)
    problems += register_cross_check(docs, values)
    problems += promises.cross_check(docs, values)
    if problems:
        raise DataErrors(problems)
    return Dataset.of(values, languages)


def register_cross_check(docs: dict[str, Document], values: dict[str, Any]) -> list[Problem]:
    """Partners against the diversity criteria, and KPIs against the partner register."""
    problems: list[Problem] = []
    rules = values.get("criteria")
    if "partners" in values and rules is None and "criteria" not in docs:
        problems.append(Problem("data/criteria.yml", 1, 1, "partners are listed, but the diversity criteria are missing",
                                "create data/criteria.yml: the groups, the threshold, the routes and the evidence "
                                "that count"))
    if "partners" in values and rules is not None:
        problems += criteria.criteria_problems(docs["partners"], values["partners"], rules)
    if "kpis" in values and ORG in values and ("criteria" in values or "criteria" not in docs):
        problems += register_problems(docs["kpis"], values["kpis"], values.get("partners"), rules,
                                      values[ORG].collective.id)
    return problems


def _cross_check(specs: tuple[FileSpec, ...], docs: dict[str, Document]) -> list[Problem]:
    problems: list[Problem] = []
    known: dict[str, set] = {}
    for spec in specs:
        doc = docs.get(spec.collection)
        if doc is None:
            continue
        seen: dict[Any, int] = {}
        for loc, value in _ids(spec, doc.data):
            line, col = doc.position(loc)
            if value in seen:
                problems.append(Problem(doc.path, line, col,
                                        f"the id '{value}' is used twice (first on line {seen[value]})",
                                        "give each item its own id"))
            seen.setdefault(value, line)
        known[spec.collection] = set(seen)
    for spec in specs:
        doc = docs.get(spec.collection)
        if doc is None:
            continue
        for ref in spec.refs:
            if ref.target not in known:
                continue
            for loc, value in _walk(doc.data, ref.pattern):
                if isinstance(value, str) and value not in known[ref.target]:
                    line, col = doc.position(loc)
                    noun = NOUNS.get(ref.target, ref.target)
                    close = difflib.get_close_matches(value, sorted(known[ref.target]), n=1, cutoff=0.6)
                    hint = f"did you mean '{close[0]}'?" if close else \
                        f"the id of a {noun} in data/{ref.target}.yml"
                    problems.append(Problem(doc.path, line, col,
                                            f"there is no {noun} with the id '{value}'", hint))
    return problems
