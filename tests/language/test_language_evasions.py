"""Wording that hides from the word list without looking any different to a reader: invisible
characters, look-alike letters from other scripts, HTML entities and markup inside a word. Each
must still fail `podium check` and `podium build`, at the line and column of the source."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from language_helpers import rule_ids, run_command, source_span
from macros.cli import main
from macros.language import check_text

# (name, the word as written, how many characters come before its first letter)
ENGLISH = [
    ("soft hyphen", "mid\u00adget", 0),
    ("zero-width space", "mid\u200bget", 0),
    ("zero-width joiner", "mi\u200ddget", 0),
    ("zero-width non-joiner", "midg\u200cet", 0),
    ("word joiner", "mid\u2060get", 0),
    ("byte-order mark inside", "mi\ufeffdget", 0),
    ("Cyrillic i", "m\u0456dget", 0),
    ("Cyrillic e", "midg\u0435t", 0),
    ("Greek iota", "m\u03b9dget", 0),
    ("fullwidth letters", "\uff4d\uff49\uff44\uff47\uff45\uff54", 0),
    ("named entity &shy;", "mid&shy;get", 0),
    ("decimal entity for a soft hyphen", "mid&#173;get", 0),
    ("decimal entity for a letter", "&#109;idget", 0),
    ("hex entity for a letter", "mi&#x64;get", 0),
    ("hex entity for a zero-width space", "mid&#x200B;get", 0),
    ("empty span", "mid<span></span>get", 0),
    ("empty bold", "mid<b></b>get", 0),
    ("comment inside the word", "mid<!-- x -->get", 0),
    ("emphasis around the start", "*mid*get", 1),
    ("strong around the end", "mid**get**", 0),
    ("emphasis with underscores", "_mid_get", 1),
    ("tag around a letter", "m<i>i</i>dget", 0),
    ("combining grapheme joiner", "mid\u034fget", 0),
    ("variation selector after a letter", "mid\ufe0fget", 0),
    ("Mongolian variation selector", "mi\u180bdget", 0),
    ("Hangul filler", "mid\u3164get", 0),
    ("tag character", "mid\U000e0041get", 0),
    ("hair space", "mid\u200aget", 0),
    ("narrow no-break space", "midg\u202fet", 0),
    ("braille blank", "mid\u2800get", 0),
    ("word-break tag", "mid<wbr>get", 0),
    ("link around the start", "[mid](faq.md)get", 1),
    ("link around the end", "mid[get](https://example.org)", 0),
]


def _page(word: str) -> str:
    return f"---\ntitle: Test\n---\n\n# Visit\n\nThe fair of 1890 showed a {word} on stage.\n"


@pytest.mark.parametrize(("name", "word", "lead"), ENGLISH, ids=[case[0] for case in ENGLISH])
def test_podium_check_finds_the_hidden_term_at_its_place(project: Path, capsys, name: str, word: str, lead: int) -> None:
    page = project / "content" / "en" / "fair.md"
    text = _page(word)
    page.write_text(text, encoding="utf-8")
    assert run_command("--root", str(project), "--format", "json") == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    hit = next(finding for finding in findings if finding["rule"] == "en-midget")
    column = text.split("\n")[6].index(word) + 1 + lead
    assert (hit["path"], hit["line"], hit["column"], hit["severity"]) == ("content/en/fair.md", 7, column, "error")
    assert word[lead:].startswith(hit["match"])  # from the first letter of the word as written …
    assert unicodedata.normalize("NFKC", hit["match"][-1]) == "t"  # … to its last letter


@pytest.mark.parametrize("char", ["\u00ad", "\u200b", "\u200d", "\u2060", "\ufeff", "\u200e", "\u034f", "\ufe0f",
                                  "\u3164", "\U000e0020", "\u200a", "\u2009", "\u2800"])
def test_an_invisible_character_is_an_error_of_its_own(char: str) -> None:
    text = f"The visit{char}or centre opens at ten."
    finding, = check_text(text, "en")
    assert (finding.rule, finding.severity, finding.column, finding.end_column) == ("invisible-character", "error", 10, 11)
    assert finding.match == char
    assert "invisible character" in finding.message


def test_a_word_that_mixes_scripts_is_an_error_of_its_own() -> None:
    text = "Our c\u043ellection grows."  # a Cyrillic o
    finding, = check_text(text, "en")
    assert (finding.rule, finding.severity, finding.column, finding.end_column) == ("mixed-script", "error", 5, 15)
    assert "cyrillic and latin" in finding.message


def test_text_in_one_other_script_and_emoji_are_left_alone() -> None:
    assert check_text("The word \u043c\u0443\u0437\u0435\u0439 means museum in Russian.", "en") == []
    assert check_text("Family day \U0001F468\u200d\U0001F469\u200d\U0001F467 with games.", "en") == []
    for emoji in ("\U0001F3F3\ufe0f\u200d\U0001F308", "\U0001F3F3\ufe0f\u200d\u26a7\ufe0f", "\U0001F469\U0001F3FD\u200d\U0001F3A8",
                  "\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F"):
        assert check_text(f"Join our Pride tour! {emoji} Free entry.", "en") == [], emoji
    assert check_text("Caf\u00e9 and na\u00efve idee\u00ebn \u2013 \u201cquoted\u201d.", "en") == []


def test_blanks_and_marks_used_as_typography_are_left_alone() -> None:
    for text in ("We welcomed 10\u202f000 visitors.", "Rooms 1\ufe0f\u20e3 to 3\ufe0f\u20e3 are open.",
                 "We \u2764\ufe0f our volunteers.", "The shrine of \u1ecc\u0300\u1e63un in Osogbo.",
                 "Bonjour\u202f! Welcome.", "The braille sign reads \u2803\u2800\u2801."):
        assert check_text(text, "en") == [], text


def test_a_word_struck_through_or_underlined_with_combining_marks_is_found() -> None:
    for mark in ("\u0336", "\u0332", "\u0338"):
        word = "".join(letter + mark for letter in "midget")
        text = f"The fair showed a {word} on stage."
        hit = next(finding for finding in check_text(text, "en") if finding.rule == "en-midget")
        assert source_span(text, hit).startswith(word[:-1])


@pytest.mark.parametrize(("markup", "word"), [
    ('<img src="fair.jpg" alt="A midget on stage">', "midget"),
    ("<img src='fair.jpg' alt='A midget on stage'>", "midget"),
    ('<abbr title="the midget show">MS</abbr>', "midget"),
    ('<a href="fair.md" aria-label="The midget act">more</a>', "midget"),
    ('[the fair](fair.md "A midget on stage")', "midget"),
    ('![the fair](fair.jpg "A midget on stage")', "midget"),
    ("[the fair](fair.md 'A midget on stage')", "midget"),
])
def test_text_readers_get_from_attributes_is_checked_at_its_place(check_file, markup: str, word: str) -> None:
    line = f"Look at {markup} today."
    findings = check_file("content/en/fair.md", f"# Fair\n\n{line}\n")
    hit = next(finding for finding in findings if finding.rule == "en-midget")
    assert (hit.line, hit.column) == (3, line.index(word) + 1)


def test_attributes_in_code_and_attributes_readers_never_get_are_not_checked(check_file) -> None:
    for line in ('Write `<img alt="a midget">` in code.', '<img src="midget.jpg" alt="A clown on stage">',
                 '<span class="midget">A clown</span>', "[A clown](midget.md)"):
        assert "en-midget" not in rule_ids(check_file("content/en/fair.md", f"# Fair\n\n{line}\n")), line


def test_attributes_in_text_a_macro_renders_are_checked() -> None:
    text = 'See <img src="a.jpg" alt="a midget"> here.'
    hit = next(finding for finding in check_text(text, "en") if finding.rule == "en-midget")
    assert hit.column == text.index("midget") + 1


def test_links_between_words_keep_the_words_apart() -> None:
    from macros.language.inline import mask_inline
    from macros.language.normalise import normalise

    for text, seen in (("See [the plan](plan.md) now.", "See  the plan           now."),
                       ("A [mid](x.md)get and a mid[get](x.md).", "A  midget and a midget       .")):
        assert normalise(mask_inline(text)).text == seen, text


def test_the_source_span_of_a_finding_is_the_word_as_written() -> None:
    text = "A m\u0456d&shy;get."
    hit = next(finding for finding in check_text(text, "en") if finding.rule == "en-midget")
    assert source_span(text, hit) == "m\u0456d&shy;get"


def test_dutch_evasions_are_found_too() -> None:
    for word in ("bos\u00adneger", "bosn\u0435ger", "bos<span></span>neger", "*bos*neger", "bos&#110;eger"):
        assert "nl-bosneger" in rule_ids(check_text(f"De {word} op de foto.", "nl")), word


def test_every_evasion_stops_the_build_at_its_line(example_copy: Path, capsys) -> None:
    page = example_copy / "content" / "en" / "links.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    first = len(lines) + 2
    for _name, word, _lead in ENGLISH:
        lines += ["", f"The fair of 1890 showed a {word} on stage."]
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["--project", str(example_copy), "build"]) == 1
    err = capsys.readouterr().err
    for number, (_name, word, lead) in enumerate(ENGLISH):
        column = len("The fair of 1890 showed a ") + 1 + lead
        assert f"content/en/links.md:{first + 2 * number}:{column}: error:" in err, word
        assert "[en-midget]" in err
    assert not (example_copy / "site").exists()
