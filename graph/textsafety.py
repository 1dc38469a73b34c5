"""Readable text: the rules every text the loader takes must follow.

Everything the loader takes is text a person can read, the same in every tool:

* no control characters (C0, DEL, C1): they retitle or clear a terminal and make
  GraphML ill-formed; a description may hold line breaks and tabs (they are folded
  into spaces on load);
* one-line fields (ids, labels, aliases, sections, headings, the title, schema labels
  and phrases) hold no line break of any kind (a `Setext\\r===` section made a Markdown
  heading), no bidi embedding, override or isolate (U+202A-U+202E, U+2066-U+2069:
  they reorder what a terminal shows) and no zero-width or other invisible format
  character (U+200B-U+200F, U+2060, U+FEFF, soft hyphen, ...: Unicode category Cf),
  so two names that look the same are the same text. (This rules out emoji joined by
  U+200D and Persian U+200C inside names; descriptions may hold them.)
* no surrogates or noncharacters (U+FFFE, U+FFFF, ...): not characters at all;
* everything is normalised to NFC, so a name typed either way finds the same node.
"""

from __future__ import annotations

import re
import unicodedata

from .errors import Problem

__all__ = ["FORMAT_CHARACTERS", "MAX_ONE_LINE", "check_text", "text_problem"]

MAX_ONE_LINE = 200  # headings and the title, like labels and aliases (build.MAX_LABEL)

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
_NOT_TEXT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")
_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Unicode's format characters (category Cf, Unicode 14), written out so importing stays fast;
# a test checks the list against the running Python's unicodedata.
FORMAT_CHARACTERS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_NOT_ONE_LINE = re.compile(f"[\t{FORMAT_CHARACTERS}]")


def text_problem(value: str, one_line: bool) -> str | None:
    """Why ``value`` is not readable text for its field, or None.

    >>> text_problem("Knee pain", one_line=True) is None
    True
    >>> text_problem("Knee\\npain", one_line=True)
    'holds a line break (U+000A; expected one line)'
    """
    if one_line and (m := _LINE_BREAK.search(value)):
        return f"holds a line break (U+{ord(m.group()):04X}; expected one line)"
    if m := _NOT_TEXT.search(value):
        cp = ord(m.group())
        if 0xD800 <= cp <= 0xDFFF or cp >= 0xFDD0:
            return f"holds U+{cp:04X}, which is not a character"
        allowed = "" if one_line else "; a description may hold line breaks and tabs"
        return f"holds control character U+{cp:04X} (expected readable text{allowed})"
    if one_line and (m := _NOT_ONE_LINE.search(value)):
        cp = ord(m.group())
        if cp == 0x09:
            return "holds a tab (expected one line of text; use a space)"
        return f"holds invisible format character U+{cp:04X} (expected visible text: no bidi or zero-width controls)"
    return None


def check_text(
    value: str,
    what: str,
    where: tuple[str, int | None],
    problems: list[Problem],
    *,
    one_line: bool = True,
    limit: int | None = None,
) -> str:
    """``value`` in NFC; a problem ``what holds ...`` is added when it is not readable text.

    The value is returned even then, so one defect is reported once (the dataset is
    refused because of the problem).
    """
    why = text_problem(value, one_line)
    if why is not None:
        problems.append(Problem(*where, f"{what} {why}"))
    elif limit is not None and len(value) > limit:
        problems.append(Problem(*where, f"{what} is longer than {limit} characters"))
    return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)
