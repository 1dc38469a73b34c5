"""A layered (Sugiyama) drawing of a view, in two orientations, with the geometry to check it.

Positions come from grandalf's :class:`~grandalf.layouts.SugiyamaLayout` (layers, barycentre
ordering, Brandes–Köpf placement). Each node's box holds its marker and its label (wrapped on at
most two lines under the marker), so a drawing that fits at scale 1 has room for every label.

The flow follows the relations: a cause before what it leads to, a member before its group,
care *before* what it addresses (on the far side from the symptom). The *wide* orientation runs
left to right, the *narrow* one top to bottom. An edge spanning more than one layer is routed
through grandalf's dummy points, so it runs in the gaps between nodes, never through one.

The component (graph_view.js) and the SVG (graph/svg.py) draw the very same geometry.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx
from grandalf.graphs import Edge, Graph, Vertex
from grandalf.layouts import SugiyamaLayout

from .cache import memo
from .explain import capitalize
from .view import View

__all__ = [
    "LABEL_PX",
    "LINE_PX",
    "Drawing",
    "Placed",
    "crossings",
    "curve",
    "drawing",
    "wrap",
]

LABEL_PX = 13  # label font, CSS px on screen
LINE_PX = 16  # one label line
CHAR_PX = 0.56 * LABEL_PX  # a generous average glyph width (system-ui)
WRAP_PX = 128.0  # a label line wraps past this
RADIUS = 14.0  # a node's marker (vis-network size); the highlighted one is bigger
BIG_RADIUS = 20.0
GAP_IN_LAYER = 16.0
GAP_WIDE = 56.0  # between layers, left to right: room for the arrows
GAP_NARROW = 34.0
MARGIN = 10.0
Point = tuple[float, float]


def text_px(text: str) -> float:
    """Estimated drawn width of ``text`` at LABEL_PX."""
    return len(text) * CHAR_PX


def wrap(text: str, width: float = WRAP_PX, lines: int = 2) -> tuple[str, ...]:
    """``text`` on at most ``lines`` lines of about ``width`` px; shortened with '…' only past that."""
    words = text.split()
    out: list[str] = []
    line = ""
    for i, word in enumerate(words):
        trial = f"{line} {word}".strip()
        if text_px(trial) <= width or not line:
            line = trial
            continue
        out.append(line)
        line = word
        if len(out) == lines - 1:
            line = " ".join(words[i:])
            break
    out.append(line)
    last = out[-1]
    if text_px(last) > width:
        while len(last) > 1 and text_px(last + "…") > width:
            last = last[:-1]
        out[-1] = last.rstrip() + "…"
    return tuple(out)


@dataclass(frozen=True)
class Placed:
    """One orientation: node centres, the bend points of long edges, and the drawing's extent."""

    pos: Mapping[str, Point]
    routes: Mapping[int, tuple[Point, ...]]  # edge index in view.edges -> points between its ends
    size: Point  # width, height of every box together (canvas px at scale 1)
    horizontal: bool  # True: the flow runs left to right


@dataclass(frozen=True)
class Drawing:
    """A view drawn both ways, with each node's label lines and box."""

    wide: Placed
    narrow: Placed
    lines: Mapping[str, tuple[str, ...]]
    radius: Mapping[str, float]

    def box(self, node: str, at: Point) -> tuple[float, float, float, float]:
        """The node's box (marker and label under it) with its marker centred at ``at``: x0, y0, x1, y1."""
        r = self.radius[node]
        w = max(2 * r, label_w(self.lines[node]))
        h = 2 * r + 2 + LINE_PX * len(self.lines[node])
        return (at[0] - w / 2, at[1] - r, at[0] + w / 2, at[1] - r + h)


def label_w(lines: Sequence[str]) -> float:
    return max((text_px(s) for s in lines), default=0.0) + 6


