"""Checking that every rule's own examples behave as the rule file says.

Run by the test suite and by ``podium check --verify-rules`` after someone edits a rule file.
"""

from __future__ import annotations

from .inline import mask_inline
from .match import Matcher
from .rules import RuleBook


def verify_examples(book: RuleBook) -> list[str]:
    """One problem line per example that is not flagged (or is flagged) against its declaration.

    The accept list of the settings is left out on purpose: examples test the rules themselves.
    """
    problems: list[str] = []
    for lang in book.languages:
        matcher = Matcher(book.rules[lang], lang=lang)
        for rule in book.rules[lang]:
            for kind, examples in (("flag", rule.examples.flag), ("pass", rule.examples.pass_)):
                for number, example in enumerate(examples):
                    found = {hit.rule.id for hit in matcher.find(mask_inline(example))}
                    place = book.example_places.get((rule.id, kind, number), rule.id)
                    if kind == "flag" and rule.id not in found:
                        problems.append(
                            f"{place}: rule {rule.id}: this example is not flagged — expected the rule to find it "
                            "(check its terms, only_near words and exceptions)"
                        )
                    if kind == "pass" and rule.id in found:
                        problems.append(
                            f"{place}: rule {rule.id}: this example is flagged — expected it to pass "
                            "(add an exception or unless_near word, or narrow the terms)"
                        )
    return problems
