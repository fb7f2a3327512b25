"""The rule files: what ships, and how mistakes in them are reported."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from language_helpers import run_command
from macros.language import check_text
from macros.language.examples import verify_examples
from macros.language.findings import InputError
from language_helpers import LANGUAGES
from macros.language.rules import load_rulebook

REQUIRED_CATEGORIES = {"gender", "lgbtiq", "ethnicity-colonial", "disability", "age", "socio-economic", "plain-language"}
PROBLEM_LINE = re.compile(r"^data/language/[\w/-]+\.yml:\d+:\d+: .+ — .+$")


def test_there_are_enough_rules_in_both_languages(book) -> None:
    assert len(book.rules["nl"]) >= 80
    assert len(book.rules["en"]) >= 60


def test_every_required_category_exists_with_both_languages(book) -> None:
    categories = {category.id: category for category in book.settings.categories}
    assert REQUIRED_CATEGORIES <= set(categories)
    for category in categories.values():
        for lang in LANGUAGES:
            assert category.title[lang].strip()
            assert len(category.description[lang]) > 20


def test_every_category_has_rules_in_both_languages(book) -> None:
    for lang in LANGUAGES:
        used = Counter(rule.category for rule in book.rules[lang])
        assert REQUIRED_CATEGORIES <= set(used), lang


def test_rule_ids_carry_their_language_and_are_unique(book) -> None:
    ids = [rule.id for lang in LANGUAGES for rule in book.rules[lang]]
    assert len(ids) == len(set(ids))
    for lang in LANGUAGES:
        assert all(rule.id.startswith(f"{lang}-") for rule in book.rules[lang])


def test_every_rule_has_a_source_and_a_reason_of_its_own(book) -> None:
    reasons = [rule.reason for lang in LANGUAGES for rule in book.rules[lang]]
    assert len(reasons) == len(set(reasons)), "each reason should be written for its rule"
    assert all(rule.source for lang in LANGUAGES for rule in book.rules[lang])


def test_plain_language_rules_are_suggestions(book) -> None:
    for lang in LANGUAGES:
        for rule in book.rules[lang]:
            if rule.category == "plain-language":
                assert rule.severity == "suggestion", rule.id


def test_context_dependent_rules_are_not_errors(book) -> None:
    for lang in LANGUAGES:
        for rule in book.rules[lang]:
            if rule.only_near or rule.unless_near or rule.patterns:
                assert rule.severity != "error", rule.id


PREFERRED = {
    "nl": [
        "homo", "lesbisch", "lesbienne", "biseksueel", "trans persoon", "intersekse persoon", "queer",
        "zwart", "zwarte mensen", "wit", "witte mensen", "persoon van kleur", "tot slaaf gemaakte mensen",
        "mens in slavernij", "inheemse Amerikanen", "Inuit", "Amazigh", "Roma", "Sinti", "moslim",
        "mensen met een beperking", "rolstoelgebruiker", "blind", "slechtziend", "doof", "slechthorend",
        "gebarentaal", "iemand met autisme", "autist", "ouderen", "65-plussers", "migratieachtergrond",
        "seksuele oriëntatie", "transitie", "praktisch opgeleid", "gehandicapte mensen",
    ],
    "en": [
        "gay", "lesbian", "bisexual", "trans", "transgender", "intersex", "queer", "Black", "Black people",
        "white", "people of colour", "enslaved people", "Indigenous", "Native American", "Inuit",
        "Amazigh", "Roma", "Muslim", "disabled", "disabled people", "disabled visitors",
        "people with disabilities", "wheelchair user", "blind", "partially sighted", "deaf",
        "hard of hearing", "sign language", "autistic", "older people", "sexual orientation",
        "transition", "low-income countries", "non-disabled",
    ],
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_preferred_respectful_terms_are_never_flagged(lang: str) -> None:
    for term in PREFERRED[lang]:
        findings = check_text(f"{term[0].upper()}{term[1:]}. Het gaat over {term}." if lang == "nl" else
                              f"{term[0].upper()}{term[1:]}. It is about {term}.", lang)
        assert findings == [], (term, findings)


def test_dutch_rules_never_run_on_english_text() -> None:
    assert check_text("The page was left blank on purpose.", "en") == []
    assert check_text("De blanke bezoekers waren in de meerderheid.", "nl") != []


# -- mistakes in rule files --------------------------------------------------------------

def _problems(own_rules: Path) -> list[str]:
    with pytest.raises(InputError) as raised:
        load_rulebook(own_rules)
    return raised.value.problems


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    """The number of the last line that contains ``needle``."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return max(number for number, line in enumerate(lines, 1) if needle in line)


