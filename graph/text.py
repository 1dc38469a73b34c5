"""Text from data or a URL, made safe to show; and the grammar every generated sentence uses.

Streamlit renders Markdown (and ``$…$`` math, ``:colour[…]`` directives), so
every label, alias, description or URL value shown by the app goes through
:func:`md`; notices quoting user input go through :func:`quote`.

Sentences are generated, not glued: a node's label carries its grammar in the
data (``number``: singular, plural or mass; ``article``: a, an, the or none), and
:func:`noun`, :func:`agree`, :func:`member_of`, :func:`condition` and
:func:`count_words` turn it into "a hip fracture", "hip alignment issues, which
include …", "poor posture, one kind of alignment issue" and "three cause groups".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

__all__ = [
    "a_or_an",
    "agree",
    "capitalize",
    "clean_text",
    "condition",
    "count",
    "count_words",
    "escape_markdown",
    "is_plural",
    "join_words",
    "md",
    "member_of",
    "noun",
    "number_of",
    "quote",
]


def clean_text(value: object, limit: int = 80) -> str:
    """User-supplied text made safe to quote in a notice: printable, one line, short.

    >>> clean_text("a\\nb\\tc"), clean_text("x" * 12, 10)
    ('a b c', 'xxxxxxxxx…')
    """
    text = value if isinstance(value, str) else repr(value)
    text = " ".join(text.split())
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else "�" for ch in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


MARKDOWN_SPECIAL = "\\`*_{}[]()#+-.!|<>~&"
# Every line break Markdown or a browser may honour: a field never starts a new line
# (a section "Setext\r===" would otherwise make the line above it a heading).
_LINE_BREAKS = str.maketrans(dict.fromkeys("\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029", " "))


def escape_markdown(text: str, extra: str = "") -> str:
    """Escape every Markdown (and HTML) character, so text from data shows literally and nothing loads.

    ``&`` is escaped too (``&amp;`` stays ``&amp;``, not ``&``), and every line break
    becomes a space, so a field stays on its own line. ``extra`` adds characters a
    particular renderer also acts on (Streamlit: ``$`` and ``:``).

    >>> escape_markdown("<img src=x onerror=alert(1)>")
    '\\\\<img src=x onerror=alert\\\\(1\\\\)\\\\>'
    >>> escape_markdown("Setext\\r===\\rR&amp;D")
    'Setext === R\\\\&amp;D'
    """
    special = MARKDOWN_SPECIAL + extra
    return "".join("\\" + ch if ch in special else ch for ch in text.translate(_LINE_BREAKS))


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


# --- grammar -------------------------------------------------------------------------

WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_MODAL = {"can", "may", "might", "will", "would", "should", "must", "could"}
_IRREGULAR = {"is": "are", "was": "were", "has": "have", "does": "do"}


def capitalize(text: str) -> str:
    """Upper-case the first letter only ("hip pain" -> "Hip pain"; "MRI" stays).

    >>> capitalize("hip pain"), capitalize("MRI scan"), capitalize("")
    ('Hip pain', 'MRI scan', '')
    """
    return text[:1].upper() + text[1:]


def count_words(n: int, one: str, many: str | None = None) -> str:
    """A count in words for small numbers, in figures above twelve.

    >>> count_words(3, "cause group"), count_words(1, "cause"), count_words(0, "cause"), count_words(14, "cause")
    ('three cause groups', 'one cause', 'no causes', '14 causes')
    """
    word = WORDS[n] if 0 <= n < len(WORDS) else str(n)
    return f"{word} {one if n == 1 else (many or one + 's')}"


def join_words(items: Sequence[str], last: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c``.

    >>> join_words(["a"]), join_words(["a", "b"]), join_words(["a", "b", "c"], "or")
    ('a', 'a and b', 'a, b or c')
    """
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def _data(G: Any, node: str) -> dict[str, Any]:
    return dict(G.nodes[node])


def number_of(G: Any, node: str) -> str:
    """``singular``, ``plural`` or ``mass``: how a verb agrees with the node's label (data, default singular)."""
    return str(_data(G, node).get("number") or "singular")


def is_plural(G: Any, node: str) -> bool:
    """Whether a verb after the node's label takes the plural ("tight hip flexors are")."""
    return number_of(G, node) == "plural"


def a_or_an(word: str) -> str:
    """A common noun with its indefinite article, by its first letter (type names: "a cause", "an umbrella").

    >>> a_or_an("cause"), a_or_an("injury")
    ('a cause', 'an injury')
    """
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


def noun(G: Any, node: str, *, start: bool = False, label: str | None = None) -> str:
    """The node's label as a noun phrase, with the article its data gives ("a hip fracture").

    ``start`` capitalizes it for the start of a sentence; ``label`` replaces the label
    (e.g. escaped text) but keeps the article.
    """
    data = _data(G, node)
    text = data["label"] if label is None else label
    article = data.get("article") or "none"
    phrase = text if article == "none" else f"{article} {text}"
    return capitalize(phrase) if start else phrase


def agree(phrase: str, plural: bool) -> str:
    """A verb phrase written for a singular subject, agreeing with a plural one.

    >>> agree("is caused by", True), agree("includes", True), agree("can cause", True), agree("causes", False)
    ('are caused by', 'include', 'can cause', 'causes')
    >>> agree("advises against", True), agree("worsens", True), agree("takes part in", True)
    ('advise against', 'worsen', 'take part in')
    """
    if not plural or not phrase:
        return phrase
    verb, _, rest = phrase.partition(" ")
    if verb in _MODAL:
        return phrase
    if verb in _IRREGULAR:
        verb = _IRREGULAR[verb]
    elif verb.endswith("ies"):
        verb = verb[:-3] + "y"
    elif verb.endswith(("shes", "ches", "sses", "xes", "zes")):
        verb = verb[:-2]
    elif verb.endswith("s") and not verb.endswith("ss"):
        verb = verb[:-1]
    return f"{verb} {rest}" if rest else verb


def member_of(G: Any, group: str, label: str | None = None) -> str:
    """How a member is said to be in ``group``: "one of the muscle imbalances", "one kind of poor posture".

    ``label`` replaces the group's label (e.g. escaped text).
    """
    text = _data(G, group)["label"] if label is None else label
    return f"one of the {text}" if is_plural(G, group) else f"one kind of {text}"


def chain_step(G: Any, edge_types: Any, node: str, text: str) -> str:
    """One step of a chain read from the cause, to ``node`` (written ``text``: its label, escaped or
    linked) over edges of ``edge_types``: `` → text`` (→ = leads to), or the step's own words where
    its type says so (``, which can show as text``: a symptom's form is not what it leads to)."""
    from .schema import schema_of

    phrase = schema_of(G).chain_words(edge_types)
    return f", {phrase} {noun(G, node, label=text)}" if phrase else f" → {text}"


def condition(when: str | None, esc: Any = str) -> str:
    """A condition the article puts on a relation, as it follows the relation: `` (in some cases)``.

    The data writes each condition once, as a clause that reads after the relation
    ("in severe cases where …", "if …"); nothing is put before it.

    >>> condition("in some cases"), condition(None), condition("  when  severe ")
    (' (in some cases)', '', ' (when severe)')
    """
    text = " ".join((when or "").split())
    return f" ({esc(text)})" if text else ""