def display_name(G: nx.MultiDiGraph, view: View, node: str) -> str:
    return capitalize(view.names.get(node, G.nodes[node]["label"]))


class _Box:
    """grandalf's vertex view: w along the layer, h across the layers; xy is set by the layout."""

    def __init__(self, w: float, h: float) -> None:
        self.w, self.h = w, h
        self.xy: Point = (0.0, 0.0)


def _flow(G: nx.MultiDiGraph, view: View) -> list[tuple[str, str]]:
    """The edges as the layers should run: care reversed (it sits on the far side of what it addresses)."""
    schema = G.graph["schema"]
    out: dict[tuple[str, str], None] = {}
    for u, v, k in view.edges:
        if u == v:
            continue
        role = schema.edge_types[k].role if k in schema.edge_types else "other"
        pair = (v, u) if role == "addressing" else (u, v)
        if (pair[1], pair[0]) not in out:
            out[pair] = None
    return list(out)


def _layout(
    nodes: Sequence[str], flow: Sequence[tuple[str, str]], dims: Mapping[str, Point], gap: float
) -> tuple[dict[str, Point], dict[tuple[str, str], list[Point]]]:
    """grandalf's Sugiyama layout of each connected part, the parts side by side (layers along y)."""
    verts = {n: Vertex(n) for n in nodes}
    for n, v in verts.items():
        v.view = _Box(*dims[n])
    edges = []
    for a, b in flow:
        e = Edge(verts[a], verts[b])
        e.view = _Path()
        edges.append(e)
    g = Graph(list(verts.values()), edges)
    pos: dict[str, Point] = {}
    bends: dict[tuple[str, str], list[Point]] = {}
    offset = 0.0
    for part in g.C:
        sug = SugiyamaLayout(part)
        sug.xspace, sug.yspace = GAP_IN_LAYER, gap
        sug.dw, sug.dh = 6.0, 6.0  # dummy points (bends of long edges) take little room
        roots = [v for v in part.sV if not v.e_in()]
        sug.init_all(roots=roots or [part.sV[0]], optimize=True)
        sug.draw(3)
        xs = [v.view.xy[0] - v.view.w / 2 for v in part.sV] + [v.view.xy[0] + v.view.w / 2 for v in part.sV]
        left, right = min(xs), max(xs)
        for v in part.sV:
            pos[v.data] = (v.view.xy[0] - left + offset, v.view.xy[1])
        for e in part.sE:
            pts = e.view.points[1:-1] if e.view.points else []
            a, b = e.v[0].data, e.v[1].data
            bends[(a, b)] = [(x - left + offset, y) for x, y in pts]
        offset += right - left + GAP_IN_LAYER * 3
    return pos, bends


class _Path:
    def __init__(self) -> None:
        self.points: list[Point] = []

    def setpath(self, pts: list[Point]) -> None:
        self.points = list(pts)


def _orient(
    G: nx.MultiDiGraph, view: View, lines: Mapping[str, tuple[str, ...]], radius: Mapping[str, float], horizontal: bool
) -> Placed:
    def wh(n: str) -> Point:
        w = max(2 * radius[n], label_w(lines[n]))
        # Narrow: every box two lines tall, so the markers of a layer line up.
        h = 2 * radius[n] + 2 + LINE_PX * (len(lines[n]) if horizontal else 2)
        return (h, w) if horizontal else (w, h)

    dims = {n: wh(n) for n in view.nodes}
    flow = _flow(G, view)
    centre, bends = _layout(view.nodes, flow, dims, GAP_WIDE if horizontal else GAP_NARROW)

    def screen(p: Point) -> Point:
        return (p[1], p[0]) if horizontal else p

    pos: dict[str, Point] = {}
    for n in view.nodes:
        cx, cy = screen(centre[n])
        _w, h = (dims[n][1], dims[n][0]) if horizontal else dims[n]
        pos[n] = (round(cx, 1), round(cy - h / 2 + radius[n], 1))  # the marker sits at the top of its box
    routes = _routes(view, pos, bends, lines, radius, horizontal, screen)
    xs0, ys0, xs1, ys1 = zip(*(_box(lines, radius, n, pos[n]) for n in view.nodes), strict=True)
    dx, dy = MARGIN - min(xs0), MARGIN - min(ys0)
    pos = {n: (round(x + dx, 1), round(y + dy, 1)) for n, (x, y) in pos.items()}
    routes = {i: tuple((round(x + dx, 1), round(y + dy, 1)) for x, y in r) for i, r in routes.items()}
    size = (round(max(xs1) - min(xs0) + 2 * MARGIN, 1), round(max(ys1) - min(ys0) + 2 * MARGIN, 1))
    return Placed(pos, routes, size, horizontal)


