"""In-place suppression: ``<!-- podium-ignore RULE-ID: reason -->`` in Markdown (before a
block) and ``# podium-ignore RULE-ID: reason`` in YAML (before or beside an entry).

A suppression without a reason, or with a reason that is not a real sentence ("." or "ok"),
is itself an error and suppresses nothing; one that suppresses nothing is a warning, so that
old comments do not pile up unnoticed.
"""

from __future__ import annotations

import re

from .markdown import scan_markdown
from .findings import Flag, InputError
from .segments import Blocks, Directive

WITHOUT_REASON = "suppression-without-reason"
MIN_REASON_WORDS = 2
_REASON_WORD = re.compile(r"[^\W\d_]{2,}")
UNUSED = "unused-suppression"
CATEGORY = "suppression"


def apply_suppressions(flags: list[Flag], directives: list[Directive], blocks: Blocks, known_rules: frozenset[str]) -> list[Flag]:
    """Drop the flags a directive covers; add flags for directives that are incomplete or unused."""
    if not directives:
        return flags
    used: set[tuple[int, str]] = set()
    kept: list[Flag] = []
    valid = [directive if real_reason(directive.reason) else directive._replace(rule_ids=()) for directive in directives]
    for flag in flags:
        number = _covering(flag, valid, blocks)
        if number is None:
            kept.append(flag)
        else:
            used.add((number, flag.rule))
    for number, directive in enumerate(directives):
        kept.extend(_problems(directive, number, used, known_rules))
    return kept


def _covering(flag: Flag, directives: list[Directive], blocks: Blocks) -> int | None:
    if flag.block is None:
        return None
    for number, directive in enumerate(directives):
        if flag.rule in directive.rule_ids and any(blocks.within(flag.block, block) for block in directive.blocks):
            return number
    return None


def _problems(directive: Directive, number: int, used: set[tuple[int, str]], known_rules: frozenset[str]) -> list[Flag]:
    def flag(rule: str, severity: str, message: str) -> Flag:
        return Flag(directive.start, directive.end, rule, CATEGORY, severity, message)

    if directive.inline:
        return [flag(UNUSED, "warning", "This podium-ignore stands inside a paragraph, so it ignores nothing. "
                     "Put it on a line of its own, directly before the paragraph, list item, heading or table.")]
    if not directive.rule_ids:
        return [flag(UNUSED, "warning", "This podium-ignore names no rule, so it ignores nothing. "
                     "Write the rule id and a reason, e.g. podium-ignore nl-slaaf: quotation from an archive record.")]
    found: list[Flag] = []
    ids = ", ".join(directive.rule_ids)
    if not directive.reason:
        found.append(flag(WITHOUT_REASON, "error", f"This podium-ignore for {ids} gives no reason, so it ignores nothing. "
                          f"Add one after a colon, e.g. podium-ignore {ids}: quotation from an archive record."))
        return found
    if not real_reason(directive.reason):
        found.append(flag(WITHOUT_REASON, "error", f"The reason of this podium-ignore for {ids} (“{directive.reason}”) "
                          f"is not a sentence, so it ignores nothing. Explain in at least {MIN_REASON_WORDS} words why "
                          f"the wording is right here, e.g. podium-ignore {ids}: quotation from an archive record."))
        return found
    for rule_id in directive.rule_ids:
        if rule_id not in known_rules:
            found.append(flag(UNUSED, "warning", f"podium-ignore names '{rule_id}', which is not a rule. "
                              "Check the spelling against data/language/nl.yml, en.yml or the guide page."))
        elif (number, rule_id) not in used:
            found.append(flag(UNUSED, "warning", f"This podium-ignore for {rule_id} is not needed: the block after it "
                              f"has no {rule_id} finding. Remove it, or move it to the line before the block it is for."))
    return found


def real_reason(reason: str) -> bool:
    """Whether a suppression's reason says something: at least a few words made of letters."""
    return len(_REASON_WORD.findall(reason)) >= MIN_REASON_WORDS


def strip_suppressions(markdown: str) -> str:
    """``markdown`` without its ``<!-- podium-ignore ... -->`` comments, for publishing.

    A comment on a line of its own disappears with its line. (Python-Markdown reads such a
    line inside a paragraph as inline HTML, so without it the page renders exactly as before.)
    """
    if "podium-ignore" not in markdown:
        return markdown
    try:
        directives = scan_markdown(markdown).directives
    except InputError:
        directives = scan_markdown(markdown, front_matter=False).directives
    result = markdown
    for directive in sorted(directives, key=lambda item: item.start, reverse=True):
        if result.startswith("<!--", directive.start):
            result = _cut(result, directive.start, directive.end)
    return result


def _cut(text: str, start: int, end: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    if text[line_start:start].strip() or text[end:line_end].strip():
        return text[:start] + text[end:]
    return text[:line_start] + text[line_end + 1 :]
