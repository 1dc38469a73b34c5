"""How each node and edge type looks: colours, shapes, glyphs, and the legend of what is drawn."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from .schema import schema_of

__all__ = [
    "ROLE_STYLES",
    "TypeStyle",
    "edge_legend",
    "legend",
    "node_style",
]


@dataclass(frozen=True)
class TypeStyle:
    """How one node type looks: Okabe–Ito colour (colour-blind safe) and a shape."""

    color: str
    shape: str


# Colour *and* shape per node role, so no one needs to tell colours apart.
ROLE_STYLES: dict[str, TypeStyle] = {
    "symptom": TypeStyle("#D55E00", "star"),
    "cause": TypeStyle("#E69F00", "diamond"),
    "mechanism": TypeStyle("#F0E442", "triangle"),
    "diagnostic": TypeStyle("#56B4E9", "square"),
    "treatment": TypeStyle("#009E73", "dot"),
    "prevention": TypeStyle("#0072B2", "hexagon"),
}
# Context types (people, activities, body parts ...) take these in schema order, then spare ones.
CONTEXT_STYLES = [
    TypeStyle("#CC79A7", "triangleDown"),
    TypeStyle("#999999", "triangleDown"),
    TypeStyle("#999999", "square"),
]
_SPARE = [
    TypeStyle(c, s)
    for s in ("dot", "diamond", "square", "triangle", "hexagon", "star")
    for c in ("#000000", "#CC79A7", "#56B4E9")
]
EDGE_ROLE_STYLES: dict[str, dict[str, Any]] = {
    "causal": {"color": "#3d3d3d", "dashes": False, "width": 1.6},
    "grouping": {"color": "#9a9a9a", "dashes": [2, 4], "width": 1.0},
    "addressing": {"color": "#007a5a", "dashes": [8, 5], "width": 1.3},
    "other": {"color": "#b8b8b8", "dashes": False, "width": 0.8},
}
HIGHLIGHT = "#1f1f1f"
GLYPHS = {"star": "★", "diamond": "◆", "triangle": "▲", "square": "■", "dot": "●", "hexagon": "⬢", "triangleDown": "▼"}
EDGE_LEGEND = (
    ("causal", "── causes / leads to"),
    ("addressing", "- - - detects, treats, prevents"),
    ("grouping", "··· part of"),
)


def node_style(G: nx.MultiDiGraph, node_type: str) -> TypeStyle:
    """The style of a node type, from its role; context types (and a second type of one role) take
    the context palette, then spare styles, in schema order, so each type looks different."""
    schema = schema_of(G)
    first_of_role: dict[str, str] = {}
    for name, nt in schema.node_types.items():
        if nt.role in ROLE_STYLES:
            first_of_role.setdefault(nt.role, name)
    role = schema.role_of(node_type)
    if first_of_role.get(role) == node_type:
        return ROLE_STYLES[role]
    others = [t for t in schema.node_types if first_of_role.get(schema.role_of(t)) != t]
    index = others.index(node_type) if node_type in others else 0
    palette = [*CONTEXT_STYLES, *_SPARE]
    return palette[index % len(palette)]


def legend(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """One entry per node type present: name, label, colour, shape and count."""
    counts: dict[str, int] = {}
    for _, t in G.nodes(data="type"):
        counts[t] = counts.get(t, 0) + 1
    schema = schema_of(G)
    return [
        {
            "type": name,
            "label": nt.label,
            "color": node_style(G, name).color,
            "shape": node_style(G, name).shape,
            "count": counts[name],
        }
        for name, nt in schema.node_types.items()
        if name in counts
    ]


def edge_role(G: nx.MultiDiGraph, edge_type: str) -> str:
    """The style role of a relation type: causal, grouping, addressing or other."""
    et = schema_of(G).edge_types.get(edge_type)
    role = et.role if et is not None else "other"
    return role if role in EDGE_ROLE_STYLES else "other"


def edge_legend(G: nx.MultiDiGraph, view: Any) -> list[dict[str, Any]]:
    """One legend entry per line style the view draws (and only those), in EDGE_LEGEND's order."""
    drawn = {edge_role(G, k) for _, _, k in view.edges}
    texts = dict(EDGE_LEGEND)
    return [
        {"role": role, "text": texts.get(role, "— other relation"), **EDGE_ROLE_STYLES[role]}
        for role in (*texts, "other")
        if role in drawn
    ]
