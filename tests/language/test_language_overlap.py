"""Two rules that match at the same place: one rule's failed candidate may not hide the other."""

from __future__ import annotations

from macros.language.match import Matcher
from macros.language.rules import Examples, Rule


def _rule(rule_id: str, *, terms: tuple[str, ...] = (), patterns: tuple[str, ...] = (),
          only_near: tuple[str, ...] = ()) -> Rule:
    return Rule(id=rule_id, terms=terms, patterns=patterns, category="disability", severity="warning",
                alternatives=(), reason="", source="", case="any", only_near=only_near,
                unless_near=(), window=6, exceptions=(), allow_quoted=True,
                examples=Examples(flag=(), pass_=()))


# The term needs an illness nearby; the pattern is about being "cured" of who you love.
TERM = _rule("test-suffered", terms=("leed aan",), only_near=("ziekte", "kanker"))
PATTERN = _rule("test-cured", patterns=(r"leed\s+aan\s+homoseksualiteit",))


def _found(rules: tuple[Rule, ...], text: str) -> list[str]:
    return [hit.rule.id for hit in Matcher(rules, lang="nl").find(text)]


def test_a_pattern_is_found_where_a_term_at_the_same_start_fails_its_condition() -> None:
    text = "Men dacht toen dat hij leed aan homoseksualiteit."
    assert _found((TERM, PATTERN), text) == ["test-cured"]
    assert _found((PATTERN, TERM), text) == ["test-cured"]


def test_the_term_still_wins_where_its_condition_holds() -> None:
    text = "Zij leed aan een ziekte die toen niet te genezen was."
    assert _found((TERM, PATTERN), text) == ["test-suffered"]


def test_one_finding_per_place_when_both_hold() -> None:
    text = "Men zei dat hij leed aan homoseksualiteit, als was het een ziekte."
    assert _found((TERM, PATTERN), text) == ["test-suffered"]
