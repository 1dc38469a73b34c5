"""The schema: which node types exist and which edge types may join them.

The schema is data (``data/schema.yaml``); this module holds its frozen form and
the one rule every edge must pass, :meth:`Schema.check_edge`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "CARE_ROLES",
    "ID_PATTERN",
    "NODE_ROLES",
    "ROLES",
    "EdgeType",
    "NodeType",
    "Schema",
    "Section",
    "fold_name",
]

# Node ids and type names: lowercase snake_case. Type names become Cypher labels and
# relationship types and CSV cells, so they are identifiers, never free text.
ID_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,79}")


def fold_name(text: str) -> str:
    """A name as a reader compares it: case, hyphens, underscores and spacing folded.

    Two names with the same fold are the same name to a student typing it; text is
    compared in NFC, as the loader stores it, so either spelling of "é" finds the node.

    >>> fold_name("  Weak_Gluteal-Muscles ")
    'weak gluteal muscles'
    """
    folded = re.sub(r"[_\-–—]+", " ", unicodedata.normalize("NFC", text).casefold())
    return " ".join(folded.split())


Role = Literal["causal", "grouping", "addressing", "other"]
ROLES: tuple[str, ...] = ("causal", "grouping", "addressing", "other")

# What a node type is for. The queries, the study tools and the drawing read
# these roles, never type names, so a dataset may name its types as it likes.
NODE_ROLES: tuple[str, ...] = ("symptom", "cause", "mechanism", "diagnostic", "treatment", "prevention", "context")
# Roles of what finds, treats or prevents a problem, in the order a clinician reads them.
CARE_ROLES: tuple[str, ...] = ("diagnostic", "treatment", "prevention")


@dataclass(frozen=True)
class NodeType:
    """A kind of node, e.g. ``symptom``, and the role it plays (one of :data:`NODE_ROLES`)."""

    name: str
    label: str
    description: str = ""
    role: str = "context"


@dataclass(frozen=True)
class EdgeType:
    """A kind of directed edge with the phrase that reads it each way.

    ``forward`` reads source -> target ("causes"), ``reverse`` target -> source
    ("is caused by"). ``role`` tells the queries how to walk it.
    """

    name: str
    source_types: frozenset[str]
    target_types: frozenset[str]
    forward: str
    reverse: str
    role: Role = "other"
    same_type: bool = False
    weight: float = 1.0

    def phrase(self, forward: bool = True) -> str:
        """The phrase for walking this edge forwards or backwards."""
        return self.forward if forward else self.reverse


@dataclass(frozen=True)
class Section:
    """A heading of the article; ``parent`` is the main heading it sits under."""

    heading: str
    parent: str | None = None


@dataclass(frozen=True)
class Schema:
    """Node types, edge types and the article's headings."""

    node_types: Mapping[str, NodeType]
    edge_types: Mapping[str, EdgeType]
    sections: tuple[Section, ...] = ()
    title: str = ""
    _headings: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_headings", frozenset(s.heading for s in self.sections))

    def has_section(self, heading: str) -> bool:
        """True when ``heading`` is one of the article's headings, exactly."""
        return heading in self._headings

    def types_with_role(self, role: str) -> tuple[str, ...]:
        """Names of the node types that play ``role``, in display (schema) order."""
        return tuple(name for name, nt in self.node_types.items() if nt.role == role)

    def role_of(self, node_type: str) -> str:
        """The role of a node type (``context`` for a type the schema does not know)."""
        nt = self.node_types.get(node_type)
        return nt.role if nt is not None else "context"

    def edge_types_with_role(self, role: str) -> tuple[str, ...]:
        """Names of the edge types that play ``role``, in schema order."""
        return tuple(name for name, et in self.edge_types.items() if et.role == role)

    def check_edge(self, source_type: str, edge_type: str, target_type: str) -> str | None:
        """Why an edge of ``edge_type`` may not join these node types, or None if it may.

        Examples
        --------
        >>> s = Schema({"a": NodeType("a", "A"), "b": NodeType("b", "B")},
        ...            {"r": EdgeType("r", frozenset({"a"}), frozenset({"b"}), "r", "r by")})
        >>> s.check_edge("a", "r", "b") is None
        True
        >>> s.check_edge("b", "r", "a")
        "a 'r' edge cannot start at a b node (allowed: a)"
        """
        et = self.edge_types.get(edge_type)
        if et is None:
            return f"unknown edge type {edge_type!r} (known: {', '.join(self.edge_types)})"
        if source_type not in et.source_types:
            allowed = ", ".join(sorted(et.source_types))
            return f"a {edge_type!r} edge cannot start at a {source_type} node (allowed: {allowed})"
        if target_type not in et.target_types:
            allowed = ", ".join(sorted(et.target_types))
            return f"a {edge_type!r} edge cannot end at a {target_type} node (allowed: {allowed})"
        if et.same_type and source_type != target_type:
            return f"a {edge_type!r} edge must join two nodes of the same type, not {source_type} and {target_type}"
        return None
