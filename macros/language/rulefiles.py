"""Reading and validating the rule files in ``data/language/`` into a ``RuleBook``.

Each file is read once with the project's YAML reader (positions of every key and value) and
checked against the pydantic shapes below; what a shape cannot say (a term's small syntax, a
regular expression, an id used twice, a category without a file) is checked afterwards at the
same positions. Every problem is reported as ``file:line:col: what is wrong — what is
expected``, all problems of all files at once.

Only ``rules.load_rulebook`` imports this module, and only when the prepared rules in the
cache do not match the files: pydantic is not loaded on an ordinary run of ``podium check``.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationError, ValidationInfo
from pydantic_core import InitErrorDetails, PydanticCustomError

from ..base.languages import Languages, read_languages
from ..base.problems import Problem, Problems
from ..base.validate import validate
from ..base.yamlread import Document, read_yaml
from .findings import SEVERITIES, InputError
from .rules import (AGREEMENT_FILE, METRICS_FILE, PACKAGE_ROOT, PLAIN_LANGUAGE, SETTINGS_FILE, Agreement, Category, Examples,
                    Formula, Metrics, Names, Readability, Rule, RuleBook, SentenceLength, Settings, rule_files)
from .terms import term_key, term_problem

Severity = Literal["error", "warning", "suggestion"]
Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Sentence = Annotated[str, StringConstraints(strip_whitespace=True, min_length=10)]
BLOCKING_CHOICES = ((), ("error",), ("error", "warning"), ("error", "warning", "suggestion"))


def _every_language(data: Any, info: ValidationInfo) -> Any:
    """A value per checked language (one with a rule folder), and none for a language the site does not have."""
    if not isinstance(data, dict):
        return data
    codes, site = info.context["languages"].codes, info.context["site_languages"].codes
    errors = [InitErrorDetails(type=PydanticCustomError(
        "unknown_language", "'{code}' is not a language of this site", {"code": str(key), "codes": ", ".join(site)}),
        loc=(key,), input=value) for key, value in data.items() if key not in site]
    errors += [InitErrorDetails(type="missing", loc=(code,), input=data) for code in codes if code not in data]
    if errors:
        raise ValidationError.from_exception_data("PerLanguage", errors)
    return data


class PerLanguage:
    """``PerLanguage[T]``: ``{nl: T, en: T}``, one entry per language of the site."""

    def __class_getitem__(cls, item: Any) -> Any:
        return Annotated[dict[str, item], BeforeValidator(_every_language)]


class _Shape(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExamplesShape(_Shape):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    flag: list[Phrase] = Field(min_length=1, description="sentences the rule must flag, at least one")
    pass_: list[Phrase] = Field(default_factory=list, alias="pass", description="sentences the rule must leave alone")


class RuleShape(_Shape):
    id: str = Field(pattern=r"^[a-z]{2,3}-[a-z0-9]+(?:-[a-z0-9]+)*$",
                    description="the language, then lower-case words joined by hyphens, e.g. nl-slaaf")
    type: Literal["term", "pattern"] = "term"
    terms: list[Phrase] = Field(min_length=1, description="the words or phrases the rule finds (or shows, for patterns)")
    patterns: list[Phrase] = Field(default_factory=list, description="regular expressions, for a rule of type pattern")
    severity: Severity = Field(description="error, warning or suggestion")
    alternatives: list[Phrase] = Field(min_length=1, description="at least one better word or phrase")
    reason: Sentence = Field(description="why the wording may exclude or hurt, in a sentence of your own")
    source: Annotated[str, StringConstraints(strip_whitespace=True, min_length=5)] = Field(
        description="the public guide the rule follows, as a web address or a title")
    case: Literal["any", "exact"] = "any"
    only_near: list[Phrase] = Field(default_factory=list)
    unless_near: list[Phrase] = Field(default_factory=list)
    window: int = Field(6, ge=1, le=30, description="a whole number of words from 1 to 30")
    exceptions: list[Phrase] = Field(default_factory=list)
    allow_quoted: bool = False
    inflect: bool | None = None
    compounds: bool | None = None
    parts: list[Phrase] = Field(default_factory=list)
    unless_name: bool = False
    terms_language: str | None = Field(None, pattern=r"^[a-z]{2,3}$",
                                          description="a language code such as en, for terms from another language")
    examples: ExamplesShape


class RuleFileShape(_Shape):
    rules: list[dict[str, Any]] = Field(min_length=1, description="a list of rules, each starting with '- id: ...'")


class CategoryShape(_Shape):
    id: str = Field(pattern=r"^[a-z]+(?:-[a-z]+)*$", description="lower-case words joined by hyphens, e.g. plain-language")
    title: PerLanguage[Phrase]
    description: PerLanguage[Phrase]


class SettingsShape(_Shape):
    report_from: Severity = Field(description="error, warning or suggestion")
    abbreviations: PerLanguage[list[Phrase]]
    disabled_rules: list[Phrase] = Field(default_factory=list, description="ids of rules in nl/ or en/")
    name_endings: PerLanguage[list[Phrase]] = Field(default_factory=dict)
    common_capitals: PerLanguage[list[Phrase]] = Field(default_factory=dict)
    common_capital_endings: PerLanguage[list[Phrase]] = Field(default_factory=dict)
    common_capital_endings_from: PerLanguage[Annotated[int, Field(ge=1, le=30)]] = Field(
        default_factory=dict, description="per language, a whole number of letters from 1 to 30")
    categories: list[CategoryShape] = Field(min_length=1, description="at least one '- id: ...' entry")


def _blocking_order(value: Any) -> Any:
    if not isinstance(value, list) or not all(item in SEVERITIES for item in value):
        return value
    order = tuple(sorted(value, key=lambda item: -SEVERITIES.index(item)))
    if order not in BLOCKING_CHOICES:
        raise ValueError(f"[{', '.join(value)}] cannot block on its own: a level blocks only when every more severe "
                         "level blocks too")
    return list(order)


class AgreementShape(_Shape):
    version: Phrase = Field(description="a version such as '1.0'")
    agreed_on: dt.date = Field(description="a date such as 2026-11-30")
    agreed_by: list[PerLanguage[Phrase]] = Field(min_length=1, description="a list of roles, each with nl: and en:")
    blocking: Annotated[list[Severity], BeforeValidator(_blocking_order)] = Field(
        description="one of: [], [error], [error, warning], [error, warning, suggestion]")
    accepted: PerLanguage[list[Phrase]]
    added_rules: list[Phrase] = Field(description="ids of the rules the collective wrote itself")
    summary: PerLanguage[Sentence]


Measure = Annotated[float, Field(ge=0, le=1000, allow_inf_nan=False, description="a number from 0 to 1000")]


class FormulaShape(_Shape):
    name: Phrase
    constant: Measure
    per_word_in_sentence: Measure
    per_syllable_in_word: Measure


class MetricShape(_Shape):
    id: Literal["long-sentence", "readability"]
    category: Phrase
    severity: Severity
    measure: Literal["sentence-words", "reading-ease"]
    maximum: PerLanguage[Annotated[int, Field(ge=5, le=80, description="a whole number from 5 to 80")]] | None = None
    min_words: int | None = Field(None, ge=20, le=100_000, description="a whole number from 20 to 100000")
    minimum: PerLanguage[Annotated[float, Field(ge=0, le=120, allow_inf_nan=False,
                                                description="a number from 0 to 120")]] | None = None
    formula: PerLanguage[FormulaShape] | None = None


class MetricsShape(_Shape):
    metrics: list[MetricShape] = Field(min_length=1)


MEASURES = {"sentence-words": ("long-sentence", ("maximum",)),
            "reading-ease": ("readability", ("min_words", "minimum", "formula"))}


class _Reading:
    """The problems of one run over the rule files, and the registry the files are checked against."""

    def __init__(self, languages: Languages, site: Languages):
        self.languages = languages
        """The languages that are checked: the site's languages that have a rule folder."""
        self.context = {"languages": languages, "site_languages": site}
        self.problems: list[Problem | str] = []

    def read(self, path: Path, shape: Any) -> tuple[Document | None, Any]:
        """One file as ``shape``: (document, value), value None when the file has problems
        (the document is None only when the file cannot be read as YAML)."""
        if not path.is_file():
            self.problems.append(f"{shown(path)}: the file is missing — expected this rule file of podium check here")
            return None, None
        doc, problems = read_yaml(path, Path.cwd())
        self.problems += problems
        if doc is None or problems:
            return None, None
        value, problems = validate(shape, doc, self.context)
        self.problems += problems
        return doc, value

    def part(self, doc: Document, loc: tuple, shape: Any, label: str) -> Any:
        """The value at ``loc`` of ``doc`` as ``shape``; problems start with ``label``."""
        value, problems = validate(shape, _inner(doc, loc), self.context)
        self.problems += [Problem(p.path, p.line, p.column, f"{label}: {p.message}", p.expected) for p in problems]
        return value


