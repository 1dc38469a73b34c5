"""Records -> graph: check records against the schema and build the MultiDiGraph.

Kept apart from file reading so the builder can be tested with records made in
code. ``load_graph`` joins the two and is what callers use.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

import networkx as nx
from rapidfuzz import process

from .errors import GraphDataError, Problem
from .load import Dataset, EdgeRecord, NodeRecord, read_dataset, read_documents
from .schema import ID_PATTERN, Schema, fold_name
from .yamlsafe import DEFAULT_LIMITS, Limits, parse_yaml

__all__ = ["ID_PATTERN", "build_graph", "load_graph", "load_uploaded", "validate"]

MAX_LABEL = 200
MAX_DESCRIPTION = 2000
MAX_ALIASES = 50


def _suggest(name: str, choices: Iterable[str]) -> str:
    found = process.extract(name, list(choices), limit=3, score_cutoff=70)
    return f"; did you mean {', '.join(m[0] for m in found)}?" if found else ""


def validate(dataset: Dataset, *, limits: Limits = DEFAULT_LIMITS) -> list[Problem]:
    """Every problem with the dataset: those met while reading plus schema violations.

    Problems are sorted by file and line so they read like a compiler's output.
    """
    problems = list(dataset.problems)
    problems += _size_problems(dataset, limits)
    node_types, first_seen = _check_nodes(dataset, problems)
    _check_edges(dataset, node_types, first_seen, problems)
    problems += _shared_names(dataset)
    if not dataset.nodes and not problems:
        problems.append(Problem(dataset.files[0] if dataset.files else "dataset", None, "the dataset has no nodes"))
    return sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.message))


def _size_problems(dataset: Dataset, limits: Limits) -> list[Problem]:
    """Too many nodes or edges for ``limits``."""
    file = dataset.files[0] if dataset.files else "?"
    counts = (("nodes", len(dataset.nodes), limits.max_nodes), ("edges", len(dataset.edges), limits.max_edges))
    return [
        Problem(file, None, f"too many {what} ({count:,}; the limit is {limit:,})")
        for what, count, limit in counts
        if count > limit
    ]


def _unknown_section(what: str, section: str, schema: Schema) -> str | None:
    """The message for a section that is not one of the article's headings, or None."""
    if schema.has_section(section):
        return None
    return f"{what} names unknown section {section[:80]!r}{_suggest(section, (s.heading for s in schema.sections))}"


def _check_nodes(dataset: Dataset, problems: list[Problem]) -> tuple[dict[str, str], dict[str, str]]:
    """Problems of the nodes, added to ``problems``; returns the type of each node of a
    known type, and where each node id is first defined."""
    schema = dataset.schema
    node_types: dict[str, str] = {}
    first_seen: dict[str, str] = {}
    for node in dataset.nodes:
        where = (node.file, node.line)
        if not ID_PATTERN.fullmatch(node.id):
            problems.append(
                Problem(
                    *where, f"node id {node.id[:80]!r} must be lowercase snake_case (letters, digits, _; at most 80)"
                )
            )
        if node.id in first_seen:
            problems.append(Problem(*where, f"duplicate node id {node.id!r} (first defined at {first_seen[node.id]})"))
            continue
        first_seen[node.id] = f"{node.file}:{node.line}"
        if node.type in schema.node_types:
            node_types[node.id] = node.type
        problems.extend(Problem(*where, message) for message in _node_messages(node, schema))
    return node_types, first_seen


def _node_messages(node: NodeRecord, schema: Schema) -> list[str]:
    """What is wrong with one node's type, section and texts."""
    messages = []
    if node.type not in schema.node_types:
        messages.append(f"node {node.id!r} has unknown type {node.type!r} (known: {', '.join(schema.node_types)})")
    if (why := _unknown_section(f"node {node.id!r}", node.section, schema)) is not None:
        messages.append(why)
    if len(node.label) > MAX_LABEL:
        messages.append(f"node {node.id!r}: label is longer than {MAX_LABEL} characters")
    if len(node.description) > MAX_DESCRIPTION:
        messages.append(f"node {node.id!r}: description is longer than {MAX_DESCRIPTION} characters")
    if len(node.aliases) > MAX_ALIASES or any(len(a) > MAX_LABEL for a in node.aliases):
        messages.append(f"node {node.id!r}: at most {MAX_ALIASES} aliases of at most {MAX_LABEL} characters")
    return messages


def _check_edges(
    dataset: Dataset, node_types: Mapping[str, str], first_seen: Mapping[str, str], problems: list[Problem]
) -> None:
    """Problems of the edges, added to ``problems``."""
    schema = dataset.schema
    seen_edges: dict[tuple[str, str, str], str] = {}
    for edge in dataset.edges:
        where = (edge.file, edge.line)
        unknown = _unknown_names(edge, schema, first_seen)
        problems.extend(Problem(*where, message) for message in unknown)
        if (why := _unknown_section("edge", edge.section, schema)) is not None:
            problems.append(Problem(*where, why))
        problems.extend(
            Problem(*where, f"only_from names unknown node {end[:80]!r}{_suggest(end, first_seen)}")
            for end in edge.only_from
            if end not in first_seen
        )
        if unknown:
            continue
        why = _edge_rule(edge, node_types, schema)
        if why is None:
            why = _duplicate(edge, seen_edges)
        if why is not None:
            problems.append(Problem(*where, why))


