"""Showing text from data safely: Streamlit renders Markdown, so we escape it."""

from __future__ import annotations

from graph.export import escape_markdown
from graph.state import clean_text

__all__ = ["md", "quote"]


def md(text: str) -> str:
    """Escaped text on one line, with Streamlit's ``$`` (math) and ``:`` (``:colour[…]``) escaped too.

    >>> md("<img src=x onerror=alert(1)>")
    '\\\\<img src=x onerror=alert\\\\(1\\\\)\\\\>'
    """
    return escape_markdown(text.replace("\n", " "), extra="$:")


def quote(value: object, limit: int = 80) -> str:
    """User input, cleaned (one printable line, short) and escaped, for a notice."""
    return md(clean_text(value, limit))
