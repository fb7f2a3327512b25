"""Fill in the macro lines of a page, and refuse every line that looks like one but is wrong.

Editors write prose. A line that holds nothing but `{{ … }}`, such as `{{ goals_by_pillar() }}` or
`{{ member_page("stadsmuseum") }}`, is a macro line: it must name a macro this build offers, with
the values that macro takes, or it is an error at its line with a suggestion. Otherwise a typo
would be published as raw text and the data would be missing from the page. A known macro inside
a sentence is an error too. Other braces (`{{ name }}` inside a sentence, `{%`, Material's `{#id}`)
and everything inside code stay text. Values may only be plain (text, numbers, yes/no), so a page
cannot run code. Filling the calls in directly also spares compiling every page as a Jinja
template, which was most of what the macros cost in a build.
"""
from __future__ import annotations

import ast
import difflib
import inspect
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from ..model.errors import Problem

LINE = re.compile(r"^(?P<indent>[ \t]*)\{\{(?!\{)(?P<inner>.*)(?<!\})\}\}[ \t]*$", re.MULTILINE)
INLINE = re.compile(r"\{\{(?P<inner>.*?)\}\}")
# A line that is only a call between braces that are not exactly two on each side: `{ why() }`.
BRACES = re.compile(r"^[ \t]*(?P<open>\{+)\s*[A-Za-z_]\w*\s*\(.*\)\s*(?P<close>\}*)[ \t]*$", re.MULTILINE)
NAME = re.compile(r"\s*(?P<name>[A-Za-z_]\w*)")
FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")

# The values editors give by id: the parameter name, what it is in words, and the data file.
ID_PARAMETERS = {
    "org_id": ("organisation", "data/organisations.yml"),
    "group_id": ("group", "data/groups.yml"),
    "kpi_id": ("KPI", "data/kpis.yml or a target in data/procurement.yml"),
    "goal_id": ("goal", "data/goals.yml"),
    "partner_id": ("partner", "data/partners.yml"),
}


@dataclass(frozen=True)
class Catalog:
    """What a page of this build may call: each macro's values as editors see them, and the known ids."""

    macros: dict[str, tuple[inspect.Parameter, ...]]
    elsewhere: dict[str, str] = field(default_factory=dict)   # macro name → why it is not offered here
    ids: dict[str, tuple[str, ...]] = field(default_factory=dict)  # parameter name → the ids it accepts


def catalog(fragments: dict[str, Callable[..., str]], ids: dict[str, tuple[str, ...]],
            elsewhere: dict[str, str] | None = None) -> Catalog:
    """The editor's view of `fragments`: the values after the data and page context (the first two
    parameters), which the build passes itself."""
    shown = {name: tuple(list(inspect.signature(fn).parameters.values())[2:]) for name, fn in fragments.items()}
    return Catalog(shown, dict(elsewhere or {}), ids)


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def without_code(markdown: str) -> str:
    """`markdown` with fenced code blocks and code spans blanked out, lines and columns kept."""
    lines, fence = [], ""
    for line in markdown.split("\n"):
        opened = FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            lines.append(" " * len(line))
        elif opened:
            fence = opened.group(1)
            lines.append(" " * len(line))
        else:
            lines.append(CODE_SPAN.sub(_blank, line))
    return "\n".join(lines)


def _describe(param: str) -> str:
    noun = ID_PARAMETERS.get(param, (param.replace("_", " "),))[0]
    return f"the id of {'an' if noun[0] in 'aeiouAEIOU' else 'a'} {noun}"


def _example(name: str, cat: Catalog) -> str:
    values = []
    for param in cat.macros.get(name, ()):
        if param.default is inspect.Parameter.empty:
            known = cat.ids.get(param.name, ())
            values.append(f'"{known[0]}"' if known else f'"{param.name}"')
    return "{{ " + f"{name}({', '.join(values)})" + " }}"


def _count(n: int) -> str:
    return {0: "no values", 1: "one value"}.get(n, f"{n} values")


def _unknown_macro(name: str, cat: Catalog) -> tuple[str, str]:
    if name in cat.elsewhere:
        return cat.elsewhere[name], "remove this line"
    known = sorted(cat.macros)
    lowered = {k.lower(): k for k in known}
    close = difflib.get_close_matches(name.lower(), list(lowered), n=1, cutoff=0.6)
    if close:
        return f"there is no macro called '{name}'", f"did you mean {_example(lowered[close[0]], cat)}?"
    return f"there is no macro called '{name}'", "one of: " + ", ".join(known)


