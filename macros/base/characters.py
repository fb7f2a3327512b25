"""Characters that must not hide in the data: control characters and invisible formatting marks.

A right-to-left override makes a text or a web address read differently from what it is; a
zero-width space splits a word so that search and the language rules miss it; NUL and ESC can
break the files Podium writes. None of them belongs in the texts or addresses of a commitment
site, and none can be seen in an editor, so each is refused by name.
"""
from __future__ import annotations

import unicodedata

# Names in everyday words for the characters people meet most; others are named by category.
NAMES = {
    0x00: "a null character", 0x1B: "an escape character", 0x0D: "a carriage return",
    0x7F: "a delete character", 0xAD: "a soft hyphen", 0x061C: "an Arabic letter mark",
    0x200B: "a zero-width space", 0x200C: "a zero-width non-joiner", 0x200D: "a zero-width joiner",
    0x200E: "a left-to-right mark", 0x200F: "a right-to-left mark",
    0x2028: "a line separator", 0x2029: "a paragraph separator",
    0x202A: "a left-to-right embedding", 0x202B: "a right-to-left embedding",
    0x202C: "a pop directional formatting", 0x202D: "a left-to-right override",
    0x202E: "a right-to-left override", 0x2060: "a word joiner",
    0x2066: "a left-to-right isolate", 0x2067: "a right-to-left isolate",
    0x2068: "a first-strong isolate", 0x2069: "a pop directional isolate",
    0xFEFF: "a zero-width no-break space (byte order mark)",
}
# Letters and marks that show nothing at all, often used to hide text (fillers, joiners).
BLANK_LOOKING = frozenset({0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0})
ALLOWED_CONTROLS = frozenset("\t\n")


def is_hidden(char: str) -> bool:
    """A control character (except tab and line break), a format mark, a separator or a blank letter."""
    if char in ALLOWED_CONTROLS:
        return False
    return unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp") or ord(char) in BLANK_LOOKING


def describe(char: str) -> str:
    """'a right-to-left override (U+202E)'."""
    code = ord(char)
    if code in NAMES:
        name = NAMES[code]
    elif unicodedata.category(char) == "Cc":
        name = "a control character"
    else:
        name = "an invisible character"
    return f"{name} (U+{code:04X})"


def first_hidden(text: str) -> int | None:
    """The index of the first hidden character in `text`, or None."""
    return next((i for i, char in enumerate(text) if is_hidden(char)), None)


def hidden_message(text: str, index: int) -> str:
    """What is wrong, with a few visible characters before it so the editor can find the place."""
    before = "".join(c for c in text[max(0, index - 24):index] if not is_hidden(c)).lstrip()
    where = f"after “{before}”" if before else "at the start"
    return f"the text contains {describe(text[index])} {where}; it cannot be seen but changes the text"


HIDDEN_EXPECTED = "delete it (it often comes along when text is copied from another program)"
