"""The rules of ``data/language/`` as the checker uses them, prepared once and kept in a cache.

``settings.yml`` holds what all languages share (thresholds, category names in every
language); ``agreement.yml`` what the collective agreed (which levels block publishing, its
own terms); ``metrics.yml`` the plain-language measures; ``<lang>/<category>.yml`` the rules,
one folder per site language and one file per category, the category taken from the file name.

Reading and validating the files (``rulefiles.py``) and preparing the matchers take longer
than checking a page, so the prepared rule book is kept in ``.podium-cache/`` of the project,
under a fingerprint of the rule files, the site's language list, this package's code and the
Python version. Any change to one of them gives another fingerprint; a cache file that cannot
be read is ignored and rebuilt. The cache can therefore be stale or broken, never wrong.
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path
from typing import NamedTuple

from .collector import paused
from .findings import SEVERITIES

try:  # Python's own BLAKE2 loads in a fraction of the time hashlib takes to set up OpenSSL, and
    # hashes the rule files (over a megabyte, on every run) about four times as fast as its SHA-256
    from _blake2 import blake2b as _digest
except ImportError:
    from hashlib import blake2b as _digest

PLAIN_LANGUAGE = "plain-language"
"""Its Dutch rules do not look inside compounds unless they ask to: officialese is a word of its
own (heden), and as part of a compound it is usually another word (eenheden)."""
SETTINGS_FILE = "settings.yml"
AGREEMENT_FILE = "agreement.yml"
METRICS_FILE = "metrics.yml"
PACKAGE_ROOT = Path(__file__).resolve().parents[2]
CACHE_FOLDER = ".podium-cache"
CACHE_PREFIX = "language-rules-"
MATCHER_SUFFIX = ".matcher"
"""The prepared matcher of each language is kept beside the book, in ``<book>.<lang>.matcher``."""
RULES_SUFFIX = ".rules"
"""The rules themselves are kept beside the book too, in ``<book>.rules``: a check needs only the
matcher of its language, and reading every rule of every language took more time than the rest
of the book."""
CODE_FOLDERS = (Path(__file__).resolve().parent, PACKAGE_ROOT / "macros" / "base")
"""The code that reads and prepares the rules: a change to it makes every cached rule book stale."""

PerLanguage = dict
"""``{language code: value}``, one entry for every language of the site."""


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


class Names(NamedTuple):
    """How the check tells a name from a capitalised common word inside a sentence, in one
    language (``name_endings`` and the ``common_capital…`` settings in ``settings.yml``)."""

    name_endings: tuple[str, ...] = ()
    """Lower-case endings of names of places, streets and families (Blankenberge, Slavenburg)."""
    common_words: frozenset[str] = frozenset()
    """Lower-case words that are written with a capital but name nobody (Nederlands, Eeuw)."""
    common_endings: tuple[str, ...] = ()
    """Lower-case endings of such words (Surinaamse, Islamitische)."""
    common_from: int = 6
    """The shortest word that ``common_endings`` apply to (Ilse and Else are names)."""


class Settings(NamedTuple):
    report_from: str
    abbreviations: PerLanguage
    disabled_rules: tuple[str, ...]
    categories: tuple[Category, ...]
    names: PerLanguage = {}
    """Per language, its ``Names`` (a language without an entry has none)."""


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
    terms_language: str | None = None
    """The language of the terms when it is not the rule file's (English loanwords in Dutch
    text): the guide marks them, so that a screen reader pronounces them in that language."""
    file: str = ""
    """The rule file it comes from, as messages show it."""


class RuleBook:
    """Everything the checker needs from ``data/language/``, with a matcher per language.

    Compared and hashed by identity, so that other prepared tools can be cached per rule book.
    """

    def __init__(self, directory: Path, languages: tuple[str, ...], language_names: dict[str, str],
                 settings: Settings, rules: dict[str, tuple[Rule, ...]],
                 example_places: dict[tuple[str, str, int], str], agreement: Agreement, metrics: Metrics):
        self.directory = directory
        self.languages = languages
        """The site's language codes, in the order of its configuration."""
        self.language_names = language_names
        """Language code → its English name, for messages."""
        self.settings = settings
        self.agreement = agreement
        self.metrics = metrics
        self._rules: dict[str, tuple[Rule, ...]] | None = rules
        self._example_places: dict[tuple[str, str, int], str] | None = example_places
        self.rule_ids = frozenset(rule.id for found in rules.values() for rule in found)
        self.matchers: dict = {}
        self.matcher_files: dict[str, Path] = {}
        """Per language, the cache file that holds its prepared matcher (set when read from the cache)."""
        self.rules_file: Path | None = None
        """The cache file that holds the rules and example places (set when read from the cache)."""

    @property
    def rules(self) -> dict[str, tuple[Rule, ...]]:
        """Per language, its rules (read from the cache on first use)."""
        if self._rules is None:
            self._read_rules()
        return self._rules

    @property
    def example_places(self) -> dict[tuple[str, str, int], str]:
        """(rule id, "flag" or "pass", index) → ``file:line:col`` of that example."""
        if self._example_places is None:
            self._read_rules()
        return self._example_places

    def _read_rules(self) -> None:
        kept = _read_pickle(self.rules_file) if self.rules_file is not None else None
        if not (isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], dict)):
            from .rulefiles import build_rulebook  # its file was missing or broken: read the rule files

            with paused():
                fresh = build_rulebook(self.directory)
            kept = (fresh.rules, fresh.example_places)
            if self.rules_file is not None:
                _write_pickles([(self.rules_file, kept)])
        self._rules, self._example_places = kept

    def enabled_rules(self, lang: str) -> tuple[Rule, ...]:
        disabled = set(self.settings.disabled_rules)
        return tuple(rule for rule in self.rules[lang] if rule.id not in disabled)

    def matcher(self, lang: str):
        """The matcher of the enabled rules of ``lang`` and the collective's accepted phrases."""
        if lang not in self.matchers:
            from .match import Matcher

            kept = self.matcher_files.get(lang)
            matcher = _read_pickle(kept) if kept is not None else None
            if not isinstance(matcher, Matcher):
                matcher = Matcher(self.enabled_rules(lang), self.agreement.accepted[lang], lang,
                                  self.settings.names.get(lang, Names()))
                if kept is not None:  # its file was missing or broken: keep it again
                    matcher.prepare()
                    _write_pickles([(kept, matcher)])
            self.matchers[lang] = matcher
        return self.matchers[lang]

    def __getstate__(self) -> dict:
        # the matchers and the rules are kept in files of their own, so that a run reads only what it uses
        return self.__dict__ | {"matchers": {}, "matcher_files": {}, "rules_file": None,
                                "_rules": None, "_example_places": None}