def test_an_unknown_key_is_reported_with_its_position(own_rules: Path) -> None:
    _edit(own_rules / "nl/gender.yml", "    severity: warning\n", "    severity: warning\n    colour: red\n")
    problems = _problems(own_rules)
    line = _line_of(own_rules / "nl/gender.yml", "colour: red")
    assert len(problems) == 1
    assert f"nl/gender.yml:{line}:5: rule nl-dames-en-heren: 'colour' is not a field Podium knows here — " in problems[0]
    assert problems[0].endswith("known fields here: allow_quoted, alternatives, case, compounds, examples, exceptions, id, "
                                "inflect, only_near, parts, patterns, reason, severity, source, terms, terms_language, type, "
                                "unless_name, unless_near, window")


def test_a_missing_field_is_reported(own_rules: Path) -> None:
    _edit(own_rules / "en/gender.yml", "    reason: This greeting only addresses men and women, so anyone who is neither is left out.\n", "")
    problems = _problems(own_rules)
    assert len(problems) == 1
    assert "rule en-ladies-and-gentlemen: the field 'reason' is missing — why the wording may exclude or hurt" in problems[0]


def test_a_wrong_severity_lists_the_allowed_values(own_rules: Path) -> None:
    _edit(own_rules / "nl/gender.yml", "severity: warning", "severity: high")
    problem, = _problems(own_rules)
    assert "rule nl-dames-en-heren: the text 'high' is not one of the allowed values — one of: 'error', 'warning' or 'suggestion'" in problem


def test_duplicate_ids_and_duplicate_terms_are_reported(own_rules: Path) -> None:
    _edit(own_rules / "nl/gender.yml", "id: nl-voorzitster", "id: nl-mankracht")
    _edit(own_rules / "en/gender.yml", "terms: [forefathers, forefather]", "terms: [forefathers, mankind]")
    _edit(own_rules / "en/age.yml", "  - id: en-elderly\n", "  - id: en-chairman\n")
    problems = _problems(own_rules)
    assert any("this id is already used in" in problem and "nl/gender.yml" in problem for problem in problems)
    assert any("en/age.yml" in problem and "this id is already used in" in problem and "en/gender.yml" in problem
               for problem in problems)
    assert any("'mankind' is also a term of en-mankind — each term in one rule only" in problem for problem in problems)


def test_bad_terms_and_patterns_are_reported(own_rules: Path) -> None:
    _edit(own_rules / "nl/gender.yml", "terms: [mankracht]", "terms: [mank*racht, '#!']")
    _edit(own_rules / "en/disability.yml", "      - \"the\\\\s+disabled", "      - \"(the)\\\\s+disabled")
    problems = _problems(own_rules)
    assert any("'*' may only stand at the very end of a term" in problem for problem in problems)
    assert any("the term has no letters" in problem for problem in problems)
    assert any("this pattern has a capturing group — (?:...) instead of (...)" in problem for problem in problems)


def test_an_unknown_category_is_reported(own_rules: Path) -> None:
    (own_rules / "en/gender.yml").rename(own_rules / "en/genders.yml")
    problem, = _problems(own_rules)
    assert re.search(r"en/genders\.yml:\d+:\d+: there is no category 'genders' in settings\.yml — the file name "
                     r"to be one of the categories: age, disability, ", problem)


def test_yaml_typing_mistakes_are_explained(own_rules: Path) -> None:
    _edit(own_rules / "en/ethnicity-colonial.yml", '"1947", "1948"', "1947, 1948")
    load_rulebook(own_rules)  # a year in a list of words is a word: the schema, not YAML, decides what is text
    _edit(own_rules / "nl/gender.yml", "terms: [mankracht]", "terms: {mankracht: ja}")
    problem, = _problems(own_rules)
    assert "rule nl-mankracht: expected a list here, found a group of fields" in problem


def test_a_yaml_syntax_error_is_reported_with_its_position(own_rules: Path) -> None:
    _edit(own_rules / "nl/gender.yml", "    severity: warning\n", "    severity: [warning\n")
    problem, = _problems(own_rules)
    assert re.search(r"nl/gender\.yml:\d+:\d+: the YAML cannot be read here: .+ — check the indentation", problem)


def test_settings_mistakes_are_reported(own_rules: Path) -> None:
    _edit(own_rules / "settings.yml", "disabled_rules: []", "disabled_rules: [nl-bestaat-niet]")
    _edit(own_rules / "agreement.yml", "blocking: [error, warning]", "blocking: [warning]")
    _edit(own_rules / "settings.yml", "      en: Age\n", "")
    problems = _problems(own_rules)
    assert any("agreement.yml:" in p and "[warning] cannot block on its own" in p and "one of: [], [error], [error, warning]" in p
               for p in problems)
    assert any("there is no rule 'nl-bestaat-niet'" in problem for problem in problems)
    line = _line_of(own_rules / "settings.yml", "  - id: age") + 1
    assert any(f"settings.yml:{line + 1}:7: the English text is missing — add `en:`" in problem for problem in problems)


