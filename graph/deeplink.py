"""The explorer's view and its round trip through the page URL (deep links).

One table, :data:`PARAMS`, says everything about a URL parameter: its name, the
:class:`ExplorerState` field it fills, how to read it (with the notice a user
sees when it cannot be used) and how to write it back. Adding a parameter is a
field on :class:`ExplorerState` and one row in that table.

Pure functions: reading never raises on odd input; anything that cannot be used
is dropped with a one-line plain-text notice, and the default view is kept.
A parameter given twice counts once: the last value wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any, Literal

import networkx as nx

from .errors import GraphError
from .lookup import resolve
from .schema import schema_of
from .text import capitalize, clean_text
from .view import DEFAULT_SHOWN, MAX_DRAWN

__all__ = ["MODES", "PARAMS", "ExplorerState", "Param", "fit", "from_params", "to_params"]

Mode = Literal["explore", "trace", "connect"]
MODES: tuple[Mode, ...] = ("explore", "trace", "connect")
MAX_PARAM = 300


@dataclass(frozen=True)
class ExplorerState:
    """Everything a deep link restores."""

    mode: Mode = "explore"
    node: str | None = None
    trace: str | None = None
    source: str | None = None
    target: str | None = None
    path: int | None = None
    depth: int = 1
    whole: bool = True
    types: tuple[str, ...] | None = None
    relations: tuple[str, ...] | None = None
    shown: int = DEFAULT_SHOWN
    open: str | None = None
    full: bool = False

    def with_(self, **changes: object) -> ExplorerState:
        """A copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


_DEFAULTS: dict[str, Any] = {f.name: f.default for f in fields(ExplorerState)}


class Unusable(ValueError):
    """A parameter's value cannot be used; the message is the notice for the user."""


# --- readers: raw text -> value, or Unusable(notice) -------------------------------


def _label(G: nx.MultiDiGraph, node: str) -> str:
    return str(G.nodes[node]["label"])


def _node(role: str | None = None) -> Callable[[nx.MultiDiGraph, str], str]:
    """A node named by id, label or alias (typos forgiven when the match is clear)."""

    def read(G: nx.MultiDiGraph, raw: str) -> str:
        try:
            node = resolve(G, raw)
        except GraphError:
            raise Unusable(f"The link names no node '{clean_text(raw)}'; showing the overview.") from None
        if role is not None:
            schema = schema_of(G)
            if schema.role_of(G.nodes[node]["type"]) != role:
                kind = schema.node_types[G.nodes[node]["type"]].label.lower()
                label = capitalize(clean_text(_label(G, node)))
                raise Unusable(f"'{label}' is a {kind}, not a {role}, so it cannot be traced.")
        return node

    return read


def _whole(raw: str, low: int, high: int) -> int | None:
    if not re.fullmatch(r"\d{1,6}", raw.strip()):
        return None
    value = int(raw)
    return value if low <= value <= high else None


def _path(G: nx.MultiDiGraph, raw: str) -> int:
    value = _whole(raw, 1, 10_000)
    if value is None:
        raise Unusable(
            f"Ignored path={clean_text(raw)}: the lines of a trace (and the paths of a connection) are numbered from 1."
        )
    return value - 1


def _depth(G: nx.MultiDiGraph, raw: str) -> int:
    value = _whole(raw, 1, 3)
    if value is None:
        raise Unusable(f"Depth must be 1, 2 or 3, not '{clean_text(raw)}'.")
    return value


def _view(G: nx.MultiDiGraph, raw: str) -> bool:
    if raw not in ("whole", "around"):
        raise Unusable(f"Ignored view '{clean_text(raw)}' (expected whole or around).")
    return raw == "whole"


def _flag(G: nx.MultiDiGraph, raw: str) -> bool:
    if raw not in ("1", "0"):
        raise Unusable(f"Ignored full '{clean_text(raw)}' (expected 1 or 0).")
    return raw == "1"


def _shown(G: nx.MultiDiGraph, raw: str) -> int:
    value = _whole(raw, 1, MAX_DRAWN)
    if value is None:
        raise Unusable(f"Ignored shown '{clean_text(raw)}' (expected 1 to {MAX_DRAWN}).")
    return value


def _names(
    known: Callable[[nx.MultiDiGraph], Mapping[str, object]], what: str, whats: str
) -> Callable[..., tuple[str, ...]]:
    def read(G: nx.MultiDiGraph, raw: str) -> tuple[str, ...]:
        chosen = [p for p in raw.split(",") if p]
        table = known(G)
        bad = [p for p in chosen if p not in table]
        if bad:
            raise Unusable(f"Ignored unknown {what if len(bad) == 1 else whats} in the link: {_listing(bad)}.")
        if not chosen:
            raise Unusable(f"Ignored an empty list of {whats}.")
        return tuple(dict.fromkeys(chosen))

    return read


def _node_types(G: nx.MultiDiGraph) -> Mapping[str, object]:
    return schema_of(G).node_types


def _edge_types(G: nx.MultiDiGraph) -> Mapping[str, object]:
    return schema_of(G).edge_types


# --- the table ----------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    """One URL parameter: the state field it fills, how to read and write it, and when it applies."""

    name: str
    field: str
    read: Callable[[nx.MultiDiGraph, str], Any]
    write: Callable[[Any], str] = str
    applies: Callable[[ExplorerState], bool] = lambda state: True


