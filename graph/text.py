"""Text from data or a URL, made safe to show: one printable line, Markdown inert.

Streamlit renders Markdown (and ``$…$`` math, ``:colour[…]`` directives), so
every label, alias, description or URL value shown by the app goes through
:func:`md`; notices quoting user input go through :func:`quote`.
"""

from __future__ import annotations

import unicodedata

from .export import escape_markdown

__all__ = ["clean_text", "count", "md", "quote"]


def clean_text(value: object, limit: int = 80) -> str:
    """User-supplied text made safe to quote in a notice: printable, one line, short.

    >>> clean_text("a\\nb\\tc"), clean_text("x" * 12, 10)
    ('a b c', 'xxxxxxxxx…')
    """
    text = value if isinstance(value, str) else repr(value)
    text = " ".join(text.split())
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else "�" for ch in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def md(text: str) -> str:
    """Escaped text on one line, with Streamlit's ``$`` (math) and ``:`` (``:colour[…]``) escaped too.

    >>> md("<img src=x onerror=alert(1)>")
    '\\\\<img src=x onerror=alert\\\\(1\\\\)\\\\>'
    """
    return escape_markdown(text.replace("\n", " "), extra="$:")


def quote(value: object, limit: int = 80) -> str:
    """User input, cleaned (one printable line, short) and escaped, for a notice."""
    return md(clean_text(value, limit))


def count(n: int, one: str, many: str | None = None) -> str:
    """A count in words, never "path(s)".

    >>> count(1, "path"), count(3, "path"), count(0, "question"), count(2, "body", "bodies")
    ('1 path', '3 paths', '0 questions', '2 bodies')
    """
    return f"{n} {one if n == 1 else (many or one + 's')}"
