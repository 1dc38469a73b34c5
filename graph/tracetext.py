"""The grouped trace as text: plain lines for the terminal, Markdown for notes and the app.

One layout for every reader: the symptom, what the article says of the condition
as a whole (its chains and its care), then each of the article's cause groups in
its order with its own care, its causes, every chain by which each reaches the
symptom, and what finds, treats and prevents it; then, apart, contributors the
article names elsewhere. Group-level and general claims are labelled as such; a
condition follows its item. Chains read from the cause: ``→`` means "leads to".
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from itertools import pairwise

import networkx as nx

from .grouped import CARE_KEYS, Care, CareItem, GroupedTrace, GroupTrace
from .hierarchy import cause_hierarchy
from .schema import schema_of
from .text import capitalize, chain_step, condition, count_words, escape_markdown, join_words, member_of

__all__ = ["CARE_TITLES", "chain_text", "header_lines", "item_text", "trace_markdown", "trace_text_lines"]

CARE_TITLES = {"find": "find", "treat": "treat", "prevent": "prevent"}
ROLE_OF_KEY = dict(CARE_KEYS)
ARROW = "→ = leads to"


def _keys(care: Collection[str] | None) -> list[str]:
    """Care keys to show; ``care`` lists roles (``diagnostic``, ``treatment``, ``prevention``) or keys."""
    return [k for k, r in CARE_KEYS if care is None or k in care or r in care]


def item_text(item: CareItem, esc: Callable[[str], str] = str) -> str:
    """``label (condition) [Section]``."""
    return f"{esc(item.label)}{condition(item.when, esc)} [{esc(item.section)}]"


def chain_text(G: nx.MultiDiGraph, chain: tuple[str, ...], esc: Callable[[str], str] = str) -> str:
    """A chain read from the cause: ``a → b → symptom`` (``→`` = leads to), each link's condition after it.

    A step into a group reads ``a, one of the muscle imbalances`` (membership, never an arrow).
    """
    grouping = set(schema_of(G).edge_types_with_role("grouping"))
    parts = [esc(G.nodes[chain[0]]["label"])]
    for a, b in pairwise(chain):
        edges = G[a].get(b, {})
        label = esc(G.nodes[b]["label"])
        parts.append(
            f", {member_of(G, b, label)}," if any(k in grouping for k in edges) else chain_step(G, edges, b, label)
        )
        parts.append(condition(next((d["when"] for d in edges.values() if d.get("when")), None), esc))
    return "".join(parts).rstrip(",")


def _care_lines(care: Care, keys: list[str], indent: str, lead: str, esc: Callable[[str], str]) -> list[str]:
    lines = []
    for key in keys:
        items = getattr(care, key)
        if items:
            lines.append(f"{indent}{lead}{CARE_TITLES[key]}: " + "; ".join(item_text(i, esc) for i in items))
    return lines


def trace_text_lines(G: nx.MultiDiGraph, t: GroupedTrace, *, care: Collection[str] | None = None) -> list[str]:
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


def _umbrella(G: nx.MultiDiGraph, t: GroupedTrace) -> str:
    return join_words([G.nodes[u]["label"] for u in t.general_nodes]) or "the condition"


def header_lines(G: nx.MultiDiGraph, t: GroupedTrace, esc: Callable[[str], str] = str) -> list[str]:
    """What the trace holds, counted at the article's levels: its cause groups, their causes, the others."""
    symptom = esc(G.nodes[t.symptom]["label"])
    if not t.reaches:
        return [f"The article names no cause that leads to {symptom}."]
    _, group_of, _ = cause_hierarchy(G)
    total = len({g for g in group_of.values() if g is not None})
    groups = t.article_groups
    lines = []
    if groups:
        names = join_words([esc(g.label) for g in groups])
        if len(groups) == total:
            which = f"the article's {count_words(total, 'cause group')}, in its order"
        elif len(groups) == 1:
            which = f"one of the article's {count_words(total, 'cause group')}"
        else:
            which = f"{count_words(len(groups), 'group')} of the article's {count_words(total, 'cause group')}, in its order"
        members = [c for g in groups if not g.said_of_group for c in g.causes]
        named = (
            f", with {count_words(len(members), 'cause')} named in {'it' if len(groups) == 1 else 'them'}"
            if members
            else ""
        )
        alone = [esc(g.label) for g in groups if g.said_of_group]
        said = f"; said of {join_words(alone)} as a group" if alone else ""
        lines.append(f"{capitalize(names)}: {which}{named}{said}.")
    if t.others:
        lines.append(f"Also named by the article: {join_words([esc(g.label) for g in t.others])}.")
    lines.append(f"Chains run from the cause to the symptom ({ARROW}); [brackets] name the article section.")
    return lines


