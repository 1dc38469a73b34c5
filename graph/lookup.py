"""Names -> nodes: ids, labels and aliases, typos forgiven, never picking silently."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import networkx as nx
from rapidfuzz import fuzz, process

from .cache import memo
from .errors import AmbiguousName, NodeNotFound, QueryError
from .schema import fold_name
from .text import a_or_an

__all__ = [
    "Match",
    "find",
    "normalize",
    "require_node",
    "require_symptom",
    "resolve",
]


MAX_QUERY = 200
FUZZY_CUTOFF = 75.0
MAX_CANDIDATES = 2000


# --- name lookup ----------------------------------------------------------


def normalize(text: str) -> str:
    """Fold case, hyphens, underscores and spacing so names compare loosely.

    >>> normalize("  Weak_Gluteal-Muscles ")
    'weak gluteal muscles'
    """
    return fold_name(text)[:MAX_QUERY]


@dataclass(frozen=True)
class Match:
    """A node found by :func:`find`, with the name that matched and how well (0–100)."""

    node: str
    label: str
    type: str
    score: float
    matched: str


class _Index:
    """Name lookup tables for one graph: exact names, every name for typo matching,
    and a word index so a part of a name ("glutes" in "weak glutes") finds it quickly."""

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.exact: dict[str, list[tuple[int, str]]] = {}
        for node, data in G.nodes(data=True):
            names = [(0, node), (1, data["label"]), *((2, a) for a in data["aliases"])]
            for rank, name in names:
                owners = self.exact.setdefault(normalize(name), [])
                if (rank, node) not in owners:
                    owners.append((rank, node))
        self.names: list[str] = list(self.exact)
        words: dict[str, set[int]] = {}
        for i, name in enumerate(self.names):
            for word in name.split():
                words.setdefault(word, set()).add(i)
        self.words = words
        self.vocabulary: list[str] = list(words)

    def candidates(self, query: str, limit: int) -> set[int]:
        """Names worth scoring: names holding every query word (or a close spelling of it);
        failing that, close spellings of the whole query ("kneepain")."""
        postings: list[set[int]] = []
        for word in query.split():
            if word in self.words:
                postings.append(self.words[word])
                continue
            close = process.extract(word, self.vocabulary, scorer=fuzz.ratio, limit=8, score_cutoff=75)
            postings.append(set().union(*(self.words[w] for w, _, _ in close)))
        postings.sort(key=len)
        found = set(sorted(postings[0].intersection(*postings[1:]))[:MAX_CANDIDATES]) if postings else set()
        if not found:
            found.update(
                i for _, _, i in process.extract(query, self.names, scorer=fuzz.ratio, limit=limit, score_cutoff=70)
            )
        return found


def _index(G: nx.MultiDiGraph) -> _Index:
    return memo(G, "names", None, lambda: _Index(G), size=1)


def find(G: nx.MultiDiGraph, text: str, *, limit: int = 10, node_types: Collection[str] | None = None) -> list[Match]:
    """Nodes whose id, label or alias matches ``text``: exact first, then close spellings.

    Case, hyphens and spacing are ignored; typos and partial names still match.

    Examples
    --------
    >>> from graph import load_graph
    >>> G = load_graph()
    >>> find(G, "NSAIDs")[0].node
    'anti_inflammatory_drugs'
    >>> find(G, "kne pain")[0].node
    'knee_pain'
    """
    if not isinstance(text, str):
        raise QueryError(f"search text must be a string, not {type(text).__name__}")
    if limit < 1:
        return []
    query = normalize(text)
    if not query:
        return []
    index = _index(G)
    best: dict[str, Match] = {}

    def offer(node: str, score: float, matched: str) -> None:
        data = G.nodes[node]
        if node_types is not None and data["type"] not in node_types:
            return
        if node not in best or best[node].score < score:
            best[node] = Match(node, data["label"], data["type"], score, matched)

    for rank, node in index.exact.get(query, ()):
        offer(node, 100.0 - rank * 0.5, query)
    for i in index.candidates(query, limit * 5):
        name = index.names[i]
        if name == query:
            continue
        # WRatio forgives a name that is only part of the query ("knee" in
        # "knee pian"); a shorter name must match the whole query instead.
        score = fuzz.ratio(query, name) if len(name) < len(query) else fuzz.WRatio(query, name)
        if score >= FUZZY_CUTOFF:
            for _, node in index.exact[name]:
                offer(node, min(float(score), 98.0), name)
    ranked = sorted(best.values(), key=lambda m: (-m.score, len(m.label), m.label))
    return ranked[:limit]


def resolve(G: nx.MultiDiGraph, name: str, *, node_types: Collection[str] | None = None) -> str:
    """The one node ``name`` stands for: an id, label or alias, or a clear misspelling of one.

    Raises
    ------
    AmbiguousName
        When ``name`` is the label or alias of several nodes (a :class:`NodeNotFound`
        whose message asks which one, naming them by label).
    NodeNotFound
        When nothing matches or the match is ambiguous; ``suggestions`` lists candidates.

    Examples
    --------
    >>> from graph import load_graph
    >>> G = load_graph()
    >>> resolve(G, "weak glutes")
    'weak_gluteal_muscles'
    >>> resolve(G, "kneee pian")
    'knee_pain'
    """
    if not isinstance(name, str):
        raise QueryError(f"a node name must be a string, not {type(name).__name__}")
    if name in G and (node_types is None or G.nodes[name]["type"] in node_types):
        return name
    exact = [
        node
        for _, node in sorted(_index(G).exact.get(normalize(name), ()))
        if node_types is None or G.nodes[node]["type"] in node_types
    ]
    if len(set(exact)) == 1:
        return exact[0]
    if exact:  # a name shared by several nodes: never pick one silently
        nodes = list(dict.fromkeys(exact))
        labels = [G.nodes[n]["label"] for n in nodes]
        labels = [f"{lab} ({n})" if labels.count(lab) > 1 else lab for n, lab in zip(nodes, labels, strict=True)]
        raise AmbiguousName(name[:MAX_QUERY], nodes, labels)
    matches = find(G, name, limit=5, node_types=node_types)
    if matches:
        top = matches[0]
        clear = len(matches) == 1 or top.score - matches[1].score >= 3
        if top.score >= 99.0 and (clear or top.score > matches[1].score):
            return top.node
        if top.score >= 80.0 and clear:
            return top.node
    if node_types is not None:
        try:
            other = resolve(G, name)
        except NodeNotFound:
            pass
        else:
            wanted = " or ".join(sorted(node_types))
            kind = G.nodes[other]["type"]
            raise QueryError(f"{G.nodes[other]['label']!r} is {a_or_an(kind)}, not {a_or_an(wanted)}")
        if not matches:
            allowed = sorted((n for n, t in G.nodes(data="type") if t in node_types), key=len)
            matches = [Match(n, "", "", 0.0, "") for n in allowed[:8]]
    raise NodeNotFound(name[:MAX_QUERY], [m.node for m in matches])


def require_node(G: nx.MultiDiGraph, node: str) -> None:
    if not isinstance(node, str) or node not in G:
        shown = node if isinstance(node, str) else repr(node)
        suggestions = [m.node for m in find(G, shown, limit=3)] if isinstance(node, str) else []
        raise NodeNotFound(shown[:MAX_QUERY], suggestions)


def require_symptom(G: nx.MultiDiGraph, node: str) -> None:
    """Check that ``node`` is in ``G`` and is a symptom: a trace starts from one."""
    from .roles import role

    require_node(G, node)
    if role(G, node) != "symptom":
        kind = G.nodes[node]["type"]
        raise QueryError(f"{G.nodes[node]['label']!r} is {a_or_an(kind)}, not a symptom; a trace starts from a symptom")