def rules_dir(root: Path | None = None) -> Path:
    """``root/data/language`` when it exists, else the rule files next to this package."""
    if root is not None:
        candidate = Path(root) / "data" / "language"
        if candidate.is_dir():
            return candidate
    return PACKAGE_ROOT / "data" / "language"


def rule_files(directory: Path, languages: tuple[str, ...]) -> dict[str, list[Path]]:
    """Per language, the rule files in ``directory/<lang>/`` (sorted by name)."""
    return {lang: sorted((directory / lang).glob("*.yml")) for lang in languages}


_loaded: dict[Path, tuple[tuple, RuleBook]] = {}


def load_rulebook(directory: Path) -> RuleBook:
    """The validated, prepared rules in ``directory``; raises ``InputError`` listing every problem.

    Kept in memory until a file changes, and on disk (see the module's docstring) between runs.
    """
    directory = Path(directory).resolve()
    inputs = _inputs(directory)
    stamp = tuple((path, path.stat().st_mtime_ns, path.stat().st_size) for path in inputs)
    loaded = _loaded.get(directory)
    if loaded and loaded[0] == stamp:
        return loaded[1]
    cache = _cache_folder(directory) / f"{_cache_name(directory)}-{_fingerprint(inputs)}.pickle"
    book = _read_cache(cache, directory)
    if book is None:
        from .rulefiles import build_rulebook  # validation needs pydantic; only here, when the cache misses

        with paused():
            book = build_rulebook(directory)
            for lang in book.languages:
                book.matcher(lang).prepare()
        _write_cache(cache, book)
    _loaded[directory] = (stamp, book)
    return book


def _inputs(directory: Path) -> list[Path]:
    """Every file the rule book depends on: rule files, the site's language list, the code."""
    project = directory.parent.parent
    config = project / "mkdocs.yml" if (project / "mkdocs.yml").is_file() else PACKAGE_ROOT / "mkdocs.yml"
    files = [directory / name for name in (SETTINGS_FILE, AGREEMENT_FILE, METRICS_FILE)]
    files += sorted(directory.glob("*/*.yml")) + [config]
    files += sorted(path for folder in CODE_FOLDERS for path in folder.glob("*.py"))
    return [path for path in files if path.is_file()]


def _fingerprint(inputs: list[Path]) -> str:
    digest = _digest(sys.version.encode())
    for path in inputs:
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def _cache_name(directory: Path) -> str:
    """The start of the cache file names of one rule folder."""
    return CACHE_PREFIX + _digest(str(directory).encode()).hexdigest()[:12]


def _cache_folder(directory: Path) -> Path:
    project = directory.parent.parent
    return (project if directory == project / "data" / "language" else PACKAGE_ROOT) / CACHE_FOLDER


def _matcher_file(cache: Path, lang: str) -> Path:
    return cache.with_name(f"{cache.stem}.{lang}{MATCHER_SUFFIX}")


def _rules_file(cache: Path) -> Path:
    return cache.with_name(f"{cache.stem}{RULES_SUFFIX}")


def _read_pickle(path: Path):
    try:
        with paused(), path.open("rb") as file:
            return pickle.load(file)
    except Exception:  # missing, cut short or written by other code: the caller builds it again
        return None


def _write_pickles(files: list[tuple[Path, object]]) -> bool:
    """Write each value to its file (whole or not at all); False when that failed, which is harmless."""
    try:
        for path, value in files:
            path.parent.mkdir(exist_ok=True)
            partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            with partial.open("wb") as file:
                pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, path)
    except (OSError, pickle.PicklingError):
        return False
    return True


def _read_cache(cache: Path, directory: Path) -> RuleBook | None:
    book = _read_pickle(cache)
    if not isinstance(book, RuleBook) or book.directory != directory:
        return None
    book.matcher_files = {lang: _matcher_file(cache, lang) for lang in book.languages}
    book.rules_file = _rules_file(cache)
    return book


def _write_cache(cache: Path, book: RuleBook) -> None:
    """Keep the prepared book for the next run; old books of this folder are removed. Failing is harmless."""
    # the matchers first: a book is only read when its file is complete, and then finds them
    if not _write_pickles([(_matcher_file(cache, lang), matcher) for lang, matcher in book.matchers.items()]
                          + [(_rules_file(cache), (book.rules, book.example_places)), (cache, book)]):
        return
    try:
        for old in cache.parent.glob(f"{_cache_name(book.directory)}-*"):
            if old.suffix in (".pickle", MATCHER_SUFFIX, RULES_SUFFIX) and not old.name.startswith(cache.stem):
                old.unlink(missing_ok=True)
    except OSError:
        pass