def _routes(
    view: View,
    pos: Mapping[str, Point],
    bends: Mapping[tuple[str, str], list[Point]],
    lines: Mapping[str, tuple[str, ...]],
    radius: Mapping[str, float],
    horizontal: bool,
    screen: Callable[[Point], Point],
) -> dict[int, tuple[Point, ...]]:
    """Bend points per edge: grandalf's dummy points for long edges; and where a plain curve would
    cross a node, ports at the edges of each layer's band, so the line runs straight inside a layer
    (beside its own node only) and bends only in the empty gaps between layers."""
    flow = 0 if horizontal else 1
    boxes = {n: _box(lines, radius, n, pos[n]) for n in view.nodes}
    bands: dict[float, list[float]] = {}
    for n, b in boxes.items():
        key = round(pos[n][flow])
        lo, hi = bands.get(key, [b[flow], b[flow + 2]])
        bands[key] = [min(lo, b[flow]), max(hi, b[flow + 2])]

    def band(p: Point) -> list[float] | None:
        return min(((abs(k - p[flow]), v) for k, v in bands.items()), key=lambda kv: kv[0])[1] if bands else None

    def at(p: Point, f: float) -> Point:
        return (f, p[1]) if horizontal else (p[0], f)

    routes: dict[int, tuple[Point, ...]] = {}
    for i, (u, v, _) in enumerate(view.edges):
        mid = [screen(p) for p in (bends.get((u, v)) or list(reversed(bends.get((v, u)) or [])))]
        pts = [pos[u], *mid, pos[v]]
        if _clear(pts, horizontal, {n: b for n, b in boxes.items() if n not in (u, v)}):
            if mid:
                routes[i] = tuple(mid)
            continue
        forward = pos[v][flow] >= pos[u][flow]
        ported: list[Point] = []
        for j, p in enumerate(pts):
            b = band(p)
            if b is None:
                ported.append(p)
                continue
            enter, leave = (b[0], b[1]) if forward else (b[1], b[0])
            if j > 0:
                ported.append(at(p, enter))
            if j < len(pts) - 1:
                ported.append(at(p, leave))
        routes[i] = tuple(ported)
    return routes


def _clear(pts: Sequence[Point], horizontal: bool, boxes: Mapping[str, tuple[float, float, float, float]]) -> bool:
    line: list[Point] = []
    for a, b in itertools.pairwise(pts):
        line.extend(curve(a, b, horizontal))
    segs = list(itertools.pairwise(line))
    return not any(_hits(s, box) for box in boxes.values() for s in segs)


def _box(
    lines: Mapping[str, tuple[str, ...]], radius: Mapping[str, float], n: str, at: Point
) -> tuple[float, float, float, float]:
    r = radius[n]
    w = max(2 * r, label_w(lines[n]))
    return (at[0] - w / 2, at[1] - r, at[0] + w / 2, at[1] + r + 2 + LINE_PX * len(lines[n]))


def drawing(G: nx.MultiDiGraph, view: View) -> Drawing:
    """The view drawn both ways. Cached per graph and view, so the page and the CLI share it."""
    return memo(G, "drawing", (view.key, view.nodes, view.edges, view.highlight_nodes), lambda: _drawing(G, view))