@dataclass(frozen=True)
class _Call:
    name: str
    args: list
    kwargs: dict


class _Wrong(Exception):
    """A macro line that cannot be filled in: where in the call (0-based), what and what is expected."""

    def __init__(self, offset: int, message: str, expected: str):
        super().__init__(message)
        self.offset, self.message, self.expected = offset, message, expected


def _plain(node: ast.expr, name: str, cat: Catalog) -> Any:
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        raise _Wrong(node.col_offset, "a macro only takes plain values here: text in quotes, a number, "
                     "true or false", f"for example {_example(name, cat)}") from None


def _bind(call: ast.Call, name: str, cat: Catalog) -> _Call:
    params = cat.macros[name]
    names = [p.name for p in params]
    if any(isinstance(arg, ast.Starred) for arg in call.args) or any(kw.arg is None for kw in call.keywords):
        raise _Wrong(call.col_offset, "a macro only takes plain values, one by one",
                     f"for example {_example(name, cat)}")
    if len(call.args) > len(params):
        extra = call.args[len(params)]
        takes = ", ".join(_describe(p.name) for p in params)
        raise _Wrong(extra.col_offset, f"{name}() takes {_count(len(params))}"
                     f"{f' ({takes})' if takes else ''}, but this line gives {len(call.args)}",
                     f"write {_example(name, cat)}")
    given: dict[str, tuple[Any, ast.expr]] = {}
    for param, node in zip(names, call.args):
        given[param] = (_plain(node, name, cat), node)
    for kw in call.keywords:
        if kw.arg not in names:
            close = difflib.get_close_matches(kw.arg, names, n=1, cutoff=0.5)
            hint = f"did you mean '{close[0]}'?" if close else \
                (f"{name}() takes: {', '.join(names)}" if names else f"write {_example(name, cat)}")
            raise _Wrong(kw.col_offset, f"'{kw.arg}' is not a value that {name}() knows", hint)
        if kw.arg in given:
            raise _Wrong(kw.col_offset, f"{_describe(kw.arg)} is given twice", f"write {_example(name, cat)}")
        given[kw.arg] = (_plain(kw.value, name, cat), kw.value)
    for param in params:
        if param.name not in given and param.default is inspect.Parameter.empty:
            raise _Wrong(call.col_offset, f"{name}() needs {_describe(param.name)}", f"write {_example(name, cat)}")
    for param, (value, node) in given.items():
        _check_id(param, value, node, cat)
    return _Call(name, [given[n][0] for n in names[:len(call.args)]],
                 {kw.arg: given[kw.arg][0] for kw in call.keywords})


def _check_id(param: str, value: Any, node: ast.expr, cat: Catalog) -> None:
    if param not in ID_PARAMETERS or value is None:
        return
    noun, source = ID_PARAMETERS[param]
    known = cat.ids.get(param, ())
    if not isinstance(value, str):
        raise _Wrong(node.col_offset, f"{_describe(param)} is written as text in quotes",
                     f'for example "{known[0]}"' if known else "put the id in quotes")
    if value not in known:
        close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
        raise _Wrong(node.col_offset, f"there is no {noun} with the id '{value}'",
                     f"did you mean '{close[0]}'?" if close else f"the id of a {noun} in {source}")


def check_call(inner: str, cat: Catalog) -> _Call:
    """The call between `{{` and `}}`, checked against the catalog; raises _Wrong when it is not right."""
    lead = len(inner) - len(inner.lstrip())
    source = inner.strip()
    named = NAME.match(source)
    try:
        node = ast.parse(source, mode="eval").body
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        node = None
    if named and named.group("name") not in cat.macros:
        message, expected = _unknown_macro(named.group("name"), cat)
        raise _Wrong(lead, message, expected)
    if named and isinstance(node, ast.Name):
        raise _Wrong(lead, "a macro needs brackets after its name", f"write {_example(node.id, cat)}")
    if not named or not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
        raise _Wrong(lead, "this line looks like a macro but cannot be read: check the brackets and the "
                     "quotes around each value", f"for example {_example(named.group('name'), cat)}"
                     if named else "a macro line such as {{ goals_by_pillar() }}, or remove the braces")
    try:
        return _bind(node, node.func.id, cat)
    except _Wrong as wrong:
        wrong.offset += lead
        raise