def shown(path: Path) -> str:
    """The path as the user will recognise it: relative to the current directory when possible."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _inner(doc: Document, loc: tuple) -> Document:
    """The part of ``doc`` at ``loc`` as a document of its own, with the same positions."""
    data: Any = doc.data
    for part in loc:
        data = data[part]
    depth = len(loc)

    def moved(positions: dict) -> dict:
        return {place[depth:]: pos for place, pos in positions.items() if place[:depth] == loc}
    return Document(doc.path, data, moved(doc.value_pos), moved(doc.key_pos))


def registry_root(directory: Path) -> Path:
    """The project whose mkdocs.yml lists the languages: the one around ``data/language``, else Podium's own."""
    project = directory.parent.parent
    return project if (project / "mkdocs.yml").is_file() else PACKAGE_ROOT


def build_rulebook(directory: Path) -> RuleBook:
    """Read and validate every rule file in ``directory``; raises ``InputError`` with all problems."""
    try:
        site = read_languages(registry_root(directory))
    except Problems as error:
        raise InputError([str(problem) for problem in error.problems]) from None
    # A site language without a rule folder is published but not checked (there are no rules for it yet).
    languages = Languages(tuple(language for language in site if (directory / language.code).is_dir()))
    if not languages.all:
        raise InputError([f"{shown(directory)}: there is no rule folder for any language of the site — expected "
                          f"folders such as {site.codes[0]}/, one per language, with one file per category"])
    reading = _Reading(languages, site)
    settings_doc, settings = reading.read(directory / SETTINGS_FILE, SettingsShape)
    categories = _categories(reading, settings_doc, settings)
    rules: dict[str, tuple[Rule, ...]] = {}
    places: dict[tuple[str, str, int], str] = {}
    for lang, paths in rule_files(directory, languages.codes).items():
        if not paths:
            reading.problems.append(f"{shown(directory / lang)}: there are no rule files — expected files such as "
                                    f"{lang}/gender.yml, one per category")
        rules[lang] = _language_rules(reading, lang, paths, categories, places)
    known = {rule.id for found in rules.values() for rule in found}
    agreement = _agreement(reading, directory / AGREEMENT_FILE, known)
    metrics = _metrics(reading, directory / METRICS_FILE, categories)
    reading.problems += _unknown_disabled(settings_doc, known)
    if reading.problems:
        raise InputError([str(problem) for problem in reading.problems])
    return RuleBook(
        directory=directory, languages=languages.codes,
        language_names={language.code: language.english_name for language in languages},
        settings=Settings(settings.report_from, settings.abbreviations, tuple(settings.disabled_rules), categories,
                          _names(settings)),
        rules=rules, example_places=places, agreement=agreement, metrics=metrics)


