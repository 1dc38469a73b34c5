"""What the details card says about a node, as data the page can show without asking the server.

The same wording as the explorer's details panel (``graph/app/panels/details.py``): the heading is the
capitalised label, the facts line names the type, the article section and the aliases, and the
relations are grouped by phrase ("Can be treated by"), each with its neighbours and the article's
conditions. The browser puts every string in the page as text, never as HTML, and reads a node
aloud from the same card when the keyboard reaches it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from .query import relations
from .schema import schema_of
from .text import capitalize

__all__ = ["ACTIONS", "actions_for", "node_details", "relation_groups"]

# What a student can do from a node's card (each asks the server): the words on its buttons.
ACTIONS = {
    "trace": "Trace this symptom",
    "around": "Explore around",
    "connect": "Connect to…",
}


def actions_for(G: nx.MultiDiGraph, node: str) -> list[str]:
    """The actions that apply to ``node``: only a symptom can be traced.

    Examples
    --------
    >>> from graph import load_graph
    >>> G = load_graph()
    >>> actions_for(G, "knee_pain"), actions_for(G, "kegel_exercises")
    (['trace', 'around', 'connect'], ['around', 'connect'])
    """
    symptom = schema_of(G).role_of(G.nodes[node]["type"]) == "symptom"
    return [a for a in ACTIONS if a != "trace" or symptom]


def relation_groups(G: nx.MultiDiGraph, node: str) -> list[dict[str, Any]]:
    """``node``'s relations grouped by phrase: ``{"phrase", "nodes", "only"}``, where ``only`` lists
    the article's conditions as ``[condition, [names]]`` (e.g. surgery only in severe cases).

    Examples
    --------
    >>> from graph import load_graph
    >>> G = load_graph()
    >>> [(g["phrase"], g["nodes"]) for g in relation_groups(G, "kegel_exercises")]
    [('Is part of', ['pelvic_floor_exercises']), ('Works on', ['pelvic_floor_muscles'])]
    """
    out = []
    for rel in relations(G, node):
        conditions: dict[str, list[str]] = {}
        for n, when in zip(rel.nodes, rel.when, strict=False):
            if when:
                conditions.setdefault(when, []).append(capitalize(G.nodes[n]["label"]))
        out.append(
            {
                "phrase": capitalize(rel.phrase),
                "nodes": list(rel.nodes),
                "only": [[when, who] for when, who in conditions.items()],
            }
        )
    return out


def node_details(G: nx.MultiDiGraph, nodes: Iterable[str]) -> dict[str, Any]:
    """The details card of every node in ``nodes``, compact: the page builds the words from it.

    Returns ``{"ids": [...], "names": [...], "cards": {id: card}}``. ``ids``/``names`` list every node
    a card mentions with its capitalised label; a card holds ``title``, ``kind``, ``section``,
    ``aliases``, ``description``, ``actions`` (``[key, words]`` of :data:`ACTIONS`) and ``relations``: one ``[phrase, [index into ids, ...], only]``
    per group of :func:`relation_groups` (``only`` left out when the article gives no condition).

    Examples
    --------
    >>> from graph import load_graph
    >>> d = node_details(load_graph(), ["kegel_exercises"])
    >>> card = d["cards"]["kegel_exercises"]
    >>> card["title"], [(phrase, [d["names"][i] for i in who]) for phrase, who, *_ in card["relations"]]
    ('Kegel exercises', [('Is part of', ['Pelvic floor exercises']), ('Works on', ['Pelvic floor muscles'])])
    """
    schema = schema_of(G)
    cards: dict[str, Any] = {}
    index: dict[str, int] = {}

    def at(node: str) -> int:
        return index.setdefault(node, len(index))

    for n in nodes:
        data = G.nodes[n]
        rels = []
        for g in relation_groups(G, n):
            rel: list[Any] = [g["phrase"], [at(other) for other in g["nodes"]]]
            if g["only"]:
                rel.append(g["only"])
            rels.append(rel)
        cards[n] = {
            "title": capitalize(data["label"]),
            "kind": schema.node_types[data["type"]].label,
            "section": data["section"],
            "aliases": list(data["aliases"]),
            "description": data["description"],
            "relations": rels,
            "actions": [[a, ACTIONS[a]] for a in actions_for(G, n)],
        }
    return {"ids": list(index), "names": [capitalize(G.nodes[n]["label"]) for n in index], "cards": cards}