@dataclass(frozen=True)
class MacroLine:
    line: int      # 1-based, in the Markdown given
    column: int    # 1-based, of the `{{`
    text: str      # the whole `{{ … }}`
    inner: str
    span: tuple[int, int]  # where the whole line stands in the Markdown


def macro_lines(markdown: str) -> Iterator[MacroLine]:
    """Every line of `markdown` (outside code) that holds only `{{ … }}`."""
    for found in LINE.finditer(without_code(markdown)):
        line = markdown.count("\n", 0, found.start()) + 1
        start = found.start() + len(found.group("indent"))
        yield MacroLine(line, len(found.group("indent")) + 1, markdown[start:found.end()].rstrip(),
                        markdown[found.start("inner"):found.end("inner")], found.span())


def _inline_calls(masked: str) -> Iterator[tuple[int, int, str]]:
    """(line, column, name) of each `{{ name… }}` inside a line that holds more than the call."""
    for number, text in enumerate(masked.split("\n"), start=1):
        if LINE.fullmatch(text):
            continue
        for found in INLINE.finditer(text):
            named = NAME.match(found.group("inner"))
            if named:
                yield number, found.start() + 1, named.group("name")


def macro_problems(markdown: str, cat: Catalog, path: str, first_line: int = 1) -> list[Problem]:
    """Every macro line that cannot be filled in, every known macro inside a sentence and every call
    between the wrong number of braces; `first_line` is the file's line number of the Markdown's first line."""
    problems = []
    for call in macro_lines(markdown):
        try:
            check_call(call.inner, cat)
        except _Wrong as wrong:
            problems.append(Problem(path, call.line + first_line - 1, call.column + 2 + wrong.offset,
                                    wrong.message, wrong.expected))
    masked = without_code(markdown)
    for line, column, name in _inline_calls(masked):
        if name in cat.macros or name in cat.elsewhere:
            problems.append(Problem(path, line + first_line - 1, column, f"the macro {name}() is inside a sentence",
                                    "put the macro on a line of its own, with nothing else on it"))
    for found in BRACES.finditer(masked):
        if (len(found.group("open")), len(found.group("close"))) != (2, 2):
            line = markdown.count("\n", 0, found.start()) + 1
            problems.append(Problem(path, line + first_line - 1, found.start("open") - found.start() + 1,
                                    "this line looks like a macro, but its braces are not right",
                                    "write two braces on each side, for example {{ goals_by_pillar() }}"))
    return problems


def _parse(inner: str) -> _Call | None:
    """The name and plain values of a call, or None when `inner` is not one."""
    try:
        node = ast.parse(inner.strip(), mode="eval").body
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)) \
                or any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
            return None
        return _Call(node.func.id, [ast.literal_eval(a) for a in node.args],
                     {k.arg: ast.literal_eval(k.value) for k in node.keywords})
    except (SyntaxError, ValueError, TypeError, MemoryError, RecursionError):
        return None


def expand(markdown: str, macros: dict[str, Callable[..., str]]) -> tuple[str, list[str]]:
    """The page with each well-formed macro line of `macros` replaced by its HTML, and a message per
    line whose macro failed while filling in. Lines that are wrong stay as they are: `macro_problems`
    reports them and stops the build."""
    problems: list[str] = []
    parts, done = [], 0
    for line in macro_lines(markdown):
        call = _parse(line.inner)
        if call is None or call.name not in macros:
            continue
        try:
            html = macros[call.name](*call.args, **call.kwargs).rstrip("\n")
        except Exception as error:  # noqa: BLE001 - every failure is reported at its line
            problems.append(f"line {line.line}: `{line.text}` could not be filled in "
                            f"({type(error).__name__}: {error})")
            html = ""
        parts += [markdown[done:line.span[0]], html]
        done = line.span[1]
    parts.append(markdown[done:])
    return "".join(parts), problems



def known_ids(ds: Any) -> dict[str, tuple[str, ...]]:
    """The ids each id value of a macro accepts, from the validated data (procurement targets are KPIs too)."""
    targets = ds.procurement.targets
    return {"org_id": tuple(o.id for o in (ds.collective, *ds.members)),
            "group_id": tuple(g.id for g in ds.groups),
            "kpi_id": (*(k.id for k in ds.kpis), *(t.id for t in targets)),
            "goal_id": tuple(g.id for g in ds.goals),
            "partner_id": tuple(p.id for p in ds.partners)}