def _names(settings: SettingsShape) -> dict[str, Names]:
    """Per language, its ``Names``, every word in lower case (the check compares lower-cased words)."""
    languages = (settings.name_endings.keys() | settings.common_capitals.keys()
                 | settings.common_capital_endings.keys() | settings.common_capital_endings_from.keys())
    return {lang: Names(tuple(ending.lower() for ending in settings.name_endings.get(lang, ())),
                        frozenset(word.lower() for word in settings.common_capitals.get(lang, ())),
                        tuple(ending.lower() for ending in settings.common_capital_endings.get(lang, ())),
                        settings.common_capital_endings_from.get(lang, Names().common_from))
            for lang in languages}


def _unknown_disabled(doc: Document | None, known: set[str]) -> list[Problem]:
    """Switched-off rules that do not exist, found even when other settings are wrong."""
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    disabled = data.get("disabled_rules")
    if not known or not isinstance(disabled, list):
        return []
    return [doc.problem(("disabled_rules", index), f"there is no rule '{rule_id}'", "the id of a rule in nl/ or en/")
            for index, rule_id in enumerate(disabled) if isinstance(rule_id, str) and rule_id not in known]


def _categories(reading: _Reading, doc: Document | None, settings: SettingsShape | None) -> tuple[Category, ...]:
    if settings is None:
        return ()
    found: list[Category] = []
    for index, category in enumerate(settings.categories):
        if any(other.id == category.id for other in found):
            reading.problems.append(doc.problem(("categories", index, "id"), f"the category '{category.id}' appears twice",
                                                "each category once"))
            continue
        found.append(Category(category.id, category.title, category.description))
    return tuple(found)


