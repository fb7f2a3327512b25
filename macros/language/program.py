"""A large regular expression compiled once and kept, so that a run of `podium check` skips the parse.

Python cannot store a compiled expression (pickle stores its text and compiles it again), and
parsing the expression that holds every term of a language is the largest single cost of
starting the checker. What Python's compiler makes of the text, the program the regex engine
runs, is plain data: it is made once when the rule cache is built and handed back to the engine
on the next run.

The program belongs to the Python version that made it: the rule cache's fingerprint includes
the version, so another version never sees it, and if the engine refuses it anyway the text is
compiled as usual. The result is the same expression either way.
"""

from __future__ import annotations

import re
import sys
from array import array


def make_program(source: str, parsed=None) -> tuple | None:
    """The engine's program for ``source`` (no flags), or None where this Python does not offer it.
    ``parsed``: a parse tree of an expression that matches exactly as ``source`` does, written so
    that the engine runs it faster (``prefilter.spread_alternatives``)."""
    try:
        from re import _compiler, _parser

        parsed = parsed if parsed is not None else _parser.parse(source, 0)
        # some words are named constants; an array of plain numbers loads far faster than a list
        code = array("I", [int(word) for word in _compiler._code(parsed, 0)])
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        return (sys.version, parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    except (ImportError, AttributeError, TypeError, OverflowError):
        return None


def compile_program(source: str, program: tuple | None) -> re.Pattern:
    """``re.compile(source)``, from its stored program when there is one made by this Python."""
    if program is not None and program[0] == sys.version:
        try:
            import _sre

            flags, code, *rest = program[1:]
            return _sre.compile(source, flags, code.tolist(), *rest)
        except (ImportError, AttributeError, TypeError, ValueError, RuntimeError):
            pass
    return re.compile(source)