def _drawing(G: nx.MultiDiGraph, view: View) -> Drawing:
    lines = {n: wrap(display_name(G, view, n) + _mark(view, n)) for n in view.nodes}
    radius = {n: BIG_RADIUS if n in view.highlight_nodes else RADIUS for n in view.nodes}
    if not view.nodes:
        empty = Placed({}, {}, (0.0, 0.0), True)
        return Drawing(empty, Placed({}, {}, (0.0, 0.0), False), lines, radius)
    return Drawing(
        _orient(G, view, lines, radius, horizontal=True),
        _orient(G, view, lines, radius, horizontal=False),
        lines,
        radius,
    )


def _mark(view: View, node: str) -> str:
    """The fold mark after a label: ▸ unfolds, ▾ is open."""
    if node not in view.unfoldable:
        return ""
    return " ▾" if node == view.open else " ▸"


# --- geometry (the same curves vis-network draws) -------------------------------------------


def curve(p: Point, q: Point, horizontal: bool, steps: int = 24) -> list[Point]:
    """Points along vis-network's cubic Bézier from ``p`` to ``q`` (roundness 0.5, forced direction)."""
    if horizontal:
        mid = p[0] + (q[0] - p[0]) / 2
        c1, c2 = (mid, p[1]), (mid, q[1])
    else:
        mid = p[1] + (q[1] - p[1]) / 2
        c1, c2 = (p[0], mid), (q[0], mid)
    out = []
    for i in range(steps + 1):
        t = i / steps
        a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t**3
        out.append((a * p[0] + b * c1[0] + c * c2[0] + d * q[0], a * p[1] + b * c1[1] + c * c2[1] + d * q[1]))
    return out


def path(placed: Placed, view: View, index: int) -> list[Point]:
    """The drawn line of edge ``index``: one curve, or curves through its bend points."""
    u, v, _ = view.edges[index]
    pts = [placed.pos[u], *placed.routes.get(index, ()), placed.pos[v]]
    out: list[Point] = []
    for a, b in itertools.pairwise(pts):
        out.extend(curve(a, b, placed.horizontal))
    return out


def _hits(seg: tuple[Point, Point], box: tuple[float, float, float, float]) -> bool:
    """Does the segment pass through the box (shrunk by a pixel)? Liang–Barsky clipping."""
    (x0, y0), (x1, y1) = seg
    bx0, by0, bx1, by1 = box[0] + 1, box[1] + 1, box[2] - 1, box[3] - 1
    t0, t1 = 0.0, 1.0
    dx, dy = x1 - x0, y1 - y0
    for p, q in ((-dx, x0 - bx0), (dx, bx1 - x0), (-dy, y0 - by0), (dy, by1 - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        r = q / p
        if p < 0:
            t0 = max(t0, r)
        else:
            t1 = min(t1, r)
        if t0 > t1:
            return False
    return True


def crossings(d: Drawing, view: View, horizontal: bool) -> list[tuple[tuple[str, str, str], str]]:
    """Every (edge, node) where a drawn edge passes through the box of a node it does not join."""
    placed = d.wide if horizontal else d.narrow
    boxes = {n: d.box(n, placed.pos[n]) for n in view.nodes}
    found = []
    for i, (u, v, k) in enumerate(view.edges):
        line = path(placed, view, i)
        segs = list(itertools.pairwise(line))
        for n, box in boxes.items():
            if n not in (u, v) and any(_hits(s, box) for s in segs):
                found.append(((u, v, k), n))
    return found


def overlaps(d: Drawing, view: View, horizontal: bool) -> int:
    """Pairs of node boxes (marker and label) that overlap."""
    placed = d.wide if horizontal else d.narrow
    boxes = [d.box(n, placed.pos[n]) for n in view.nodes]
    return sum(
        1
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5
    )
