"""The shortcuts that make `podium check` fast must give exactly what the plain way gives.

Each test puts a shortcut beside the straightforward computation it replaces: the word gate's
look-up of substrings beside a test per piece, the English compound candidates beside the
expression they were written out from, the reading-ease totals beside a count per word, the
file reader beside Python's text mode, and the rule cache in a folder that cannot be written.
"""

from __future__ import annotations

import pickle
import re
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from language_helpers import REPO
from macros.language import check_paths
from macros.language import readability
from macros.language import rules as rules_module
from macros.language.check import _read_text
from macros.language.inline import mask_inline
from macros.language.match import _LOOKED_UP
from macros.language.prefilter import BOUNDARY, WordGate
from macros.language.program import compile_program, make_program
from macros.language.rules import load_rulebook, rules_dir

_ENGLISH = load_rulebook(rules_dir(REPO)).matcher("en")


def _plain_candidates(parts) -> re.Pattern:
    """The expression for English compound candidates as it reads before it is written out per part."""
    ends = "|".join(sorted((re.escape(part) for part in parts), key=len, reverse=True))
    return re.compile(rf"(?:{ends})(?![^\W_])|(?<![^\W_])(?:{ends})[\-\u2010\u2011][^\W\d_]")


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(["man", "men", "man's", "men's", "wo", "chair", "-", "\u2011", " ", "_", "1",
                                      "é", "e\u0301", "s", "x", "'"]), max_size=14).map("".join))
def test_english_compound_candidates_are_found_where_the_plain_expression_finds_them(text: str) -> None:
    plain = _plain_candidates(_ENGLISH._parts)
    found = [match.span() for match in _ENGLISH._candidates.finditer(text)]
    assert found == [match.span() for match in plain.finditer(text)]


def test_the_english_candidates_are_looked_for_only_in_texts_holding_a_whole_part() -> None:
    """Every candidate holds a part, so a text without any part is skipped; and the strings
    tested are whole parts, not fragments such as "an" that nearly every text holds."""
    strings, parts = _ENGLISH._candidate_strings, set(_ENGLISH._parts)
    assert strings and strings <= parts
    assert all(any(string in part for string in strings) for part in parts)


_PIECES = st.lists(
    st.tuples(st.booleans(), st.sampled_from(["he", "his", "e", "s-", "é", "the", "a", "1"]), st.booleans()),
    min_size=1, max_size=6)


@settings(max_examples=300, deadline=None)
@given(pieces=_PIECES, words=st.lists(st.text(alphabet="thesiaé-1_'", max_size=9), max_size=8))
def test_the_word_gate_judges_each_word_as_a_test_per_piece_would(pieces, words) -> None:
    """Every piece is its own set, so the gate lists a name exactly when its piece stands in a word."""
    needs = {f"n{number}": (frozenset({(BOUNDARY if left else "") + core + (BOUNDARY if right else "")}),)
             for number, (left, core, right) in enumerate(pieces)}
    gate = WordGate(needs)
    text = " ".join(words)
    expected = tuple(
        name for name, (left, core, right) in zip(needs, pieces)
        if any(re.search(("\\b" if left else "") + re.escape(core) + ("\\b" if right else ""), word) for word in words))
    assert gate.active(text) == expected


@settings(max_examples=300, deadline=None)
@given(pieces=_PIECES, words=st.lists(st.text(alphabet="thesiaé-1_'", max_size=9), max_size=8))
def test_a_word_gate_read_back_from_the_rule_cache_answers_as_a_new_one(pieces, words) -> None:
    """The gate is kept in the rule cache with the program of its quick look, not worked out again."""
    needs = {f"n{number}": (frozenset({(BOUNDARY if left else "") + core + (BOUNDARY if right else ""),
                                       BOUNDARY + core + "s-" + BOUNDARY}),)
             for number, (left, core, right) in enumerate(pieces)}
    kept = WordGate(needs)
    kept.prepare()
    kept.active("words it learnt before it was kept")
    read_back = pickle.loads(pickle.dumps(kept))
    assert read_back.verdicts == {}
    text = " ".join(words)
    assert read_back.active(text) == WordGate(needs).active(text)


def test_the_gate_of_a_language_is_read_back_from_the_rule_cache_with_its_program() -> None:
    gate = _ENGLISH._gate
    assert gate.program is not None and gate.odd
    read_back = pickle.loads(pickle.dumps(gate))
    assert read_back.any_piece.pattern == gate.any_piece.pattern
    assert [search.__self__.pattern for search, _ in read_back.odd] == [search.__self__.pattern for search, _ in gate.odd]
    text = "Every visitor who brings his guide dog, the chairman and the blind are welcome."
    assert read_back.active(text.lower()) == WordGate(_ENGLISH._needs).active(text.lower()) != ()


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(st.text(alphabet="abeiouy lmst'’-.,é1\n", max_size=40), max_size=6),
       lang=st.sampled_from(["nl", "en"]))
def test_reading_ease_totals_count_every_word_and_its_syllables(texts: list[str], lang: str) -> None:
    tally = readability.Tally()
    for text in texts:
        tally.add(text, 1)
    words = syllables = 0
    for text in texts:
        for token in text.split():
            word = re.sub(r"^\W+|\W+$", "", token)
            if word:
                words += 1
                syllables += readability.count_syllables(word, lang)
    assert tally.totals(lang) == (words, syllables)


def test_web_addresses_without_other_markup_are_not_read_as_prose() -> None:
    for text in ("Read www.example.org today", "Write mailto:info@example.org today",
                 "Get ftp://host.example/file today"):
        masked = mask_inline(text)
        assert masked.startswith(text.split()[0]) and masked.endswith("today")
        assert "example" not in masked, text


