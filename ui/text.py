"""Showing text from data safely: Streamlit renders Markdown, so we escape it."""

from __future__ import annotations

from graph.state import clean_text

__all__ = ["md", "quote"]

_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$:")


def md(text: str) -> str:
    """Escape every Markdown (and HTML) character, so data shows literally and nothing loads.

    >>> md("<img src=x onerror=alert(1)>")
    '\\\\<img src=x onerror=alert\\\\(1\\\\)\\\\>'
    """
    return "".join("\\" + ch if ch in _SPECIAL else ch for ch in text.replace("\n", " "))


def quote(value: object, limit: int = 80) -> str:
    """User input, cleaned (one printable line, short) and escaped, for a notice."""
    return md(clean_text(value, limit))