def test_a_language_mismatch_is_reported(own_rules: Path) -> None:
    _edit(own_rules / "en/gender.yml", "id: en-ladies-and-gentlemen", "id: nl-ladies-and-gentlemen")
    problems = _problems(own_rules)
    assert any("the id must start with 'en-' — e.g. en-ladies-and-gentlemen" in problem for problem in problems)


def test_all_problems_of_all_files_are_reported_at_once(own_rules: Path) -> None:
    _edit(own_rules / "nl/gender.yml", "severity: warning", "severity: high")
    _edit(own_rules / "en/disability.yml", "severity: warning", "severity: loud")
    _edit(own_rules / "agreement.yml", "version: \"1.0\"", "version: \"\"")
    assert len(_problems(own_rules)) == 3


def test_examples_that_do_not_behave_are_reported_with_their_position(own_rules: Path) -> None:
    _edit(own_rules / "nl/gender.yml", '        - "Voor de verhuizing van het depot is extra mankracht nodig."',
          '        - "Voor de verhuizing van het depot zijn extra handen nodig."')
    _edit(own_rules / "en/gender.yml", '        - "The lake behind the museum is artificial."',
          '        - "The lake behind the museum is man-made."')
    problems = verify_examples(load_rulebook(own_rules))
    assert len(problems) == 2
    flag_line = _line_of(own_rules / "nl/gender.yml", "zijn extra handen nodig")
    pass_line = _line_of(own_rules / "en/gender.yml", "behind the museum is man-made.\"")
    nl_problem = next(problem for problem in problems if "nl/gender.yml" in problem)
    en_problem = next(problem for problem in problems if "en/gender.yml" in problem)
    assert nl_problem.endswith(f"nl/gender.yml:{flag_line}:11: rule nl-mankracht: this example is not flagged — expected the rule to "
                               "find it (check its terms, only_near words and exceptions)")
    assert f"en/gender.yml:{pass_line}:11: rule en-man-made: this example is flagged — expected it to pass" in en_problem


def test_the_command_stops_with_exit_2_on_a_broken_rule_file(own_rules: Path, capsys) -> None:
    _edit(own_rules / "nl/gender.yml", "severity: warning", "severity: high")
    assert run_command("--root", str(own_rules.parents[1])) == 2
    err = capsys.readouterr().err
    assert "rule nl-dames-en-heren: the text 'high' is not one of the allowed values" in err
    assert "podium check: stopped; fix the 1 problem above and run it again." in err


def test_verify_rules_option(own_rules: Path, capsys) -> None:
    root = str(own_rules.parents[1])
    assert run_command("--root", root, "--verify-rules") == 0
    assert "the examples of all" in capsys.readouterr().out
    _edit(own_rules / "en/gender.yml", '        - "The lake behind the museum is artificial."', '        - "The lake behind the museum is man-made."')
    assert run_command("--root", root, "--verify-rules") == 2
    assert "rule en-man-made: this example is flagged" in capsys.readouterr().err


def test_problem_lines_have_the_promised_shape(own_rules: Path, monkeypatch) -> None:
    monkeypatch.chdir(own_rules.parents[1])
    _edit(own_rules / "nl/gender.yml", "severity: warning", "severity: high")
    (own_rules / "en/gender.yml").rename(own_rules / "en/genders.yml")
    for problem in _problems(Path("data/language")):
        assert PROBLEM_LINE.match(problem), problem


def test_mistakes_in_the_name_settings_are_reported(own_rules: Path) -> None:
    _edit(own_rules / "settings.yml", "common_capital_endings_from:\n  nl: 6\n", "common_capital_endings_from:\n  nl: zes\n")
    _edit(own_rules / "settings.yml", "name_endings:\n", "name_ending:\n")
    problems = _problems(own_rules)
    line = _line_of(own_rules / "settings.yml", "  nl: zes")
    assert any(f"settings.yml:{line}:7: expected a whole number, found the text 'zes'" in problem for problem in problems), problems
    line = _line_of(own_rules / "settings.yml", "name_ending:")
    assert any(f"settings.yml:{line}:1: 'name_ending' is not a field Podium knows here — did you mean 'name_endings'?"
               in problem for problem in problems), problems


def test_the_name_settings_come_from_the_settings_file(own_rules: Path) -> None:
    # without them, no capitalised word is a common word and no ending makes a word a name
    text = (own_rules / "settings.yml").read_text(encoding="utf-8")
    start, end = text.index("name_endings:\n"), text.index("# The categories")
    (own_rules / "settings.yml").write_text(text[:start] + text[end:], encoding="utf-8")
    book = load_rulebook(own_rules)
    assert book.settings.names == {}
    texts = ("Elke bezoeker hoort hoe zijn Tweede Wereldoorlog verliep.", "Op de achtergrond klinkt Zigeunermuziek.",
             "De brief is gericht aan mevrouw Slavenburg uit Rotterdam.")
    assert [hit.rule.id for text in texts for hit in book.matcher("nl").find(text)] == ["nl-zigeuner", "nl-slaaf"]
