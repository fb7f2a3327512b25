"""Checking files and texts: scan → match rules → plain-language measures → suppressions → findings."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Iterable

from . import readability
from .collector import paused
from .inline import mask_inline
from .markdown import attribute_segments, scan_markdown
from .findings import Finding, Flag, InputError, Report, severity_rank
from .normalise import Anomaly, Normalised, normalise
from .rules import RuleBook, load_rulebook, rules_dir
from .segments import PROSE_KINDS, Blocks, LineIndex, Segment
from .suppress import apply_suppressions
from .yamldata import scan_yaml

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
YAML_SUFFIXES = frozenset({".yml", ".yaml"})
DEFAULT_PATHS = ("content", "data")
EXCLUDED_DATA = ("data/language", "data/schema")
"""Rule files and schemas are not text for the public."""
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site", "site-internal"})

PLAIN = "plain-language"
INVISIBLE = "invisible-character"
MIXED_SCRIPT = "mixed-script"
CHARACTERS = "characters"

_PARAGRAPH = re.compile(r"(?:[^\n]*\S[^\n]*(?:\n|$))+")


def check_paths(paths: list[Path], root: Path, lang: str | None = None) -> Report:
    """Check Markdown and YAML files (folders are searched) and return all findings.

    ``lang`` forces the language of Markdown files; YAML data is always checked per
    ``nl``/``en`` key. Raises ``InputError`` listing every path, file or rule-file problem.
    """
    with paused():
        return _check_paths(paths, Path(root).resolve(), lang)


def _check_paths(paths: list[Path], root: Path, lang: str | None) -> Report:
    book = load_rulebook(rules_dir(root))
    files, problems = _collect(paths, root)
    findings: list[Finding] = []
    for file in files:
        shown = display_path(file, root)
        try:
            text = _read_text(file)
        except (OSError, UnicodeDecodeError) as error:
            problems.append(f"{shown}: this file cannot be read ({error}) — expected a UTF-8 text file")
            continue
        try:
            if file.suffix.lower() in MARKDOWN_SUFFIXES:
                findings.extend(_check_markdown(book, text, shown, lang, path_language(file, root, book.languages)))
            else:
                findings.extend(_check_yaml(book, text, shown))
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    findings.sort(key=Finding.sort_key)
    return Report(findings=findings, files=len(files))


def check_text(text: str, lang: str, path: str = "<text>", line: int = 1, *, root: Path | None = None) -> list[Finding]:
    """Check plain text (for instance a string a macro renders) in one language.

    Line numbers start at ``line``; blank lines separate paragraphs. Inline Markdown, HTML
    and URLs are skipped as in pages. No suppressions and no per-file readability score.
    """
    book = load_rulebook(rules_dir(root))
    if lang not in book.languages:
        raise ValueError(f"lang must be one of {', '.join(book.languages)}, not {lang!r}")
    blocks = Blocks()
    segments = []
    for found in _PARAGRAPH.finditer(text):
        block = blocks.new(found.start())
        segments.append(Segment(found.start(), mask_inline(found.group()), block, "paragraph"))
        segments.extend(attribute_segments(found.start(), found.group(), block))
    flags = _flags(book, segments, lang, with_readability=False)
    return _findings(book, flags, text, path, first_line=line)


def _check_markdown(book: RuleBook, text: str, shown: str, forced: str | None, from_path: str | None) -> list[Finding]:
    scan = scan_markdown(text, shown)
    lang = forced or _front_matter_language(scan.front_matter, shown, book.languages) or from_path
    if lang is None:
        raise InputError([
            f"{shown}: cannot tell whether this page is "
            f"{_choices(tuple(book.language_names[code] for code in book.languages), '', 'or')} — add {_choices(book.languages, 'lang: ', 'or')} "
            f"to its front matter, keep it in a folder named {_choices(book.languages, '', 'or')} "
            f"(e.g. content/{book.languages[0]}/), or pass --lang"
        ])
    flags = _flags(book, scan.segments, lang, with_readability=True)
    flags = apply_suppressions(flags, scan.directives, scan.blocks, _suppressible(book))
    return _findings(book, flags, text, shown)


def _check_yaml(book: RuleBook, text: str, shown: str) -> list[Finding]:
    blocks = Blocks()
    scan = scan_yaml(text, shown, blocks)
    flags = _flags(book, scan.segments, None, with_readability=True)
    flags = apply_suppressions(flags, scan.directives, blocks, _suppressible(book))
    return _findings(book, flags, text, shown)


def _choices(codes: tuple[str, ...], prefix: str, joiner: str) -> str:
    """'lang: nl or lang: en'."""
    shown = [f"{prefix}{code}" for code in codes]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} {joiner} {shown[-1]}"


def _front_matter_language(front_matter: dict | None, shown: str, languages: tuple[str, ...]) -> str | None:
    if not front_matter or "lang" not in front_matter:
        return None
    value = str(front_matter["lang"]).strip().lower()
    code = value.split("-")[0].split("_")[0]
    if code not in languages:
        raise InputError([f"{shown}: the front matter says lang: {front_matter['lang']} — expected "
                          f"{_choices(languages, 'lang: ', 'or')}"])
    return code


def _flags(book: RuleBook, segments: Iterable[Segment], default_lang: str | None, *, with_readability: bool) -> list[Flag]:
    flags: list[Flag] = []
    tallies: dict[str, tuple[readability.Tally, int]] = {}
    tools: dict[str, tuple[Matcher, readability.SentenceSplitter, int]] = {}
    for segment in segments:
        lang = segment.lang or default_lang
        if lang is None:
            continue
        if lang not in tools:
            tools[lang] = (book.matcher(lang), _splitter(book, lang), book.metrics.sentence_length.maximum[lang])
        matcher, splitter, limit = tools[lang]
        seen = normalise(segment.text)
        text = seen.text
        place = _Place(segment, seen)
        for anomaly in seen.anomalies:
            flags.append(_anomaly_flag(segment, anomaly))
        for hit in matcher.find_normalised(text):
            flags.append(_rule_flag(hit.rule, place, text, hit.start, hit.end))
        if segment.kind not in PROSE_KINDS:
            continue
        spans = splitter.spans(text)
        for start, end in spans:
            # Counting words is only worth it when there are enough gaps between them.
            if text.count(" ", start, end) + text.count("\n", start, end) >= limit * 3 // 4:
                words = readability.word_count(text, start, end)
                if words > limit:
                    flags.append(_long_sentence_flag(book.metrics.sentence_length, place, start, end, words, limit))
        if with_readability:
            if lang not in tallies:
                tallies[lang] = (readability.Tally(), place.start(_first_word(text)))
            tallies[lang][0].add(text, len(spans))
    for lang, (tally, first) in tallies.items():
        flag = _readability_flag(book.metrics.readability, book.language_names[lang], lang, tally, first)
        if flag is not None:
            flags.append(flag)
    return flags


class _Place:
    """Turns offsets in the normalised text of a segment into offsets in the file."""

    def __init__(self, segment: Segment, seen: Normalised):
        self.segment = segment
        self.seen = seen

    def start(self, offset: int) -> int:
        return self.segment.start + self.seen.source_start(offset)

    def end(self, offset: int) -> int:
        return self.segment.start + self.seen.source_end(offset)


def _first_word(text: str) -> int:
    found = readability.WORD.search(text)
    return found.start() if found else 0


@lru_cache(maxsize=16)
def _splitter(book: RuleBook, lang: str) -> readability.SentenceSplitter:
    return readability.SentenceSplitter(frozenset(item.lower() for item in book.settings.abbreviations[lang]))


@lru_cache(maxsize=16)
def _suppressible(book: RuleBook) -> frozenset[str]:
    return book.rule_ids | {book.metrics.sentence_length.id, INVISIBLE, MIXED_SCRIPT}


def _rule_flag(rule, place: _Place, text: str, start: int, end: int) -> Flag:
    shown = " ".join(text[start:end].split())
    if rule.category == PLAIN:
        frame = f"“{shown}” may not be plain language for every reader."
    else:
        frame = f"“{shown}” may exclude or hurt some readers."
    return Flag(
        place.start(start),
        place.end(end),
        rule.id,
        rule.category,
        rule.severity,
        f"{frame} {rule.reason}",
        tuple(rule.alternatives),
        place.segment.block,
    )


def _anomaly_flag(segment: Segment, anomaly: Anomaly) -> Flag:
    if anomaly.kind == "invisible":
        message = (f"An invisible character ({anomaly.detail.lower()}) stands here. Readers cannot see it, but it "
                   "changes how screen readers, search and this check read the word. Delete it (it often comes "
                   "along when text is pasted from a word processor or a web page).")
    else:
        message = (f"This word mixes letters of different alphabets ({anomaly.detail}) that look alike. "
                   "Screen readers and search read it wrongly. Type the word again in one alphabet.")
    return Flag(segment.start + anomaly.start, segment.start + anomaly.end,
                INVISIBLE if anomaly.kind == "invisible" else MIXED_SCRIPT, CHARACTERS, "error", message, (), segment.block)


def _long_sentence_flag(metric, place: _Place, start: int, end: int, words: int, limit: int) -> Flag:
    return Flag(
        place.start(start),
        place.end(end),
        metric.id,
        metric.category,
        metric.severity,
        f"This sentence has {words} words; sentences of at most {limit} words are easier to follow. "
        "Consider splitting it.",
        (),
        place.segment.block,
    )


def _readability_flag(metric, language: str, lang: str, tally: readability.Tally, first: int) -> Flag | None:
    words, syllables = tally.totals(lang)
    if words < metric.min_words or tally.sentences == 0:
        return None
    formula = metric.formula[lang]
    score = formula.score(words, tally.sentences, syllables)
    minimum = metric.minimum[lang]
    if score >= minimum:
        return None
    return Flag(
        first,
        first,
        metric.id,
        metric.category,
        metric.severity,
        f"The {language} text of this file scores {score:.0f} on the {formula.name} "
        f"reading-ease scale; text at level B1 usually scores {minimum:.0f} or more "
        f"({words} words in {tally.sentences} sentences). Consider shorter sentences and everyday words.",
    )


def _findings(book: RuleBook, flags: list[Flag], text: str, path: str, first_line: int = 1) -> list[Finding]:
    lowest = severity_rank(book.settings.report_from)
    index = LineIndex(text)
    findings = []
    for flag in flags:
        if severity_rank(flag.severity) < lowest:
            continue
        line, column = index.line_col(flag.start)
        end_line, end_column = index.line_col(flag.end)
        findings.append(
            Finding(
                path=path,
                line=line + first_line - 1,
                column=column,
                end_line=end_line + first_line - 1,
                end_column=end_column,
                match=text[flag.start : flag.end],
                rule=flag.rule,
                category=flag.category,
                severity=flag.severity,
                message=flag.message,
                suggestions=flag.suggestions,
            )
        )
    findings.sort(key=Finding.sort_key)
    return findings


def _read_text(file: Path) -> str:
    """``file.read_text(encoding="utf-8-sig")``, without that codec's decoder written in Python:
    the bytes are decoded at once, and Windows and old Mac line ends made one line feed as text
    mode makes them."""
    data = file.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return file.read_text(encoding="utf-8-sig")  # raises the error with the codec's own message
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def path_language(file: Path, root: Path, languages: tuple[str, ...]) -> str | None:
    """A site language from a folder name (content/nl/…) or a suffix (index.nl.md), else None.

    ``file`` and ``root`` are absolute, resolved paths.
    """
    parts = _relative_parts(file, root)
    for part in reversed(parts[:-1]):
        if part in languages:
            return part
    suffixes = Path(parts[-1]).suffixes if parts else []
    if len(suffixes) >= 2 and suffixes[-2][1:] in languages:
        return suffixes[-2][1:]
    return None


def display_path(file: Path, root: Path) -> str:
    """``file`` relative to ``root`` when it lies inside it (both absolute and resolved), else
    its whole path."""
    return PurePosixPath(*_relative_parts(file, root)).as_posix()


@lru_cache(maxsize=4096)  # asked twice per file, and relative_to is slow
def _relative_parts(file: Path, root: Path) -> tuple[str, ...]:
    try:
        return file.relative_to(root).parts
    except ValueError:
        return (file.as_posix(),) if not file.parts else file.parts


def _collect(paths: list[Path], root: Path) -> tuple[list[Path], list[str]]:
    """The files to check (absolute, resolved, without duplicates) and the problems with ``paths``."""
    problems: list[str] = []
    excluded = [root / folder for folder in EXCLUDED_DATA]
    if paths:
        wanted = [Path(path) if Path(path).is_absolute() else root / path for path in paths]
    else:
        wanted = [root / folder for folder in DEFAULT_PATHS if (root / folder).is_dir()]
    files: list[Path] = []
    for path in wanted:
        if not path.exists():
            problems.append(f"{path.as_posix()}: no such file or folder — expected a Markdown file, a YAML file or a folder")
            continue
        path = path.resolve()
        if path.is_dir():
            files.extend(file for file in sorted(path.rglob("*")) if _wanted(file, path, excluded))
        elif path.suffix.lower() not in MARKDOWN_SUFFIXES | YAML_SUFFIXES:
            problems.append(f"{path.as_posix()}: not a Markdown or YAML file — expected a .md, .markdown, .yml or .yaml file")
        elif not _excluded(path, excluded):
            files.append(path)
    return list(dict.fromkeys(files)), problems


def _wanted(file: Path, folder: Path, excluded: list[Path]) -> bool:
    if file.suffix.lower() not in MARKDOWN_SUFFIXES | YAML_SUFFIXES or not file.is_file():
        return False
    inner = file.relative_to(folder).parts[:-1]
    if any(part.startswith(".") or part in SKIPPED_FOLDERS for part in inner):
        return False
    return not _excluded(file, excluded)


def _excluded(file: Path, excluded: list[Path]) -> bool:
    parts = file.parts  # comparing parts is far cheaper than walking file.parents
    return any(parts[: len(folder.parts)] == folder.parts for folder in excluded)
