"""The explorer's state in the session, kept in step with the widgets and the URL."""

from __future__ import annotations

import networkx as nx
import streamlit as st

from graph.deeplink import ExplorerState, fit, from_params, to_params
from graph.schema import schema_of

__all__ = [
    "explore_around",
    "get",
    "init",
    "on_graph_click",
    "on_graph_explore",
    "on_graph_goto",
    "scroll_request",
    "select",
    "set_state",
    "start_connect",
    "start_trace",
    "sync_url",
    "sync_widgets",
]

KEY = "explorer"


def get() -> ExplorerState:
    """The current state (the default view before :func:`init`)."""
    state = st.session_state.get(KEY)
    return state if isinstance(state, ExplorerState) else ExplorerState()


def set_state(state: ExplorerState) -> None:
    st.session_state[KEY] = state


def init(G: nx.MultiDiGraph) -> list[str]:
    """Read the deep link on a session's first run; afterwards check the state still fits ``G``.

    Returns notices for the user (what in the link was ignored).
    """
    ss = st.session_state
    if KEY not in ss or ss.pop("reset_view", False):
        params = {} if KEY in ss else st.query_params.to_dict()
        state, notices = from_params(G, params)
        set_state(_renumbered(G, state))
        return notices
    # The graph may have changed under us (a data file edited, an upload): keep what still fits.
    set_state(fit(G, get()))
    return []


def _renumbered(G: nx.MultiDiGraph, state: ExplorerState) -> ExplorerState:
    from graph.screen import renumber

    return renumber(G, state)


def scroll_to_view() -> None:
    """After an action that changes the view (trace, open a cause, Back), bring it into view."""
    ss = st.session_state
    ss["scroll_seq"] = int(ss.get("scroll_seq", 0)) + 1


def scroll_request() -> int:
    """How many times the view asked to be scrolled into view: the page scrolls when this grows."""
    return int(st.session_state.get("scroll_seq", 0))


def sync_url(state: ExplorerState) -> None:
    """Make the address bar a deep link to what is on screen."""
    wanted = to_params(state)
    st.session_state["url_written"] = wanted
    repeated = any(len(st.query_params.get_all(k)) > 1 for k in st.query_params)
    if repeated or st.query_params.to_dict() != wanted:  # a repeated parameter is written once: its last value
        st.query_params.from_dict(wanted)


def sync_widgets(G: nx.MultiDiGraph, state: ExplorerState) -> None:
    """Set widget values from the state (before the widgets are drawn)."""
    schema = schema_of(G)
    ss = st.session_state
    ss["w_mode"] = state.mode
    ss["w_trace"] = state.trace
    ss["w_from"] = state.source
    ss["w_to"] = state.target
    ss["w_types"] = list(state.types or schema.node_types)
    ss["w_rel"] = list(state.relations or schema.edge_types)
    ss["w_depth"] = state.depth
    ss["w_whole"] = state.whole


# --- changes --------------------------------------------------------------


def select(node: str) -> None:
    """Select ``node``. The page follows every selection (``select_seq``), even one of the node the
    server last sent: the page may have moved on since. It keeps Back and Forward (visits.js)."""
    st.session_state["select_seq"] = selection_seq() + 1
    state = get()
    if state.node != node:
        set_state(state.with_(node=node))


def selection_seq() -> int:
    return int(st.session_state.get("select_seq", 0))


def _node_from_page(trigger: str) -> str | None:
    """The node the graph component's ``trigger`` names, if it is one of the current graph's: the
    value comes from the browser (untrusted), and a stale page may name another dataset's node."""
    from .datasource import current_graph

    value = st.session_state.get("graph", {}).get(trigger)
    return value if isinstance(value, str) and value in current_graph().graph else None


def on_graph_goto() -> None:
    """The page's Back or Forward led to a node it does not draw (or while the panel shows one):
    select it, the view redrawn if it follows the selection."""
    value = _node_from_page("goto")
    if value is None:
        return
    adopt_pick()
    before = get()
    select(value)
    _redraw_if_view_changed(before)


def _view_key(state: ExplorerState) -> str:
    from graph.screen import screen

    from .datasource import current_graph

    return screen(current_graph().graph, state).view.key


def _redraw_if_view_changed(before: ExplorerState) -> None:
    """A click that changes the view (unfolding, the Around view's centre) reruns the whole page,
    so the heading, the paths beside the graph, the text view and the export describe it."""
    if _view_key(before) != _view_key(get()):
        st.session_state["full_rerun"] = True
        scroll_to_view()


SIDE_TAB = "w_side_tab"  # which tab beside a trace is open: "In words" or "Details"


def on_graph_click() -> None:
    """A node was clicked on the canvas: select it; a group or a cause also unfolds (or folds)."""
    from graph.screen import screen

    from .datasource import current_graph

    value = _node_from_page("clicked")
    if value is None:
        return
    adopt_pick()
    before = get()
    view = screen(current_graph().graph, before).view
    if value in view.unfoldable:
        set_state(before.with_(open=None if before.open == value else value, path=None))
    # A node that does not unfold is asking "what is this?": the page has already shown its card.
    select(value)
    _redraw_if_view_changed(before)