def _language_rules(reading: _Reading, lang: str, paths: list[Path], categories: tuple[Category, ...],
                    places: dict) -> tuple[Rule, ...]:
    """The rules of one language; ids and terms must be unique across all its files."""
    found: list[Rule] = []
    owners: dict[str, str] = {}
    for path in paths:
        doc, value = reading.read(path, RuleFileShape)
        if value is None:
            continue
        category = path.stem
        if categories and category not in {known.id for known in categories}:
            reading.problems.append(doc.problem((), f"there is no category '{category}' in settings.yml",
                                                "the file name to be one of the categories: "
                                                + ", ".join(sorted(known.id for known in categories))))
        for index, item in enumerate(doc.data["rules"]):
            rule = _rule(reading, doc, ("rules", index), item, lang, category)
            if rule is None:
                continue
            twin = next((other for other in found if other.id == rule.id), None)
            if twin is not None:
                reading.problems.append(doc.problem(("rules", index, "id"), f"this id is already used in {twin.file}",
                                                    "every id once"))
                continue
            for position, term in enumerate([] if rule.patterns else rule.terms):
                key = term_key(term.rstrip("*")) + ("*" if term.endswith("*") else "")
                owner = owners.setdefault(key, rule.id)
                if owner != rule.id:
                    reading.problems.append(doc.problem(("rules", index, "terms", position),
                                                        f"'{term}' is also a term of {owner}", "each term in one rule only"))
            for kind, examples in (("flag", rule.examples.flag), ("pass", rule.examples.pass_)):
                for number in range(len(examples)):
                    line, column = doc.position(("rules", index, "examples", kind, number))
                    places[(rule.id, kind, number)] = f"{doc.path}:{line}:{column}"
            found.append(rule)
    return tuple(found)