def test_files_are_read_as_text_mode_reads_them(tmp_path: Path) -> None:
    """Byte-order mark dropped, Windows and old Mac line ends made \\n, as ``read_text`` does."""
    for data in (b"\xef\xbb\xbfOne\r\ntwo\rthree\n", b"a\r\r\n\n\rb", "caf\u00e9\r\n".encode(), b"",
                 b"\xef\xbb\xbf\xef\xbb\xbfx"):
        file = tmp_path / "page.md"
        file.write_bytes(data)
        assert _read_text(file) == file.read_text(encoding="utf-8-sig")


def test_windows_line_ends_give_the_same_lines_and_columns(project: Path) -> None:
    text = "---\nlang: en\n---\n# Board\n\nThe chairman of the board\nwrote to the handicapped visitors.\n"
    (project / "content" / "en" / "unix.md").write_text(text, encoding="utf-8")
    (project / "content" / "en" / "windows.md").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    findings = check_paths([], project).findings
    unix = [(f.line, f.column, f.rule) for f in findings if f.path.endswith("unix.md")]
    windows = [(f.line, f.column, f.rule) for f in findings if f.path.endswith("windows.md")]
    assert len(unix) >= 2 and windows == unix


def test_a_cache_folder_that_cannot_be_written_changes_no_finding(own_rules: Path) -> None:
    project = own_rules.parents[1]
    (project / "data" / "a.yml").write_text("a:\n  en: The chairman met the handicapped visitors.\n", encoding="utf-8")
    rules_module._loaded.clear()
    expected = check_paths([project / "data"], project).findings
    cache = project / ".podium-cache"
    for kept in cache.iterdir():
        kept.unlink()
    cache.rmdir()
    cache.write_text("a file where the cache folder should be", encoding="utf-8")
    rules_module._loaded.clear()
    assert check_paths([project / "data"], project).findings == expected
    assert cache.is_file()


def test_a_program_stored_in_another_layout_is_compiled_from_its_text() -> None:
    source = r"(?<![^\W_])(?:slaaf|chair(?:man|men))(?![^\W_])"
    flags, code, *rest = make_program(source)[1:]
    older = (sys.version, flags, list(code), *rest)  # a list where an array is expected
    text = "slaaf, chairmen; chairmanship"
    stored = compile_program(source, older)
    assert [m.span() for m in stored.finditer(text)] == [m.span() for m in re.finditer(source, text)]


_DUTCH = load_rulebook(rules_dir(REPO)).matcher("nl")


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(["slaven", "handel", "slavenhandel", "zwart", "piet", "-", "'", " ", "\n", ".",
                                      "museum", "bezoekers", "blanke", "1", "é", "\u00a0"]), max_size=12).map("".join))
def test_dutch_words_for_compound_analysis_are_those_of_the_whole_text(text: str) -> None:
    """Looking words up per white-space-separated token finds what a search of the whole text finds."""
    words = _DUTCH._words
    for word in set(_LOOKED_UP.findall(text)):
        if word not in words:
            words[word] = _DUTCH._analyse(word)
    plain = [(found.start(), found.end(), found.group()) for found in _LOOKED_UP.finditer(text)
             if words[found.group()] is not None]
    assert _DUTCH._words_to_analyse(text) == plain


_ALTERNATIVES = ["ab", "a", "abc", r"b\w*", r"c\s+a", r"(?<=c)a", r"a(?=b)", r"\w+c", "ba"]


@settings(max_examples=300, deadline=None)
@given(chosen=st.lists(st.sampled_from(_ALTERNATIVES), min_size=2, max_size=4, unique=True),
       text=st.text(alphabet="abc ", max_size=12), position=st.integers(min_value=0, max_value=12))
def test_patterns_searched_one_by_one_find_what_their_alternation_finds(chosen, text, position) -> None:
    """A rule whose patterns the word gate lets through only in part is searched pattern by pattern."""
    from macros.language.match import _first_of

    alternation = re.compile("|".join(f"(?:{pattern})" for pattern in chosen))
    found = _first_of([re.compile(pattern).search for pattern in chosen])(text, position)
    plain = alternation.search(text, position)
    assert (found and found.span()) == (plain and plain.span())


def _hits(matcher, texts: list[str]) -> list[tuple[str, int, int]]:
    return [(hit.rule.id, hit.start, hit.end) for text in texts for hit in matcher.find(text)]


def test_gating_each_pattern_of_a_rule_finds_what_the_whole_rule_finds() -> None:
    """Each pattern of a rule runs only on a text holding the words it needs; the plain way runs
    every rule with all its patterns on every text. Both must find the same, on every example of
    every rule, one by one and all in one paragraph."""
    from macros.language.match import Matcher

    book = load_rulebook(rules_dir(REPO))
    for lang in ("nl", "en"):
        rules = book.enabled_rules(lang)
        texts = [text for rule in rules for text in rule.examples.flag + rule.examples.pass_]
        texts += [" ".join(texts[index:index + 7]) for index in range(0, len(texts), 7)]
        gated = Matcher(rules, book.agreement.accepted[lang], lang)
        plain = Matcher(rules, book.agreement.accepted[lang], lang)
        plain._groups_of = lambda active, plain=plain: list(plain._patterns)
        assert any(":" in group for text in texts for group in gated._groups_of(gated._gate.active(text.lower())))
        assert _hits(gated, texts) == _hits(plain, texts)