def on_graph_act() -> None:
    """An action on a node's card ("trace Knee pain" etc.): the page sends ``"<action> <node id>"``."""
    from graph.details import actions_for

    from .datasource import current_graph

    value = st.session_state.get("graph", {}).get("act")
    action, _, node = value.partition(" ") if isinstance(value, str) else ("", "", "")
    G = current_graph().graph
    if node not in G or action not in actions_for(G, node):
        return  # from the browser: untrusted, and a stale card may name a node of another dataset
    adopt_pick()
    {"trace": start_trace, "around": explore_around, "connect": start_connect}[action](node)


def adopt_pick() -> None:
    """The page keeps a pick it answered itself in the address bar (``node=``): take it into the state
    before anything else reads it."""
    from .datasource import current_graph

    G = current_graph().graph
    now = st.query_params.to_dict()
    written = st.session_state.get("url_written")
    if written is None or now == written or not _only_node_differs(now, written):
        return
    node = now.get("node")
    if node in G and node != get().node:
        select(node)
        st.session_state["url_written"] = now


def _only_node_differs(a: dict[str, str], b: dict[str, str]) -> bool:
    return {k: v for k, v in a.items() if k != "node"} == {k: v for k, v in b.items() if k != "node"}


def on_graph_explore() -> None:
    """A node was double-clicked: select it and show its neighbourhood."""
    value = _node_from_page("explore")
    if value is not None:
        select(value)
        set_state(get().with_(mode="explore", whole=False, path=None))
        st.session_state["full_rerun"] = True


def explore_around(node: str) -> None:
    select(node)
    set_state(get().with_(mode="explore", whole=False, path=None))
    st.session_state["full_rerun"] = True


def start_trace(node: str) -> None:
    set_state(get().with_(mode="trace", trace=node, path=None, open=None))
    st.session_state["full_rerun"] = True
    scroll_to_view()


def start_connect(node: str) -> None:
    state = get()
    target = state.target if state.target and state.target != node else None
    set_state(state.with_(mode="connect", source=node, target=target, path=None))
    st.session_state["full_rerun"] = True


# --- widget callbacks -------------------------------------------------------


def on_mode() -> None:
    set_state(get().with_(mode=st.session_state["w_mode"] or "explore", path=None, open=None))
    scroll_to_view()


def on_full(full: bool) -> None:
    """The whole graph, or back to the overview."""
    set_state(get().with_(full=full, whole=True, open=None))


def on_open(cause: str | None) -> None:
    """Filter the trace by a cause: unfold it in the graph and list only its paths."""
    set_state(get().with_(open=cause, path=None))
    st.session_state["full_rerun"] = True
    scroll_to_view()


def on_trace_pick() -> None:
    picked = st.session_state["w_trace"]
    if picked is None:  # Escape or a cleared box never drops the trace on screen
        st.session_state["w_trace"] = get().trace
        return
    set_state(get().with_(trace=picked, path=None, open=None))
    scroll_to_view()


def on_connect_pick() -> None:
    set_state(get().with_(source=st.session_state["w_from"], target=st.session_state["w_to"], path=None))


def on_filters(G: nx.MultiDiGraph) -> None:
    schema = schema_of(G)
    ss = st.session_state
    types = tuple(t for t in schema.node_types if t in ss["w_types"])
    rels = tuple(r for r in schema.edge_types if r in ss["w_rel"])
    set_state(
        get().with_(
            types=None if len(types) == len(schema.node_types) else types,
            relations=None if len(rels) == len(schema.edge_types) else rels,
            depth=int(ss["w_depth"]),
            whole=bool(ss["w_whole"]),
        )
    )


def on_path_pick() -> None:
    value = st.session_state.get("w_path")
    before = get()
    chosen = before.with_(path=value if isinstance(value, int) and value >= 0 else None)
    from .datasource import current_graph

    # The line unfolds what it is about; the URL says so (with the line's number in the words
    # then listed), so Back and a shared link agree.
    set_state(_renumbered(current_graph().graph, chosen))
    _redraw_if_view_changed(before)


def adopt_url(G: nx.MultiDiGraph) -> list[str]:
    """Browser Back/Forward (or an edited address) changed the URL: the URL is the state."""
    ss = st.session_state
    now = st.query_params.to_dict()
    written = ss.get("url_written")
    if written is None or now == written:
        return []
    if _only_node_differs(now, written):
        adopt_pick()  # a pick the page answered itself: the view stays where it is
        if get().node == now.get("node"):
            return []
    state, notices = from_params(G, now)
    set_state(_renumbered(G, state))
    ss["url_written"] = now
    scroll_to_view()
    if state.node:
        select(state.node)
    return notices


def show_more(step: int = 100) -> None:
    from graph.view import MAX_DRAWN

    state = get()
    set_state(state.with_(shown=min(state.shown + step, MAX_DRAWN)))
