"""Plain-language sentences for paths, built from the schema's edge phrases."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from .schema import schema_of
from .text import agree, capitalize, is_plural, noun
from .text import condition as condition_text

__all__ = [
    "Step",
    "TracePath",
    "chain_sentence",
    "chain_steps",
    "edge_condition",
    "make_path",
    "phrase",
    "sentence",
]


@dataclass(frozen=True)
class Step:
    """One edge walked in a path: the stored edge ``source -type-> target`` and the way it was walked."""

    source: str
    target: str
    type: str
    forward: bool

    @property
    def start(self) -> str:
        """The node the walk leaves from."""
        return self.source if self.forward else self.target

    @property
    def end(self) -> str:
        """The node the walk arrives at."""
        return self.target if self.forward else self.source


@dataclass(frozen=True)
class TracePath:
    """A walk through the graph with its explanation and the article sections it rests on."""

    nodes: tuple[str, ...]
    steps: tuple[Step, ...]
    sentence: str
    sections: tuple[str, ...]

    def to_dict(self, G: nx.MultiDiGraph) -> dict[str, Any]:
        """A JSON-ready form: nodes with label and type, edges with phrase and section."""
        return {
            "nodes": [{"id": n, "label": G.nodes[n]["label"], "type": G.nodes[n]["type"]} for n in self.nodes],
            "edges": [
                {
                    "type": s.type,
                    "relation": s.type,
                    "source": s.source,
                    "target": s.target,
                    "phrase": phrase(G, s),
                    "section": G.edges[s.source, s.target, s.type]["section"],
                    "when": edge_condition(G, s),
                }
                for s in self.steps
            ],
            "sentence": self.sentence,
            "sections": list(self.sections),
        }


def phrase(G: nx.MultiDiGraph, step: Step) -> str:
    """The phrase for a step, read in the direction it was walked."""
    return schema_of(G).edge_types[step.type].phrase(step.forward)


def edge_condition(G: nx.MultiDiGraph, step: Step) -> str | None:
    """The condition the article puts on a step's edge (``when``), or None."""
    return G.edges[step.source, step.target, step.type].get("when")


def sentence(G: nx.MultiDiGraph, start: str, steps: Sequence[Step]) -> str:
    """Read a walk aloud: "Knee pain is caused by X, which results from Y."

    Each verb agrees with the node before it and each node takes the article its
    data gives ("results from a hip fracture"); a condition the article puts on an
    edge follows it in brackets.

    Examples
    --------
    >>> from graph import load_graph
    >>> G = load_graph()
    >>> sentence(G, "knee_pain", [Step("knee_joint_stress", "knee_pain", "causes", False),
    ...                          Step("knee_joint_stress", "assistive_devices", "treated_by", True)])
    'Knee pain is caused by extra stress on the knee joint, which can be treated by assistive devices (in some cases).'
    """
    return capitalize(clause(G, start, steps)) + "."


def clause(G: nx.MultiDiGraph, start: str, steps: Sequence[Step]) -> str:
    """:func:`sentence` without its capital and full stop, to go inside another sentence."""
    parts = [noun(G, start)]
    for i, step in enumerate(steps):
        joiner = " " if i == 0 else ", which "
        verb = agree(phrase(G, step), is_plural(G, step.start))
        parts.append(f"{joiner}{verb} {noun(G, step.end)}{condition_text(edge_condition(G, step))}")
    return "".join(parts)


def standing_condition(G: nx.MultiDiGraph, node: str) -> str | None:
    """The condition that goes with ``node`` wherever it is named: when the article gives it for
    every problem only under a condition (surgery, imaging …), the shortest of those conditions.

    >>> from graph import load_graph
    >>> standing_condition(load_graph(), "hip_replacement_surgery")
    'when the wear or damage of the hip joint is severe'
    """
    addressing = set(schema_of(G).edge_types_with_role("addressing"))
    whens = [d.get("when") for _, _, k, d in G.in_edges(node, keys=True, data=True) if k in addressing]
    if not whens or not all(whens):
        return None
    return min((w for w in whens if w), key=len)


def chain_steps(G: nx.MultiDiGraph, chain: Sequence[str]) -> list[Step]:
    """The stored edges of a cause-to-symptom chain, walked forwards (a causal edge first, else any)."""
    causal = set(schema_of(G).edge_types_with_role("causal"))
    steps = []
    for a, b in itertools.pairwise(chain):
        keys = list(G[a][b])
        steps.append(Step(a, b, next((k for k in keys if k in causal), keys[0]), True))
    return steps


def chain_sentence(G: nx.MultiDiGraph, chain: Sequence[str]) -> str:
    """A chain read in the trace's direction, from the cause: "Weak gluteal muscles lead to …, which …".

    >>> from graph import load_graph
    >>> chain_sentence(load_graph(), ["weak_gluteal_muscles", "compensatory_movements", "knee_joint_stress"])
    'Weak gluteal muscles lead to compensatory movements, which lead to extra stress on the knee joint.'
    """
    return sentence(G, chain[0], chain_steps(G, chain))


def make_path(G: nx.MultiDiGraph, start: str, steps: Sequence[Step]) -> TracePath:
    """A :class:`TracePath` from a start node and the steps walked from it."""
    nodes = (start, *(s.end for s in steps))
    sections: list[str] = []
    for s in steps:
        sec = G.edges[s.source, s.target, s.type]["section"]
        if sec not in sections:
            sections.append(sec)
    if not steps:
        sections.append(G.nodes[start]["section"])
    return TracePath(nodes, tuple(steps), sentence(G, start, steps), tuple(sections))