PARAMS: tuple[Param, ...] = (
    Param("node", "node", _node()),
    Param("trace", "trace", _node("symptom"), applies=lambda s: s.mode == "trace"),
    Param("from", "source", _node(), applies=lambda s: s.mode == "connect"),
    Param("to", "target", _node(), applies=lambda s: s.mode == "connect"),
    Param("path", "path", _path, write=lambda i: str(i + 1), applies=lambda s: s.mode != "explore"),
    Param("depth", "depth", _depth),
    Param("view", "whole", _view, write=lambda whole: "whole" if whole else "around"),
    Param("types", "types", _names(_node_types, "node type", "node types"), write=",".join),
    Param("rel", "relations", _names(_edge_types, "relation", "relations"), write=",".join),
    Param("shown", "shown", _shown),
    Param("open", "open", _node(), applies=lambda s: s.mode != "connect"),
    Param("full", "full", _flag, write=lambda full: "1" if full else "0", applies=lambda s: s.mode == "explore"),
)
_BY_NAME = {p.name: p for p in PARAMS}


def _last(value: object) -> tuple[str, bool] | None:
    """A parameter's text (the last of repeated values) cut to a sane length, and whether it was cut.

    A list is cut between its items, never inside one, so a notice never names half a word.

    >>> _last("cause," * 60)[0].endswith("cause"), _last("x" * 400)[0] == "x" * MAX_PARAM
    (True, True)
    """
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else None
    if not isinstance(value, str):
        return None
    if len(value) <= MAX_PARAM:
        return value, False
    cut = value[:MAX_PARAM]
    if value[MAX_PARAM] != "," and "," in cut:
        cut = cut[: cut.rindex(",")]
    return cut.rstrip(","), True


def _listing(items: Sequence[str], limit: int = 80) -> str:
    """Items for a notice, whole ones only, then "…" for the rest.

    >>> _listing(["potion", "elixir"]), _listing(["a" * 50, "b" * 50])
    ('potion, elixir', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, …')
    """
    shown: list[str] = []
    for item in items:
        text = clean_text(item, limit)
        if shown and len(", ".join([*shown, text])) > limit:
            return ", ".join([*shown, "…"])
        shown.append(text)
    return ", ".join(shown)


def _settle(state: ExplorerState, given: Mapping[str, Any], notes: list[str]) -> ExplorerState:
    """The rules between parameters: which view the link asks for, and what does not go with it."""
    if state.trace:
        state = state.with_(mode="trace", source=None, target=None)
    elif state.source and state.target and state.source != state.target:
        state = state.with_(mode="connect")
    else:
        if state.source or state.target:
            notes.append("A connection needs two different nodes ('from' and 'to').")
        state = state.with_(source=None, target=None)
    if state.path is not None and state.mode == "explore":
        notes.append(f"Ignored path {state.path + 1} (a path number goes with a trace or a connection).")
        state = state.with_(path=None)
    if "whole" in given and not state.whole and not state.node:
        notes.append("'view=around' needs a selected node; showing the whole graph.")
        state = state.with_(whole=True)
    return state


def from_params(G: nx.MultiDiGraph, params: Mapping[str, object]) -> tuple[ExplorerState, list[str]]:
    """The state a URL asks for, and plain-text notices about what was ignored (never raises).

    Examples
    --------
    >>> from graph import load_graph
    >>> G = load_graph()
    >>> state, notes = from_params(G, {"node": "knee_pain", "depth": "2", "view": "around"})
    >>> state.node, state.depth, state.whole, notes
    ('knee_pain', 2, False, [])
    >>> from_params(G, {"node": "weak glutes"})[0].node
    'weak_gluteal_muscles'
    >>> from_params(G, {"node": "<script>"})[1]
    ["The link names no node '<script>'; showing the overview."]
    """
    notes: list[str] = []
    unknown = [str(k) for k in params if k not in _BY_NAME]
    if unknown:
        what = "parameter" if len(unknown) == 1 else "parameters"
        notes.append(f"Ignored unknown link {what}: {clean_text(', '.join(unknown))}.")
    values: dict[str, Any] = {}
    for param in PARAMS:
        given = _last(params.get(param.name))
        if given is None:
            continue
        raw, cut = given
        read_only = f"Read only the first {len(raw)} characters of the link's {param.name}= (…)." if cut else ""
        try:
            values[param.field] = param.read(G, raw)
        except Unusable as exc:
            notes.append(f"{read_only} {exc}".strip())  # one notice per unusable parameter
        else:
            if read_only:
                notes.append(read_only)
    return _settle(ExplorerState(**values), values, notes), notes


def to_params(state: ExplorerState) -> dict[str, str]:
    """The URL parameters for ``state``; defaults are left out so links stay short.

    >>> to_params(ExplorerState(node="knee_pain", depth=2, whole=False))
    {'node': 'knee_pain', 'depth': '2', 'view': 'around'}
    """
    out: dict[str, str] = {}
    for param in PARAMS:
        value = getattr(state, param.field)
        if value is not None and value != _DEFAULTS[param.field] and param.applies(state):
            out[param.name] = param.write(value)
    return out


def fit(G: nx.MultiDiGraph, state: ExplorerState) -> ExplorerState:
    """``state`` with whatever no longer exists in ``G`` dropped (e.g. after the data changed)."""
    changes: dict[str, Any] = {}
    for param in PARAMS:
        value = getattr(state, param.field)
        if value is None or value == _DEFAULTS[param.field]:
            continue
        try:
            still = param.read(G, param.write(value)) == value
        except Unusable:
            still = False
        if not still:
            changes[param.field] = _DEFAULTS[param.field]
    return state.with_(**changes) if changes else state