def _rule(reading: _Reading, doc: Document, loc: tuple, item: Any, lang: str, category: str) -> Rule | None:
    label = f"rule {item['id']}" if isinstance(item, dict) and isinstance(item.get("id"), str) else "rule"
    before = len(reading.problems)
    shape = reading.part(doc, loc, RuleShape, label)
    if shape is None:
        return None

    def problem(where: tuple, message: str, expected: str) -> None:
        found = doc.problem(loc + where, message, expected)
        reading.problems.append(Problem(found.path, found.line, found.column, f"{label}: {found.message}", found.expected))

    if not shape.id.startswith(f"{lang}-"):
        problem(("id",), f"the id must start with '{lang}-'", f"e.g. {lang}-{shape.id.split('-', 1)[1]}")
    if shape.type == "pattern" and not shape.patterns:
        problem((), "a rule of type pattern needs 'patterns'", "a list of regular expressions")
    for key in ("terms", "only_near", "unless_near", "exceptions", "parts"):
        for position, term in enumerate(getattr(shape, key)):
            wrong = term_problem(term)
            if wrong:
                problem((key, position), wrong, "a word or phrase (see data/language/README.md)")
    for position, pattern in enumerate(shape.patterns):
        wrong = _pattern_problem(pattern)
        if wrong:
            problem(("patterns", position), *wrong)
    if len(reading.problems) > before:
        return None
    return Rule(shape.id, tuple(shape.terms), tuple(shape.patterns), category, shape.severity, tuple(shape.alternatives),
                shape.reason, shape.source, shape.case, tuple(shape.only_near), tuple(shape.unless_near), shape.window,
                tuple(shape.exceptions), shape.allow_quoted,
                Examples(tuple(shape.examples.flag), tuple(shape.examples.pass_)),
                inflect=True if shape.inflect is None else shape.inflect,
                compounds=(lang == "nl" and category != PLAIN_LANGUAGE) if shape.compounds is None else shape.compounds,
                parts=tuple(shape.parts), unless_name=shape.unless_name, terms_language=shape.terms_language,
                file=doc.path)


def _pattern_problem(pattern: str) -> tuple[str, str] | None:
    try:
        compiled = re.compile(pattern)
    except re.error as error:
        return f"this pattern is not a valid regular expression ({error})", "a Python regular expression"
    if compiled.groups:
        return "this pattern has a capturing group", "(?:...) instead of (...)"
    if compiled.match(""):
        return "this pattern also matches empty text", "a pattern that needs at least one letter"
    return None


def _agreement(reading: _Reading, path: Path, known: set[str]) -> Agreement | None:
    doc, shape = reading.read(path, AgreementShape)
    if shape is None:
        return None
    for lang, phrases in shape.accepted.items():
        for index, phrase in enumerate(phrases):
            wrong = term_problem(phrase)
            if wrong:
                reading.problems.append(doc.problem(("accepted", lang, index), wrong, "a word or phrase"))
    if known:
        reading.problems += [doc.problem(("added_rules", index), f"added_rules names '{rule_id}', which is not a rule",
                                         "the id of a rule in nl/ or en/")
                             for index, rule_id in enumerate(shape.added_rules) if rule_id not in known]
    return Agreement(shape.version, shape.agreed_on.isoformat(), tuple(shape.agreed_by), tuple(shape.blocking),
                     shape.accepted, tuple(shape.added_rules), shape.summary)


def _metrics(reading: _Reading, path: Path, categories: tuple[Category, ...]) -> Metrics | None:
    doc, shape = reading.read(path, MetricsShape)
    if shape is None:
        return None
    before = len(reading.problems)
    found: dict[str, MetricShape] = {}
    for index, metric in enumerate(shape.metrics):
        metric_id, needed = MEASURES[metric.measure]
        if metric.id != metric_id:
            reading.problems.append(doc.problem(("metrics", index, "id"), f"'{metric.id}' is not allowed here",
                                                f"the id {metric_id} for the measure {metric.measure}"))
        if categories and metric.category not in {category.id for category in categories}:
            reading.problems.append(doc.problem(("metrics", index, "category"), f"unknown category '{metric.category}'",
                                                "one of: " + ", ".join(sorted(category.id for category in categories))))
        reading.problems += [doc.problem(("metrics", index), f"'{key}' is missing", f"a value for '{key}'")
                             for key in needed if getattr(metric, key) is None]
        found[metric.measure] = metric
    reading.problems += [doc.problem(("metrics",), f"the measure {metric_id} is missing",
                                     f"an entry with measure: {measure}")
                         for measure, (metric_id, _) in MEASURES.items() if measure not in found]
    if len(reading.problems) > before:
        return None
    words, ease = found["sentence-words"], found["reading-ease"]
    formulas = {lang: Formula(f.name, f.constant, f.per_word_in_sentence, f.per_syllable_in_word)
                for lang, f in ease.formula.items()}
    return Metrics(SentenceLength(words.id, words.category, words.severity, words.maximum),
                   Readability(ease.id, ease.category, ease.severity, ease.min_words, ease.minimum, formulas))
