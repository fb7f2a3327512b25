"""The prepared rules kept in .podium-cache/: used when they match the files, rebuilt when not, never wrong."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from language_helpers import run_command
from macros.language import check_paths
from macros.language import rules as rules_module
from macros.language.program import compile_program, make_program
from macros.language.rules import load_rulebook

SLAVES = "a:\n  nl: De slaven werkten hier.\n"


def _fresh(directory: Path):
    """Load as a new run of the command would: nothing in memory, only what is on disk."""
    rules_module._loaded.clear()
    return load_rulebook(directory)


def _cache_files(project: Path) -> list[Path]:
    return sorted((project / ".podium-cache").glob("language-rules-*.pickle"))


def test_the_prepared_rules_are_kept_and_used_again(own_rules: Path) -> None:
    project = own_rules.parents[1]
    first = _fresh(own_rules)
    kept, = _cache_files(project)
    second = _fresh(own_rules)
    assert second is not first  # read back from the file, not from memory
    assert [rule.id for rule in second.rules["nl"]] == [rule.id for rule in first.rules["nl"]]
    assert _cache_files(project) == [kept]


def test_an_edited_rule_file_is_never_answered_from_an_old_cache(own_rules: Path) -> None:
    project = own_rules.parents[1]
    (project / "data" / "a.yml").write_text(SLAVES, encoding="utf-8")
    _fresh(own_rules)
    assert [f.rule for f in check_paths([project / "data" / "a.yml"], project).findings] == ["nl-slaaf"]
    agreement = own_rules / "agreement.yml"
    agreement.write_text(agreement.read_text(encoding="utf-8").replace("    - Awareness & Empowerment\n",
                                                                       "    - Awareness & Empowerment\n    - slaven\n"),
                         encoding="utf-8")
    rules_module._loaded.clear()
    assert check_paths([project / "data" / "a.yml"], project).findings == []
    assert len(_cache_files(project)) == 1  # the old book was replaced, not left beside the new one


def test_a_broken_cache_file_is_rebuilt(own_rules: Path) -> None:
    project = own_rules.parents[1]
    _fresh(own_rules)
    kept, = _cache_files(project)
    kept.write_bytes(b"not a rule book")
    book = _fresh(own_rules)
    assert len(book.rules["en"]) > 60
    assert kept.read_bytes() != b"not a rule book"


def test_a_stored_program_matches_exactly_like_the_compiled_expression() -> None:
    source = r"(?<![^\W_])(?:(?P<t>slaaf|slaven|chair(?:man|men))|(?P<r1>the\s+blind))(?![^\W_])"
    stored = compile_program(source, make_program(source))
    plain = re.compile(source)
    text = "the blind chairman; slaven, slaafje, the  blind, chairmen."
    assert [(m.span(), m.lastgroup) for m in stored.finditer(text)] == [(m.span(), m.lastgroup) for m in plain.finditer(text)]
    assert stored.groupindex == plain.groupindex
    assert compile_program(source, ("another Python",) + make_program(source)[1:]).pattern == source


def test_the_languages_come_from_the_site_configuration(own_rules: Path, capsys) -> None:
    project = own_rules.parents[1]
    (project / "mkdocs.yml").write_text(
        "site_name: Test\nextra:\n  podium:\n    languages:\n"
        "      - {code: en, name: English, english_name: English, locale: en_GB, theme: [en], search: [en]}\n",
        encoding="utf-8")
    for name in ("settings.yml", "agreement.yml", "metrics.yml"):  # the Dutch texts go with the language
        path = own_rules / name
        path.write_text(yaml.safe_dump(_without_dutch(yaml.safe_load(path.read_text(encoding="utf-8")))), encoding="utf-8")
    shutil.rmtree(own_rules / "nl")
    book = _fresh(own_rules)
    assert book.languages == ("en",)
    assert set(book.rules) == {"en"}
    page = project / "content" / "en" / "a.md"
    page.write_text("A tour for the elderly.\n", encoding="utf-8")
    assert [finding.rule for finding in check_paths([page], project).findings] == ["en-elderly"]
    assert run_command("--root", str(project), "--lang", "nl", str(page)) == 2
    assert "--lang nl: this is not a language of the site — expected one of: en" in capsys.readouterr().err


def _without_dutch(data):
    if isinstance(data, dict):
        return {key: _without_dutch(value) for key, value in data.items() if key != "nl"}
    if isinstance(data, list):
        return [_without_dutch(item) for item in data]
    return data


def test_each_language_reads_only_its_own_prepared_matcher(own_rules: Path) -> None:
    _fresh(own_rules)
    book = _fresh(own_rules)
    assert book.matchers == {}  # nothing prepared is read before a language needs it
    book.matcher("en")
    assert set(book.matchers) == {"en"}


def test_a_broken_matcher_file_is_rebuilt_and_finds_the_same(own_rules: Path) -> None:
    project = own_rules.parents[1]
    (project / "data" / "a.yml").write_text(SLAVES, encoding="utf-8")
    _fresh(own_rules)
    matcher_file, = (project / ".podium-cache").glob(f"language-rules-*.nl{rules_module.MATCHER_SUFFIX}")
    matcher_file.write_bytes(b"not a matcher")
    _fresh(own_rules)
    assert [f.rule for f in check_paths([project / "data" / "a.yml"], project).findings] == ["nl-slaaf"]
    assert matcher_file.read_bytes() != b"not a matcher"


def test_a_check_reads_the_rules_only_through_its_matcher(own_rules: Path) -> None:
    project = own_rules.parents[1]
    (project / "data" / "a.yml").write_text(SLAVES, encoding="utf-8")
    _fresh(own_rules)
    book = _fresh(own_rules)
    assert [f.rule for f in check_paths([project / "data" / "a.yml"], project).findings] == ["nl-slaaf"]
    assert book._rules is None  # the file of all rules of all languages was not read
    assert len(book.rules["nl"]) > 60 and book.example_places  # and is read when they are asked for


def test_a_broken_rules_file_is_rebuilt(own_rules: Path) -> None:
    project = own_rules.parents[1]
    first = _fresh(own_rules)
    rules_file, = (project / ".podium-cache").glob(f"language-rules-*{rules_module.RULES_SUFFIX}")
    rules_file.write_bytes(b"not the rules")
    book = _fresh(own_rules)
    assert [rule.id for rule in book.rules["en"]] == [rule.id for rule in first.rules["en"]]
    assert book.example_places == first.example_places
    assert rules_file.read_bytes() != b"not the rules"