def _unknown_names(edge: EdgeRecord, schema: Schema, first_seen: Mapping[str, str]) -> list[str]:
    """An edge's ends that are no node and its type that the schema does not know."""
    messages = [
        f"edge refers to unknown node {end[:80]!r}{_suggest(end, first_seen)}"
        for end in (edge.source, edge.target)
        if end not in first_seen
    ]
    if edge.type not in schema.edge_types:
        messages.append(f"unknown edge type {edge.type[:80]!r} (known: {', '.join(schema.edge_types)})")
    return messages


def _edge_rule(edge: EdgeRecord, node_types: Mapping[str, str], schema: Schema) -> str | None:
    """Why the schema forbids this edge between its nodes (or a node to itself), or None."""
    if edge.source == edge.target:
        return f"edge joins {edge.source!r} to itself"
    if edge.source in node_types and edge.target in node_types:
        why = schema.check_edge(node_types[edge.source], edge.type, node_types[edge.target])
        if why is not None:
            return f"{edge.source} -{edge.type}-> {edge.target}: {why}"
    return None


def _duplicate(edge: EdgeRecord, seen_edges: dict[tuple[str, str, str], str]) -> str | None:
    """Why the edge repeats an earlier one, or None (then it is remembered in ``seen_edges``)."""
    key = (edge.source, edge.type, edge.target)
    if key in seen_edges:
        return f"duplicate edge {edge.source} -{edge.type}-> {edge.target} (first at {seen_edges[key]})"
    seen_edges[key] = f"{edge.file}:{edge.line}"
    return None


def _shared_names(dataset: Dataset) -> list[Problem]:
    """Labels and aliases that name two nodes (compared as a reader types them: case,
    hyphens and spacing folded, as the lookup does), each reported with both places."""
    owners: dict[str, tuple[str, str]] = {}  # folded name -> (node id, where it is)
    for node in dataset.nodes:
        owners.setdefault(fold_name(node.id), (node.id, f"{node.file}:{node.line}"))
    problems: list[Problem] = []
    for node in dataset.nodes:
        for what, name in (("label", node.label), *(("alias", a) for a in node.aliases)):
            owner, place = owners.setdefault(fold_name(name), (node.id, f"{node.file}:{node.line}"))
            if owner != node.id:
                problems.append(
                    Problem(
                        node.file,
                        node.line,
                        f"node {node.id!r}: {what} {name[:80]!r} also names node {owner!r} at {place}"
                        " (expected each label and alias to name one node)",
                    )
                )
    return problems


def build_graph(dataset: Dataset, *, limits: Limits = DEFAULT_LIMITS) -> nx.MultiDiGraph:
    """The dataset as a MultiDiGraph, after :func:`validate` finds nothing wrong.

    Node attributes: ``type``, ``label``, ``description``, ``section``, ``aliases``.
    Edges are keyed by their ``type`` and carry ``type``, ``section`` and ``when`` (the
    article's condition on the relation, or None).
    ``G.graph`` holds ``schema`` and ``title``.

    Raises
    ------
    GraphDataError
        Listing every problem :func:`validate` found.
    """
    problems = validate(dataset, limits=limits)
    if problems:
        raise GraphDataError(problems)
    G = nx.MultiDiGraph(schema=dataset.schema, title=dataset.schema.title)
    G.add_nodes_from(
        (
            n.id,
            {
                "type": n.type,
                "label": n.label,
                "description": n.description,
                "section": n.section,
                "aliases": n.aliases,
                **({"number": n.number} if n.number else {}),
                **({"article": n.article} if n.article else {}),
            },
        )
        for n in dataset.nodes
    )
    G.add_edges_from(
        (
            e.source,
            e.target,
            e.type,
            {
                "type": e.type,
                "section": e.section,
                "when": e.when,
                **({"only_from": list(e.only_from)} if e.only_from else {}),
            },
        )
        for e in dataset.edges
    )
    return G


def load_graph(path: str | os.PathLike[str] | None = None, *, limits: Limits = DEFAULT_LIMITS) -> nx.MultiDiGraph:
    """Load a dataset as a graph: the shipped ``data/`` by default, or a YAML file or directory.

    Raises
    ------
    GraphDataError
        Listing every problem found, each as ``file:line: message``.

    Examples
    --------
    >>> G = load_graph()
    >>> G.nodes["weak_gluteal_muscles"]["type"]
    'cause'
    >>> G.edges["weak_gluteal_muscles", "muscle_imbalances", "part_of"]["section"]
    'Muscle Imbalances'
    """
    return build_graph(read_dataset(path, limits=limits), limits=limits)


def load_uploaded(files: Mapping[str, bytes], *, limits: Limits = DEFAULT_LIMITS) -> nx.MultiDiGraph:
    """Load a dataset from file contents (e.g. browser uploads), never touching disk.

    Raises
    ------
    GraphDataError
        Listing every problem found in every file.
    """
    parsed = []
    problems: list[Problem] = []
    for name, data in files.items():
        try:
            parsed.append((name, parse_yaml(data, name, limits)))
        except GraphDataError as exc:
            problems.extend(exc.problems)
    dataset = read_documents(parsed)
    dataset.problems[:0] = problems
    return build_graph(dataset, limits=limits)
