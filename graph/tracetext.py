"""The grouped trace as text: plain lines for the terminal, Markdown for notes and the app.

One layout for every reader: the symptom, what the article says in general, then
each cause group in the article's order with its own care, its causes, every
chain by which each reaches the symptom, and what finds, treats and prevents it.
Group-level and general care is labelled as such; a condition follows its item.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from itertools import pairwise

import networkx as nx

from .explain import capitalize
from .export import escape_markdown
from .grouped import CARE_KEYS, Care, CareItem, GroupedTrace
from .text import count

__all__ = ["CARE_TITLES", "chain_text", "item_text", "trace_lines", "trace_markdown"]

CARE_TITLES = {"find": "find", "treat": "treat", "prevent": "prevent"}
ROLE_OF_KEY = dict(CARE_KEYS)


def _keys(care: Collection[str] | None) -> list[str]:
    """Care keys to show; ``care`` lists roles (``diagnostic``, ``treatment``, ``prevention``) or keys."""
    return [k for k, r in CARE_KEYS if care is None or k in care or r in care]


def item_text(item: CareItem, esc: Callable[[str], str] = str) -> str:
    """``label (condition) [Section]``."""
    when = f" ({esc(item.when)})" if item.when else ""
    return f"{esc(item.label)}{when} [{esc(item.section)}]"


def chain_text(G: nx.MultiDiGraph, chain: tuple[str, ...], esc: Callable[[str], str] = str) -> str:
    """A chain read from the cause: ``a → b → symptom``; a step into a group reads ``, one of the group``."""
    grouping = set(G.graph["schema"].edge_types_with_role("grouping"))
    parts = [esc(G.nodes[chain[0]]["label"])]
    for a, b in pairwise(chain):
        edges = G[a].get(b, {})
        joined_by_group = any(k in grouping for k in edges)
        when = next((d["when"] for d in edges.values() if d.get("when")), None)
        parts.append((", one of the " if joined_by_group else " → ") + esc(G.nodes[b]["label"]))
        if when:
            parts.append(f" ({esc(when)})")
    return "".join(parts)


def _care_lines(care: Care, keys: list[str], indent: str, lead: str, esc: Callable[[str], str]) -> list[str]:
    lines = []
    for key in keys:
        items = getattr(care, key)
        if items:
            lines.append(f"{indent}{lead}{CARE_TITLES[key]}: " + "; ".join(item_text(i, esc) for i in items))
    return lines


def trace_lines(G: nx.MultiDiGraph, t: GroupedTrace, *, care: Collection[str] | None = None) -> list[str]:
    """The grouped trace as plain text lines (for the terminal).

    ``care`` keeps only some kinds of care (``find``/``treat``/``prevent`` or the roles).
    """
    return _render(G, t, _keys(care), str, markdown=False)


def trace_markdown(
    G: nx.MultiDiGraph, t: GroupedTrace, *, care: Collection[str] | None = None, extra: str = "", top: int = 1
) -> str:
    """The grouped trace as Markdown (text from data escaped), for notes, exports and the app.

    ``extra`` adds characters a renderer also acts on (Streamlit: ``$:``); ``top`` is the level
    of the first heading (2 puts it under a page's own title; 0 uses bold lines, no headings,
    so a panel adds nothing to the page's outline).
    """

    def esc(text: str) -> str:
        return escape_markdown(text, extra)

    return "\n".join(_render(G, t, _keys(care), esc, markdown=True, top=top)) + "\n"


def _render(
    G: nx.MultiDiGraph, t: GroupedTrace, keys: list[str], esc: Callable[[str], str], *, markdown: bool, top: int = 1
) -> list[str]:
    symptom = G.nodes[t.symptom]
    causes = t.causes
    umbrella = ", ".join(G.nodes[u]["label"] for u in t.general_nodes) or "the condition"

    def title(level: int, text: str) -> str:
        if not markdown:
            return text
        return f"{'#' * (top + level)} {text}" if top else f"**{text}**"  # top=0: bold lines, no headings

    bullet = "- " if markdown else "  "
    lines = [
        title(0, f"{esc(capitalize(symptom['label']))} [{esc(symptom['section'])}]"),
        f"{count(len(causes), 'cause')} in {count(len(t.groups), 'group')}, in the article's order. "
        "Chains run from the cause to the symptom; [brackets] name the article section.",
    ]
    general = _care_lines(t.general, keys, bullet, "", esc)
    if general:
        lines += [
            "",
            title(1, f"In general (what the article says of {esc(umbrella)} and of {esc(symptom['label'])}):"),
        ]
        lines += general
    if not causes:
        lines += ["", f"The article names no cause that leads to {esc(symptom['label'])}."]
    for i, group in enumerate(t.groups, 1):
        lines += ["", title(1, f"{i}. {esc(capitalize(group.label))} [{esc(group.section)}]")]
        said = [
            f"{CARE_TITLES[k]}: " + "; ".join(item_text(i, esc) for i in getattr(group.care, k))
            for k in keys
            if getattr(group.care, k)
        ]
        if said:
            lines.append(f"{bullet}for {esc(group.label)} in general — " + " | ".join(said))
        alone = len(group.causes) == 1 and group.causes[0].id == group.id
        for j, cause in enumerate(group.causes, 1):
            if alone:
                pass
            elif markdown:
                lines += ["", title(2, f"{i}.{j} {esc(capitalize(cause.label))} [{esc(cause.section)}]")]
            else:
                lines.append(f"  {i}.{j} {capitalize(cause.label)} [{cause.section}]")
            pad = bullet if markdown else "      "
            for k, chain in enumerate(cause.chains):
                how = "how: " if k == 0 or markdown else "     "
                lines.append(f"{pad}{how}{chain_text(G, chain, esc)}")
            lines += _care_lines(cause.care, keys, pad, "", esc)
    return lines
