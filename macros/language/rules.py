"""Loading and validating the rule files in ``data/language/``.

``settings.yml`` holds what both languages share (thresholds, the accept list, category names
in both languages); ``agreement.yml`` what the collective agreed (which levels block
publishing, its own terms); ``nl/<category>.yml`` and ``en/<category>.yml`` hold the rules,
one file per category, the category taken from the file name. Every problem is reported as
``file:line:col: what is wrong — what is expected``, all problems at once.

The files are validated by the small schema reader below rather than by pydantic: the check
runs on every commit, and importing pydantic alone would cost more CPU than checking a
megabyte of Markdown.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable, NamedTuple

import yaml

from . import yamlpos
from .model import SEVERITIES, InputError
from .terms import term_key, term_problem

LANGUAGES = ("nl", "en")
PLAIN_LANGUAGE = "plain-language"
"""Its Dutch rules do not look inside compounds unless they ask to: officialese is a word of its
own (heden), and as part of a compound it is usually another word (eenheden)."""
AGREEMENT_FILE = "agreement.yml"
SEVERITY_CHOICES = tuple(reversed(SEVERITIES))
PACKAGE_ROOT = Path(__file__).resolve().parents[2]

_RULE_ID = re.compile(r"(?:nl|en)-[a-z0-9]+(?:-[a-z0-9]+)*")
_CATEGORY_ID = re.compile(r"[a-z]+(?:-[a-z]+)*")


class PerLanguage(NamedTuple):
    nl: Any
    en: Any


class Category(NamedTuple):
    id: str
    title: PerLanguage
    description: PerLanguage


class Formula(NamedTuple):
    """Reading ease = constant − per_word_in_sentence × words/sentences − per_syllable_in_word × syllables/words."""

    name: str
    constant: float
    per_word_in_sentence: float
    per_syllable_in_word: float

    def score(self, words: int, sentences: int, syllables: int) -> float:
        return self.constant - self.per_word_in_sentence * (words / sentences) - self.per_syllable_in_word * (syllables / words)


class SentenceLength(NamedTuple):
    id: str
    category: str
    severity: str
    maximum: PerLanguage


class Readability(NamedTuple):
    id: str
    category: str
    severity: str
    min_words: int
    minimum: PerLanguage
    formula: PerLanguage


class Metrics(NamedTuple):
    """The plain-language measures (``metrics.yml``), rules with a threshold instead of terms."""

    sentence_length: SentenceLength
    readability: Readability


class Settings(NamedTuple):
    report_from: str
    abbreviations: PerLanguage
    disabled_rules: tuple[str, ...]
    categories: tuple[Category, ...]


class Agreement(NamedTuple):
    """What the collective agreed about its language: which levels block publishing, its own terms."""

    version: str
    agreed_on: str
    agreed_by: tuple[PerLanguage, ...]
    """Roles (never private persons), in both languages."""
    blocking: tuple[str, ...]
    accepted: PerLanguage
    """Per language, words and phrases the collective accepts everywhere, whatever the rules say."""
    added_rules: tuple[str, ...]
    """Ids of rules the collective wrote itself, on top of the shared rules."""
    summary: PerLanguage

    @property
    def fail_on(self) -> str:
        """The mildest severity that blocks, as ``--fail-on`` spells it ("never" when nothing blocks)."""
        return min(self.blocking, key=SEVERITIES.index) if self.blocking else "never"


class Examples(NamedTuple):
    flag: tuple[str, ...]
    pass_: tuple[str, ...]


class Rule(NamedTuple):
    """One rule. With ``patterns`` the rule matches those regular expressions instead of its
    terms, and the terms are only what the language guide shows."""

    id: str
    terms: tuple[str, ...]
    patterns: tuple[str, ...]
    category: str
    severity: str
    alternatives: tuple[str, ...]
    reason: str
    source: str
    case: str
    only_near: tuple[str, ...]
    unless_near: tuple[str, ...]
    window: int
    exceptions: tuple[str, ...]
    allow_quoted: bool
    examples: Examples
    inflect: bool = True
    """Also find the inflected forms of single-word terms (plurals, verb forms, diminutives …)."""
    compounds: bool = False
    """Also find single-word terms as the first or last part of a compound whose rest is a real word."""
    parts: tuple[str, ...] = ()
    """Words that count only as part of a compound (``man`` in chairman), never on their own."""
    unless_name: bool = False
    """Stay quiet when a name (a capitalised word that does not start the sentence) stands inside
    the match or right after it: the text is then about a named person, not anyone."""


class RuleBook:
    """Everything the checker needs from ``data/language/``.

    Compared and hashed by identity, so that compiled matchers can be cached per rule book.
    """

    def __init__(self, directory: Path, settings: Settings, rules: dict[str, tuple[Rule, ...]],
                 example_places: dict[tuple[str, str, int], str], agreement: Agreement | None = None,
                 metrics: Metrics | None = None):
        self.directory = directory
        self.settings = settings
        self.agreement = agreement
        self.metrics = metrics
        self.rules = rules
        self.example_places = example_places
        """(rule id, "flag" or "pass", index) → ``file:line:col`` of that example."""

    def enabled_rules(self, lang: str) -> tuple[Rule, ...]:
        disabled = set(self.settings.disabled_rules)
        return tuple(rule for rule in self.rules[lang] if rule.id not in disabled)


def rules_dir(root: Path | None = None) -> Path:
    """``root/data/language`` when it exists, else the rule files next to this package."""
    if root is not None:
        candidate = Path(root) / "data" / "language"
        if candidate.is_dir():
            return candidate
    return PACKAGE_ROOT / "data" / "language"


_cache: dict[Path, tuple[tuple, RuleBook]] = {}


def rule_files(directory: Path) -> dict[str, list[Path]]:
    """Per language, the rule files in ``directory/<lang>/`` (sorted by name)."""
    return {lang: sorted((directory / lang).glob("*.yml")) for lang in LANGUAGES}


def load_rulebook(directory: Path) -> RuleBook:
    """Load and validate the rule files in ``directory`` (cached until a file changes)."""
    directory = Path(directory).resolve()
    files = [directory / "settings.yml", directory / AGREEMENT_FILE, directory / METRICS_FILE]
    files += [file for paths in rule_files(directory).values() for file in paths]
    stamp = tuple((file, file.stat().st_mtime_ns if file.exists() else None) for file in files)
    cached = _cache.get(directory)
    if cached and cached[0] == stamp:
        return cached[1]
    book = _load(directory)
    _cache[directory] = (stamp, book)
    return book


def _load(directory: Path) -> RuleBook:
    problems: list[str] = []
    settings_reader = _open(directory / "settings.yml", problems)
    settings = _read_settings(settings_reader) if settings_reader else None
    categories = {category.id for category in settings.categories} if settings else None
    rules: dict[str, tuple[Rule, ...]] = {}
    places: dict[tuple[str, str, int], str] = {}
    owners: dict[tuple[str, str], str] = {}
    seen_ids: dict[str, str] = {}
    for lang, paths in rule_files(directory).items():
        if not paths:
            problems.append(f"{_shown(directory / lang)}: there are no rule files — expected files such as "
                            f"{lang}/gender.yml, one per category")
        found: list[Rule] = []
        for path in paths:
            reader = _open(path, problems)
            if reader is None:
                continue
            category = path.stem
            if categories is not None and category not in categories:
                reader.problem((), f"there is no category '{category}' in settings.yml — expected the file name "
                               f"to be one of the categories: {', '.join(sorted(categories))}")
            file_rules = _read_rule_file(reader, lang, category, owners, seen_ids)
            problems.extend(reader.problems)
            places.update(_example_places(reader, file_rules))
            found.extend(file_rules)
        rules[lang] = tuple(found)
    agreement = read_agreement(directory / AGREEMENT_FILE, problems)
    metrics = read_metrics(directory / METRICS_FILE, problems, categories)
    known = {rule.id for lang_rules in rules.values() for rule in lang_rules}
    for rule_id in agreement.added_rules if agreement and known else ():
        if rule_id not in known:
            problems.append(f"{_shown(directory / AGREEMENT_FILE)}: added_rules names '{rule_id}', which is not a rule "
                            "— expected the id of a rule in nl/ or en/")
    if settings_reader:
        _check_settings(settings_reader, rules)
        problems[:0] = settings_reader.problems
    if problems:
        raise InputError(problems)
    return RuleBook(directory=directory, settings=settings, rules=rules, example_places=places, agreement=agreement,
                    metrics=metrics)


def _shown(path: Path) -> str:
    """The path as the user will recognise it: relative to the current directory when possible."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _open(path: Path, problems: list[str]) -> _Reader | None:
    shown = _shown(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        problems.append(f"{shown}: the file is missing — expected this rule file of podium check here")
        return None
    except (OSError, UnicodeDecodeError) as error:
        problems.append(f"{shown}: the file cannot be read ({error}) — expected a UTF-8 text file")
        return None
    try:
        root, data = yamlpos.parse(text, shown)
    except yamlpos.YamlSyntaxError as error:
        problems.append(str(error))
        return None
    reader = _Reader(shown, root, data)
    for key in yamlpos.duplicate_keys(root) if root is not None else ():
        reader.at_node(key, f"the key '{key.value}' appears twice in the same place — expected each key once")
    if root is None or not isinstance(data, dict):
        reader.problem((), "the file has no keys — expected lines of the form 'key: value'")
        problems.extend(reader.problems)
        return None
    return reader


class _Reader:
    """Reads values out of one YAML file and records every problem with its position."""

    def __init__(self, shown: str, root: yaml.Node | None, data: Any):
        self.shown = shown
        self.root = root
        self.data = data
        self.problems: list[str] = []

    # -- reporting -----------------------------------------------------------------------
    def at_node(self, node: yaml.Node, message: str) -> None:
        line, column = yamlpos.position(node)
        self.problems.append(f"{self.shown}:{line}:{column}: {message}")

    def problem(self, loc: tuple, message: str, *, key: bool = False) -> None:
        if self.root is None:
            self.problems.append(f"{self.shown}: {message}")
            return
        node, _rest = yamlpos.node_at(self.root, loc)
        if key and loc:
            node = yamlpos.key_node(yamlpos.node_at(self.root, loc[:-1])[0], str(loc[-1])) or node
        self.at_node(node, f"{self.where(loc)}{message}")

    def where(self, loc: tuple) -> str:
        """A readable name for a place in the file, with the rule id when there is one."""
        if not loc:
            return ""
        parts = list(loc)
        prefix = ""
        if len(parts) >= 2 and parts[0] == "rules" and isinstance(parts[1], int):
            rule = _item(self.data.get("rules"), parts[1])
            if isinstance(rule, dict) and isinstance(rule.get("id"), str):
                prefix, parts = f"rule {rule['id']}", parts[2:]
        text = prefix
        for part in parts:
            text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
        return f"{text}: " if text else ""

    # -- values --------------------------------------------------------------------------
    def mapping(self, value: Any, loc: tuple, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict | None:
        if not isinstance(value, dict):
            self.problem(loc, "this is not a set of keys and values — expected lines of the form 'key: value'")
            return None
        allowed = required + optional
        for key in value:
            if key not in allowed:
                self.problem(loc + (key,), f"unknown key '{key}' — expected one of: {', '.join(allowed)}", key=True)
        for key in required:
            if key not in value:
                self.problem(loc, f"'{key}' is missing — expected a value for '{key}'")
        return value

    def text(self, value: Any, loc: tuple, minimum: int = 1) -> str | None:
        if not isinstance(value, str):
            self.problem(loc, "this is not text — expected text (put it in quotes if it looks like a number, a date or yes/no)")
            return None
        value = value.strip()
        if len(value) < minimum:
            what = "empty" if not value else "too short"
            self.problem(loc, f"this text is {what} — expected at least {minimum} character{'s' if minimum > 1 else ''}")
            return None
        return value

    def texts(self, value: Any, loc: tuple, minimum: int = 0) -> tuple[str, ...]:
        if value is None and minimum == 0:
            return ()
        if not isinstance(value, list):
            self.problem(loc, "this is not a list — expected a list: [one, two] or lines that start with '- '")
            return ()
        if len(value) < minimum:
            self.problem(loc, f"this list is empty — expected at least {minimum} entry")
        items = (self.text(item, loc + (index,)) for index, item in enumerate(value))
        return tuple(item for item in items if item is not None)

    def choice(self, value: Any, loc: tuple, choices: tuple[str, ...]) -> str | None:
        if value not in choices:
            self.problem(loc, f"{value!r} is not allowed — expected one of: {', '.join(choices)}")
            return None
        return value

    def number(self, value: Any, loc: tuple, low: float, high: float, kind: type = int) -> Any:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and (kind is float or isinstance(value, int))
        if not ok or not low <= value <= high:
            noun = "a whole number" if kind is int else "a number"
            self.problem(loc, f"{value!r} is not allowed here — expected {noun} from {low:g} to {high:g}")
            return None
        return value

    def boolean(self, value: Any, loc: tuple) -> bool | None:
        if not isinstance(value, bool):
            self.problem(loc, f"{value!r} is not true or false — expected true or false")
            return None
        return value

    def per_language(self, value: Any, loc: tuple, read: Callable[[Any, tuple], Any]) -> PerLanguage | None:
        found = self.mapping(value, loc, LANGUAGES)
        if found is None:
            return None
        values = {lang: read(found.get(lang), loc + (lang,)) if lang in found else None for lang in LANGUAGES}
        return None if any(item is None for item in values.values()) else PerLanguage(**values)

    def matches(self, value: str | None, loc: tuple, pattern: re.Pattern, expected: str) -> str | None:
        if value is not None and not pattern.fullmatch(value):
            self.problem(loc, f"{value!r} is not a valid id — expected {expected}")
            return None
        return value


def _item(value: Any, index: int) -> Any:
    return value[index] if isinstance(value, list) and 0 <= index < len(value) else None


_SETTINGS_KEYS = ("report_from", "abbreviations", "categories")


def _read_settings(reader: _Reader) -> Settings | None:
    data = reader.mapping(reader.data, (), _SETTINGS_KEYS, ("disabled_rules",))
    if data is None:
        return None
    before = len(reader.problems)
    report_from = reader.choice(data.get("report_from"), ("report_from",), SEVERITY_CHOICES) if "report_from" in data else None
    abbreviations = reader.per_language(data.get("abbreviations"), ("abbreviations",), reader.texts) if "abbreviations" in data else None
    disabled = reader.texts(data.get("disabled_rules"), ("disabled_rules",))
    categories = _read_categories(reader, data.get("categories")) if "categories" in data else ()
    if len(reader.problems) > before or None in (report_from, abbreviations):
        return None
    return Settings(report_from, abbreviations, disabled, categories)


METRICS_FILE = "metrics.yml"
_MEASURES = {"sentence-words": "long-sentence", "reading-ease": "readability"}


def read_metrics(path: Path, problems: list[str], categories: set[str] | None) -> Metrics | None:
    """The plain-language measures; problems are added to ``problems``."""
    reader = _open(path, problems)
    if reader is None:
        return None
    data = reader.mapping(reader.data, (), ("metrics",))
    items = data.get("metrics") if data else None
    found: dict[str, Any] = {}
    if not isinstance(items, list):
        reader.problem(("metrics",), "this is not a list of measures — expected '- id: long-sentence' and '- id: readability'")
        items = []
    for index, item in enumerate(items):
        loc = ("metrics", index)
        keys = reader.mapping(item, loc, ("id", "category", "severity", "measure"),
                              ("maximum", "min_words", "minimum", "formula"))
        if keys is None:
            continue
        measure = reader.choice(keys.get("measure"), loc + ("measure",), tuple(_MEASURES))
        metric_id = keys.get("id")
        if measure and metric_id != _MEASURES[measure]:
            reader.problem(loc + ("id",), f"{metric_id!r} is not allowed here — expected the id {_MEASURES[measure]} "
                           f"for the measure {measure}")
            continue
        category = reader.text(keys.get("category"), loc + ("category",))
        if category and categories is not None and category not in categories:
            reader.problem(loc + ("category",), f"unknown category '{category}' — expected one of: {', '.join(sorted(categories))}")
        severity = reader.choice(keys.get("severity"), loc + ("severity",), SEVERITY_CHOICES)
        if measure == "sentence-words":
            maximum = reader.per_language(keys.get("maximum"), loc + ("maximum",),
                                          lambda value, at: reader.number(value, at, 5, 80))
            found[measure] = SentenceLength(metric_id, category, severity, maximum)
        elif measure == "reading-ease":
            words = reader.number(keys.get("min_words"), loc + ("min_words",), 20, 100_000)
            minimum = reader.per_language(keys.get("minimum"), loc + ("minimum",),
                                          lambda value, at: reader.number(value, at, 0, 120, float))
            formula = reader.per_language(keys.get("formula"), loc + ("formula",), lambda value, at: _formula(reader, value, at))
            found[measure] = Readability(metric_id, category, severity, words, minimum, formula)
    for measure, metric_id in _MEASURES.items():
        if measure not in found and not reader.problems:
            reader.problem(("metrics",), f"the measure {metric_id} is missing — expected an entry with measure: {measure}")
    problems.extend(reader.problems)
    if reader.problems:
        return None
    return Metrics(found["sentence-words"], found["reading-ease"])


def _formula(reader: _Reader, value: Any, loc: tuple) -> Formula | None:
    keys = reader.mapping(value, loc, Formula._fields)
    if keys is None or any(key not in keys for key in Formula._fields):
        return None
    name = reader.text(keys["name"], loc + ("name",))
    numbers = [reader.number(keys[key], loc + (key,), 0, 1000, float) for key in Formula._fields[1:]]
    return None if name is None or None in numbers else Formula(name, *numbers)


def _read_categories(reader: _Reader, value: Any) -> tuple[Category, ...]:
    if not isinstance(value, list) or not value:
        reader.problem(("categories",), "this is not a list of categories — expected at least one '- id: ...' entry")
        return ()
    categories = []
    seen: set[str] = set()
    for index, item in enumerate(value):
        loc = ("categories", index)
        data = reader.mapping(item, loc, ("id", "title", "description"))
        if data is None:
            continue
        category_id = reader.matches(
            reader.text(data.get("id"), loc + ("id",)) if "id" in data else None,
            loc + ("id",), _CATEGORY_ID, "lower-case words joined by hyphens, e.g. plain-language",
        )
        title, description = (
            reader.per_language(data.get(key), loc + (key,), reader.text) if key in data else None
            for key in ("title", "description")
        )
        if category_id in seen:
            reader.problem(loc + ("id",), f"the category '{category_id}' appears twice — expected each category once")
        elif category_id and title and description:
            seen.add(category_id)
            categories.append(Category(category_id, title, description))
    return tuple(categories)


_RULE_REQUIRED = ("id", "terms", "severity", "alternatives", "reason", "source", "examples")
_RULE_OPTIONAL = ("type", "patterns", "case", "only_near", "unless_near", "window", "exceptions", "allow_quoted",
                  "inflect", "compounds", "parts", "unless_name")
RULE_TYPES = ("term", "pattern")


def _read_rule_file(reader: _Reader, lang: str, category: str, owners: dict[tuple[str, str], str],
                    seen_ids: dict[str, str]) -> tuple[Rule, ...]:
    """The rules of one category file; ``owners`` and ``seen_ids`` span all files of the language."""
    data = reader.mapping(reader.data, (), ("rules",))
    if data is None or "rules" not in data:
        return ()
    if not isinstance(data["rules"], list) or not data["rules"]:
        reader.problem(("rules",), "this is not a list of rules — expected at least one '- id: ...' entry")
        return ()
    rules: list[Rule] = []
    for index, item in enumerate(data["rules"]):
        rule = _read_rule(reader, ("rules", index), item, lang, category)
        if rule is None:
            continue
        if rule.id in seen_ids:
            reader.problem(("rules", index, "id"), f"this id is already used in {seen_ids[rule.id]} — expected every id once")
            continue
        seen_ids[rule.id] = reader.shown
        for position, term in enumerate([] if rule.patterns else rule.terms):
            key = term_key(term.rstrip("*")) + ("*" if term.endswith("*") else "")
            owner = owners.setdefault((lang, key), rule.id)
            if owner != rule.id:
                reader.problem(("rules", index, "terms", position), f"'{term}' is also a term of {owner} — expected each term in one rule only")
        rules.append(rule)
    return tuple(rules)


def _read_rule(reader: _Reader, loc: tuple, item: Any, lang: str, category: str) -> Rule | None:
    data = reader.mapping(item, loc, _RULE_REQUIRED, _RULE_OPTIONAL)
    if data is None:
        return None
    before = len(reader.problems)

    def get(key: str, read: Callable, *args) -> Any:
        return read(data[key], loc + (key,), *args) if key in data else None

    rule_id = reader.matches(
        get("id", reader.text), loc + ("id",), _RULE_ID,
        "the language, then lower-case words joined by hyphens, e.g. nl-slaaf or en-wheelchair-bound",
    )
    if rule_id and not rule_id.startswith(f"{lang}-"):
        reader.problem(loc + ("id",), f"the id must start with '{lang}-' — expected e.g. {lang}-{rule_id.split('-', 1)[1]}")
    kind = get("type", reader.choice, RULE_TYPES) or "term"
    terms = get("terms", reader.texts, 1) or ()
    patterns = get("patterns", reader.texts) or ()
    if kind == "pattern" and not patterns and "patterns" not in data:
        reader.problem(loc, "a rule of type pattern needs 'patterns' — expected a list of regular expressions")
    severity = get("severity", reader.choice, SEVERITY_CHOICES)
    alternatives = get("alternatives", reader.texts, 1) or ()
    reason = get("reason", reader.text, 10)
    source = get("source", reader.text, 5)
    case = get("case", reader.choice, ("any", "exact")) or "any"
    only_near, unless_near, exceptions, parts = (
        get(key, reader.texts) or () for key in ("only_near", "unless_near", "exceptions", "parts")
    )
    window = get("window", reader.number, 1, 30) or 6
    allow_quoted = bool(get("allow_quoted", reader.boolean))
    unless_name = bool(get("unless_name", reader.boolean))
    inflect = get("inflect", reader.boolean)
    compounds = get("compounds", reader.boolean)
    examples = _read_examples(reader, loc + ("examples",), data.get("examples")) if "examples" in data else None
    for key, values in (("terms", terms), ("only_near", only_near), ("unless_near", unless_near),
                        ("exceptions", exceptions), ("parts", parts)):
        for position, term in enumerate(values):
            problem = term_problem(term)
            if problem:
                reader.problem(loc + (key, position), f"{problem} — expected a word or phrase (see data/language/README.md)")
    for position, pattern in enumerate(patterns):
        problem = _pattern_problem(pattern)
        if problem:
            reader.problem(loc + ("patterns", position), problem)
    if len(reader.problems) > before or None in (rule_id, severity, reason, source, examples):
        return None
    return Rule(rule_id, terms, patterns, category, severity, alternatives, reason, source, case,
                only_near, unless_near, window, exceptions, allow_quoted, examples,
                inflect=True if inflect is None else inflect,
                compounds=(lang == "nl" and category != PLAIN_LANGUAGE) if compounds is None else compounds, parts=parts, unless_name=unless_name)


def _read_examples(reader: _Reader, loc: tuple, value: Any) -> Examples | None:
    data = reader.mapping(value, loc, ("flag",), ("pass",))
    if data is None:
        return None
    flag = reader.texts(data.get("flag"), loc + ("flag",), 1) if "flag" in data else ()
    return Examples(flag, reader.texts(data.get("pass"), loc + ("pass",))) if flag else None


def _pattern_problem(pattern: str) -> str | None:
    try:
        compiled = re.compile(pattern)
    except re.error as error:
        return f"this pattern is not a valid regular expression ({error}) — expected a Python regular expression"
    if compiled.groups:
        return "this pattern has a capturing group — expected (?:...) instead of (...)"
    if compiled.match(""):
        return "this pattern also matches empty text — expected a pattern that needs at least one letter"
    return None


def _check_settings(reader: _Reader, rules: dict[str, tuple[Rule, ...]]) -> None:
    """Checks that need the rules, run on the raw settings so they report even when other settings are wrong."""
    data = reader.data if isinstance(reader.data, dict) else {}
    known = {rule.id for lang_rules in rules.values() for rule in lang_rules}
    disabled = data.get("disabled_rules")
    for index, rule_id in enumerate(disabled if isinstance(disabled, list) else []):
        if known and isinstance(rule_id, str) and rule_id not in known:
            reader.problem(("disabled_rules", index), f"there is no rule '{rule_id}' — expected the id of a rule in nl/ or en/")


_AGREEMENT_KEYS = ("version", "agreed_on", "agreed_by", "blocking", "accepted", "added_rules", "summary")
_BLOCKING_CHOICES = ((), ("error",), ("error", "warning"), ("error", "warning", "suggestion"))


def read_agreement(path: Path, problems: list[str], rules: dict[str, tuple[Rule, ...]] | None = None) -> Agreement | None:
    """The collective's language agreement; problems are added to ``problems``."""
    reader = _open(path, problems)
    if reader is None:
        return None
    data = reader.mapping(reader.data, (), _AGREEMENT_KEYS)
    if data is None or any(key not in data for key in _AGREEMENT_KEYS):
        problems.extend(reader.problems)
        return None
    version = data["version"]
    if not isinstance(version, (str, int, float)) or isinstance(version, bool) or not str(version).strip():
        reader.problem(("version",), "the version is missing — expected a version such as '1.0'")
    agreed_on = data["agreed_on"]
    if not hasattr(agreed_on, "isoformat"):
        reader.problem(("agreed_on",), f"{agreed_on!r} is not a date — expected a date such as 2026-11-30")
    people = data["agreed_by"]
    if not isinstance(people, list) or not people:
        reader.problem(("agreed_by",), "nobody is named — expected a list of roles, each with nl: and en:")
        people = []
    agreed_by = tuple(reader.per_language(item, ("agreed_by", index), reader.text) for index, item in enumerate(people))
    blocking = data["blocking"]
    order = tuple(sorted(blocking, key=lambda item: -SEVERITIES.index(item) if item in SEVERITIES else 0)) \
        if isinstance(blocking, list) else None
    if order not in _BLOCKING_CHOICES:
        reader.problem(("blocking",), f"{blocking!r} is not allowed — expected one of: [], [error], [error, warning], "
                       "[error, warning, suggestion] (a level blocks only when every more severe level blocks too)")
    accepted = reader.per_language(data["accepted"], ("accepted",), reader.texts)
    for lang in LANGUAGES:
        for index, phrase in enumerate(getattr(accepted, lang) if accepted else ()):
            problem = term_problem(phrase)
            if problem:
                reader.problem(("accepted", lang, index), f"{problem} — expected a word or phrase")
    added = reader.texts(data["added_rules"], ("added_rules",))
    summary = reader.per_language(data["summary"], ("summary",), lambda value, loc: reader.text(value, loc, 10))
    problems.extend(reader.problems)
    if reader.problems:
        return None
    return Agreement(str(version), agreed_on.isoformat(), agreed_by, order, accepted, added, summary)


def _example_places(reader: _Reader, rules: tuple[Rule, ...]) -> dict[tuple[str, str, int], str]:
    places: dict[tuple[str, str, int], str] = {}
    positions = {item.get("id"): index for index, item in enumerate(reader.data.get("rules") or []) if isinstance(item, dict)}
    for rule in rules:
        for kind, examples in (("flag", rule.examples.flag), ("pass", rule.examples.pass_)):
            for number in range(len(examples)):
                node, _rest = yamlpos.node_at(reader.root, ("rules", positions[rule.id], "examples", kind, number))
                line, column = yamlpos.position(node)
                places[(rule.id, kind, number)] = f"{reader.shown}:{line}:{column}"
    return places
