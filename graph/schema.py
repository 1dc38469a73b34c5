"""The schema: which node types exist and which edge types may join them.

The schema is data (``data/schema.yaml``); this module holds its frozen form,
the one rule every edge must pass (:meth:`Schema.check_edge`), the readers of the
schema and headings documents (:func:`parse_schema`, :func:`parse_source`) and the
typed accessor of a built graph's schema (:func:`schema_of`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from .errors import Problem
from .shapes import is_text, is_text_list, kind, short
from .textsafety import MAX_ONE_LINE, check_text
from .yamlsafe import line_of

if TYPE_CHECKING:
    import networkx as nx

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
    "parse_schema",
    "parse_source",
    "schema_of",
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
    ("is caused by"). ``role`` tells the queries how to walk it. ``chain_words``, when given, is how
    a chain read from the cause says this step instead of its arrow (``→`` = leads to): a symptom's
    form is not something it leads to ("knee pain, which can show as a dull ache").
    """

    name: str
    source_types: frozenset[str]
    target_types: frozenset[str]
    forward: str
    reverse: str
    role: Role = "other"
    same_type: bool = False
    weight: float = 1.0
    chain_words: str | None = None

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

    def chain_words(self, edge_types: Iterable[str]) -> str | None:
        """How a chain says a step over edges of ``edge_types`` in place of its arrow (the first
        ``chain_words`` among them, e.g. "which can show as"), or None: the step is an arrow."""
        return next((et.chain_words for k in edge_types if (et := self.edge_types.get(k)) and et.chain_words), None)

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


def schema_of(G: nx.MultiDiGraph) -> Schema:
    """The schema ``G`` was built with (kept in ``G.graph["schema"]`` by :func:`graph.build.build_graph`).

    >>> from graph import load_graph
    >>> schema_of(load_graph()).role_of("cause")
    'cause'
    """
    return G.graph["schema"]


# --- reading the schema and the headings ------------------------------------------
#
# Every shape problem is collected in ``problems`` (not raised), so ``validate`` can
# report all of them at once; what cannot be read is left out.


def _check_type_name(name: str, line: int | None, what: str, type_name: object, problems: list[Problem]) -> bool:
    """Type names become Cypher labels, relationship types and CSV cells: identifiers, never free text.

    Returns whether the name is text at all (a refused name that is text is kept, so the
    nodes and edges using it are not reported twice).
    """
    if not isinstance(type_name, str) or not ID_PATTERN.fullmatch(type_name):
        problems.append(
            Problem(
                name,
                line,
                f"{what} type name {short(type_name)} must be lowercase snake_case like a node id"
                " (letters, digits, _; at most 80)",
            )
        )
    return isinstance(type_name, str)


def _known_role(
    where: tuple[str, int | None],
    what: str,
    role: Any,
    allowed: tuple[str, ...],
    fallback: str,
    problems: list[Problem],
) -> str:
    """``role`` when it is one of ``allowed``; else a problem is added and ``fallback`` returned."""
    if role in allowed:
        return role
    problems.append(Problem(*where, f"{what} has unknown role {role!r} (expected one of {', '.join(allowed)})"))
    return fallback


def _types_mapping(name: str, doc: dict[str, Any], key: str, shape: str, problems: list[Problem]) -> dict[Any, Any]:
    """``doc[key]`` when it is a non-empty mapping; else a problem is added and ``{}`` returned."""
    raw = doc.get(key)
    if isinstance(raw, dict) and raw:
        return raw
    problems.append(Problem(name, line_of(doc, 1), f"schema needs {key!r}: {shape}"))
    return {}


def _node_type(name: str, type_name: object, spec: Any, line: int | None, problems: list[Problem]) -> NodeType | None:
    """One entry of ``node_types``, or None when it cannot be read."""
    if not _check_type_name(name, line, "node", type_name, problems):
        return None
    if not isinstance(spec, dict) or not is_text(spec.get("label")):
        problems.append(Problem(name, line, f"node type {type_name!r} needs a 'label'"))
        return None
    what = f"node type {type_name!r}"
    # A type named after a role plays it unless told otherwise, so older datasets keep working.
    role = spec.get("role", type_name if type_name in NODE_ROLES else "context")
    role = _known_role((name, line), what, role, NODE_ROLES, "context", problems)
    where = (name, line)
    return NodeType(
        name=str(type_name),
        label=check_text(spec["label"], f"{what}: label", where, problems, limit=MAX_ONE_LINE),
        description=check_text(
            str(spec.get("description") or ""), f"{what}: description", where, problems, one_line=False
        ),
        role=role,
    )


def _edge_weight(where: tuple[str, int | None], what: str, spec: dict[str, Any], problems: list[Problem]) -> float:
    weight = spec.get("weight", 1)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 < weight < 1000:
        problems.append(Problem(*where, f"{what}: weight must be a number between 0 and 1000"))
        weight = 1
    return float(weight)


