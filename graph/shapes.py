"""The shape of parsed YAML values, in the words a message shows a user.

Shared by the record reader (:mod:`graph.load`) and the schema reader
(:mod:`graph.schema`).
"""

from __future__ import annotations

__all__ = ["is_text", "is_text_list", "kind", "short"]


def kind(value: object) -> str:
    """What ``value`` is, for a message ("got a list").

    >>> kind([1]), kind(None), kind(True), kind(2.5)
    ('a list', 'nothing', 'a boolean', 'a number')
    """
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def is_text(value: object) -> bool:
    """True for text that is not blank."""
    return isinstance(value, str) and value.strip() != ""


def is_text_list(value: object) -> bool:
    """True for a list whose items are all non-blank text."""
    return isinstance(value, list) and all(is_text(v) for v in value)


def short(value: object, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters, for a message.

    >>> short("x" * 100, 10)
    "'xxxxxxxx…"
    """
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