def _render(
    G: nx.MultiDiGraph, t: GroupedTrace, keys: list[str], esc: Callable[[str], str], *, markdown: bool, top: int = 1
) -> list[str]:
    symptom = G.nodes[t.symptom]

    def title(level: int, text: str) -> str:
        if not markdown:
            return text
        return f"{'#' * (top + level)} {text}" if top else f"**{text}**"  # top=0: bold lines, no headings

    bullet = "- " if markdown else "  "
    lines = [title(0, f"{esc(capitalize(symptom['label']))} [{esc(symptom['section'])}]"), *header_lines(G, t, esc)]
    umbrella = esc(_umbrella(G, t))
    if t.whole:
        lines += ["", title(1, f"Said of {umbrella} as a whole (the condition, not each cause):")]
        lines += [f"{bullet}how: {chain_text(G, chain, esc)}" for c in t.whole for chain in c.chains]
    general = _care_lines(t.general, keys, bullet, "", esc)
    if general:
        said_of = f"{umbrella} as a whole and of " if t.reaches else ""
        lines += ["", title(1, f"In general (what the article says of {said_of}{esc(symptom['label'])}):"), *general]
    for i, group in enumerate(t.article_groups, 1):
        lines += _group_lines(G, group, str(i), keys, esc, markdown=markdown, title=title)
    if t.others:
        lines += ["", title(1, "Also named by the article (outside its three cause groups):")]
        for group in t.others:
            lines += _group_lines(G, group, "", keys, esc, markdown=markdown, title=title, level=2)
    return lines


def _group_lines(
    G: nx.MultiDiGraph,
    group: GroupTrace,
    number: str,
    keys: list[str],
    esc: Callable[[str], str],
    *,
    markdown: bool,
    title: Callable[[int, str], str],
    level: int = 1,
) -> list[str]:
    bullet = "- " if markdown else "  "
    head = f"{number + '. ' if number else ''}{esc(capitalize(group.label))} [{esc(group.section)}]"
    lines = ["", title(level, head)] if markdown or level == 1 else [f"  {head}"]
    said = [
        f"{CARE_TITLES[k]}: " + "; ".join(item_text(i, esc) for i in getattr(group.care, k))
        for k in keys
        if getattr(group.care, k)
    ]
    if said:
        lines.append(f"{bullet}for {esc(group.label)} as a group — " + " | ".join(said))
    lines += [f"{bullet}said of {esc(group.label)} as a group: {chain_text(G, chain, esc)}" for chain in group.chains]
    for j, cause in enumerate(group.causes, 1):
        pad = bullet if markdown else "      "
        if group.said_of_group:
            lead = f"said of {esc(group.label)} as a group: " if group.kind == "group" else "how: "
            lines += [f"{pad}{lead}{chain_text(G, chain, esc)}" for chain in cause.chains]
            if group.kind != "group":
                lines += _care_lines(cause.care, keys, pad, "", esc)
            continue
        if markdown:
            lines += ["", title(level + 1, f"{number}.{j} {esc(capitalize(cause.label))} [{esc(cause.section)}]")]
        else:
            lines.append(f"  {number}.{j} {capitalize(cause.label)} [{cause.section}]")
        for k, chain in enumerate(cause.chains):
            how = "how: " if k == 0 or markdown else "     "
            lines.append(f"{pad}{how}{chain_text(G, chain, esc)}")
        lines += _care_lines(cause.care, keys, pad, "", esc)
    return lines