def _edge_type(
    name: str,
    type_name: object,
    spec: Any,
    line: int | None,
    node_types: Mapping[str, NodeType],
    problems: list[Problem],
) -> EdgeType | None:
    """One entry of ``edge_types``, or None when it cannot be read."""
    if not _check_type_name(name, line, "edge", type_name, problems):
        return None
    what = f"edge type {type_name!r}"
    if not isinstance(spec, dict):
        problems.append(Problem(name, line, f"{what} must be a mapping"))
        return None
    bad = [k for k in ("forward", "reverse") if not is_text(spec.get(k))]
    bad += [k for k in ("source", "target") if not is_text_list(spec.get(k)) or not spec.get(k)]
    if bad:
        problems.append(
            Problem(
                name,
                line,
                f"{what} needs {', '.join(bad)} (source/target: lists of node types; forward/reverse: phrases)",
            )
        )
        return None
    unknown = [t for t in (*spec["source"], *spec["target"]) if t not in node_types]
    if unknown and node_types:
        problems.append(Problem(name, line, f"{what} names unknown node type(s): {', '.join(unknown)}"))
    where = (name, line)
    role = _known_role(where, what, spec.get("role", "other"), ROLES, "other", problems)
    weight = _edge_weight(where, what, spec, problems)
    return EdgeType(
        name=str(type_name),
        source_types=frozenset(spec["source"]),
        target_types=frozenset(spec["target"]),
        forward=check_text(spec["forward"], f"{what}: forward", where, problems, limit=MAX_ONE_LINE),
        reverse=check_text(spec["reverse"], f"{what}: reverse", where, problems, limit=MAX_ONE_LINE),
        role=role,  # type: ignore[arg-type]
        same_type=bool(spec.get("same_type", False)),
        weight=weight,
        chain_words=_chain_words(spec.get("chain_words"), what, where, problems),
    )


def _chain_words(value: Any, what: str, where: tuple[str, int | None], problems: list[Problem]) -> str | None:
    if value is None:
        return None
    if not is_text(value):
        problems.append(Problem(*where, f"{what}: chain_words must be a phrase"))
        return None
    return check_text(value, f"{what}: chain_words", where, problems, limit=MAX_ONE_LINE)


def parse_schema(name: str, doc: Any, problems: list[Problem]) -> tuple[dict[str, NodeType], dict[str, EdgeType]]:
    """The node and edge types of a schema document (``data/schema.yaml``) named ``name``.

    What cannot be read is left out and described in ``problems``.

    >>> problems = []
    >>> nodes, edges = parse_schema("s.yaml", {"node_types": {"cause": {"label": "Cause"}}}, problems)
    >>> nodes["cause"].role, edges, [p.message for p in problems]
    ('cause', {}, ["schema needs 'edge_types': a mapping of type name to its rule"])
    """
    node_types: dict[str, NodeType] = {}
    edge_types: dict[str, EdgeType] = {}
    if not isinstance(doc, dict):
        problems.append(Problem(name, line_of(doc, 1), f"schema must be a mapping, got {kind(doc)}"))
        return node_types, edge_types
    raw_nodes = _types_mapping(name, doc, "node_types", "a mapping of type name to label", problems)
    for type_name, spec in raw_nodes.items():
        node_type = _node_type(name, type_name, spec, line_of(spec, line_of(raw_nodes)), problems)
        if node_type is not None:
            node_types[node_type.name] = node_type
    raw_edges = _types_mapping(name, doc, "edge_types", "a mapping of type name to its rule", problems)
    for type_name, spec in raw_edges.items():
        edge_type = _edge_type(name, type_name, spec, line_of(spec, line_of(raw_edges)), node_types, problems)
        if edge_type is not None:
            edge_types[edge_type.name] = edge_type
    return node_types, edge_types


def parse_source(name: str, doc: Any, problems: list[Problem]) -> tuple[str, tuple[Section, ...]]:
    """The title and headings of a source document (``data/source.yaml``) named ``name``.

    What cannot be read is left out and described in ``problems``.
    """
    if not isinstance(doc, dict) or not isinstance(doc.get("sections"), list):
        problems.append(Problem(name, line_of(doc, 1), "source needs 'sections': a list of the article's headings"))
        return "", ()
    sections: list[Section] = []
    default_line = line_of(doc["sections"])

    def heading(text: str, line: int | None) -> str:
        return check_text(text, f"heading {short(text)}", (name, line), problems, limit=MAX_ONE_LINE)

    for item in doc["sections"]:
        if is_text(item):
            sections.append(Section(heading=heading(item, default_line)))
        elif isinstance(item, dict) and is_text(item.get("heading")):
            main = heading(item["heading"], line_of(item, default_line))
            sections.append(Section(heading=main))
            subs = item.get("subsections", [])
            if not is_text_list(subs):
                problems.append(Problem(name, line_of(item), "'subsections' must be a list of headings"))
                continue
            sections.extend(Section(heading=heading(sub, line_of(item, default_line)), parent=main) for sub in subs)
        else:
            problems.append(
                Problem(
                    name,
                    line_of(item, line_of(doc["sections"])),
                    "each section is a heading, or a mapping with 'heading' and 'subsections'",
                )
            )
    title = doc.get("title")
    if isinstance(title, str):
        title = check_text(title, "title", (name, line_of(doc, 1)), problems, limit=MAX_ONE_LINE)
    return (title if isinstance(title, str) else ""), tuple(sections)
