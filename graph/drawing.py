"""A layered (Sugiyama) drawing of a view, in two orientations, with the geometry to check it.

Positions come from grandalf's :class:`~grandalf.layouts.SugiyamaLayout` (layers, barycentre
ordering, Brandes–Köpf placement). Each node's box holds its marker and its label (wrapped on at
most two lines), so a drawing that fits at scale 1 has room for every label.

The flow follows the relations: a cause before what it leads to, a member before its group,
care *before* what it addresses (on the far side from the symptom). The *wide* orientation runs
left to right (labels right of their marker), the *narrow* one top to bottom (labels under it).
Every edge leaves its source's box on the flow's side and enters its target's marker; an edge
spanning more than one layer is routed through grandalf's dummy points, and an edge whose curve
would touch another node runs straight along its layer to the gap first, so no edge passes
through a node it does not join (:func:`crossings` measures it).

The component (graph_view.js) and the SVG (graph/svg.py) draw the very same geometry.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
from grandalf.graphs import Edge, Vertex, graph_core
from grandalf.layouts import SugiyamaLayout

from .cache import memo
from .schema import schema_of
from .text import capitalize
from .view import View

__all__ = [
    "LABEL_PX",
    "LINE_PX",
    "Drawing",
    "Placed",
    "crossings",
    "curve",
    "display_label",
    "drawing",
    "node_box",
    "overlaps",
    "path",
    "wrap",
]

LABEL_PX = 13  # label font, CSS px on screen
LINE_PX = 16  # one label line
WRAP_PX = 156.0  # a label line wraps past this (two lines at most)
RADIUS = 14.0  # a node's marker (vis-network size); the highlighted one is bigger
BIG_RADIUS = 20.0
GAP_IN_LAYER = 16.0
GAP_WIDE = 34.0  # between layers, left to right: room for the arrows
GAP_NARROW = 34.0
MARGIN = 10.0
TRACK = 4.0  # between two arrows side by side in the narrow drawing's gutter
ROW_GAP = 8.0  # between two rows of the narrow drawing
TRIES = 12  # starts of grandalf's crossing reduction (views of up to TRY_NODES); the most compact is kept
TRY_NODES = 24  # a bigger view is drawn from one start (each costs more, and it is folded anyway)
Point = tuple[float, float]


# Glyph widths in em, as Chromium draws system-ui here (DejaVu Sans, wider than most system fonts,
# so the estimate is generous elsewhere); other characters count as 0.62 em.
GLYPH_EM: dict[str, float] = {
    **dict.fromkeys("'", 0.27),
    **dict.fromkeys("ijl", 0.28),
    **dict.fromkeys("IJ", 0.29),
    **dict.fromkeys(" ,.", 0.32),
    **dict.fromkeys("/", 0.34),
    **dict.fromkeys("f", 0.35),
    **dict.fromkeys("-", 0.36),
    **dict.fromkeys("t()", 0.39),
    **dict.fromkeys("r", 0.41),
    **dict.fromkeys("–▸▾", 0.5),
    **dict.fromkeys("sz", 0.52),
    **dict.fromkeys("c", 0.55),
    **dict.fromkeys("L", 0.56),
    **dict.fromkeys("kF", 0.58),
    **dict.fromkeys("vxy", 0.59),
    **dict.fromkeys("P", 0.6),
    **dict.fromkeys("aoTY", 0.61),
    **dict.fromkeys("e", 0.62),
    **dict.fromkeys("bdghnpquES", 0.63),
    **dict.fromkeys("0123456789", 0.64),
    **dict.fromkeys("K", 0.66),
    **dict.fromkeys("AV", 0.68),
    **dict.fromkeys("BRXZ", 0.69),
    **dict.fromkeys("C", 0.7),
    **dict.fromkeys("U", 0.73),
    **dict.fromkeys("HN", 0.75),
    **dict.fromkeys("DG", 0.77),
    **dict.fromkeys("&", 0.78),
    **dict.fromkeys("OQ", 0.79),
    **dict.fromkeys("w", 0.82),
    **dict.fromkeys("M", 0.86),
    **dict.fromkeys("m", 0.97),
    **dict.fromkeys("W", 0.99),
    **dict.fromkeys("…", 1.0),
}


def text_px(text: str) -> float:
    """Estimated drawn width of ``text`` at LABEL_PX."""
    return sum(GLYPH_EM.get(ch, 0.62) for ch in text) * LABEL_PX


def wrap(text: str, width: float = WRAP_PX) -> tuple[str, ...]:
    """``text`` on one line, or two balanced lines of at most ``width`` px; shortened with '…' only
    when two lines cannot hold it."""
    if text_px(text) <= width:
        return (text,)
    words = text.split()
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    fitting = [s for s in splits if max(text_px(s[0]), text_px(s[1])) <= width]
    if fitting:
        return min(fitting, key=lambda s: max(text_px(s[0]), text_px(s[1])))
    first = next((s[0] for s in reversed(splits) if text_px(s[0]) <= width), words[0])
    rest = text[len(first) :].strip()
    while len(rest) > 1 and text_px(rest + "…") > width:
        rest = rest[:-1]
    return (first, rest.rstrip() + "…") if rest else (first,)


Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Placed:
    """One orientation: marker centres, each edge's line (its points, ends included), the extent."""

    pos: Mapping[str, Point]
    paths: Mapping[int, tuple[Point, ...]]  # edge index in view.edges -> points the curves run through
    size: Point  # width, height of every box together (canvas px at scale 1)
    horizontal: bool  # True: the flow runs left to right

    @property
    def routes(self) -> Mapping[int, tuple[Point, ...]]:
        """The bend points of each edge (its path without the ends)."""
        return {i: p[1:-1] for i, p in self.paths.items() if len(p) > 2}


@dataclass(frozen=True)
class Drawing:
    """A view drawn both ways, with each node's label lines and marker radius."""

    wide: Placed
    narrow: Placed
    lines: Mapping[str, tuple[str, ...]]
    radius: Mapping[str, float]

    def box(self, node: str, at: Point, horizontal: bool = True) -> Box:
        """The node's box (marker and label) with its marker centred at ``at``: x0, y0, x1, y1."""
        return node_box(self.lines[node], self.radius[node], at, horizontal)


def label_w(lines: Sequence[str]) -> float:
    return max((text_px(s) for s in lines), default=0.0) + 6


def node_box(lines: Sequence[str], r: float, at: Point, horizontal: bool) -> Box:
    """Wide: the label right of the marker, centred on it; narrow: under it, centred."""
    x, y = at
    if horizontal:
        half = max(r, LINE_PX * len(lines) / 2 + 1)
        return (x - r, y - half, x + r + 4 + label_w(lines), y + half)
    half = max(r, label_w(lines) / 2)
    return (x - half, y - r, x + half, y + r + 2 + LINE_PX * len(lines))


def display_label(G: nx.MultiDiGraph, view: View, node: str) -> str:
    """The name drawn for ``node`` in ``view`` (a group with its count), capitalised."""
    return capitalize(view.names.get(node, G.nodes[node]["label"]))


class _Box:
    """grandalf's vertex view: w along the layer, h across the layers; xy is set by the layout."""

    def __init__(self, w: float, h: float) -> None:
        self.w, self.h = w, h
        self.xy: Point = (0.0, 0.0)


class _Path:
    def __init__(self) -> None:
        self.points: list[Point] = []

    def setpath(self, pts: list[Point]) -> None:
        self.points = list(pts)


def _flow(G: nx.MultiDiGraph, view: View) -> list[tuple[str, str]]:
    """The edges as the layers should run: care reversed (it sits on the far side of what it addresses)."""
    schema = schema_of(G)
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
    nodes: Sequence[str],
    flow: Sequence[tuple[str, str]],
    dims: Mapping[str, Point],
    gap: float,
    levels: Mapping[str, int] | None = None,
) -> tuple[dict[str, Point], dict[tuple[str, str], list[Point]]]:
    """grandalf's Sugiyama layout of each connected part, the parts side by side (layers along y).

    A node with no edge in the view joins the end of the layer holding the nodes of its own
    ``levels`` column (care with nothing drawn to address stays among the care) instead of
    widening the drawing on its own."""
    verts = {n: Vertex(n) for n in nodes}
    for n, v in verts.items():
        v.view = _Box(*dims[n])
    parts = _parts(nodes, flow, verts)
    pos: dict[str, Point] = {}
    bends: dict[tuple[str, str], list[Point]] = {}
    offset = 0.0
    alone = [p.sV[0].data for p in parts if len(p.sV) == 1 and levels and p.sV[0].data in levels]
    for part in parts:
        if len(part.sV) == 1 and part.sV[0].data in alone:
            continue
        sug = SugiyamaLayout(part)
        sug.xspace, sug.yspace = GAP_IN_LAYER, gap
        sug.dw, sug.dh = 6.0, 6.0  # dummy points (bends of long edges) take little room
        roots = [v for v in part.sV if not v.e_in()]
        sug.init_all(roots=roots or [part.sV[0]], optimize=True)
        sug.draw(3)
        _separate(sug.layers)
        sug.draw_edges()
        xs = [v.view.xy[0] - v.view.w / 2 for v in part.sV] + [v.view.xy[0] + v.view.w / 2 for v in part.sV]
        left, right = min(xs), max(xs)
        for v in part.sV:
            pos[v.data] = (v.view.xy[0] - left + offset, v.view.xy[1])
        for e in part.sE:
            pts = e.view.points[1:-1] if e.view.points else []
            bends[(e.v[0].data, e.v[1].data)] = [(x - left + offset, y) for x, y in pts]
        offset += right - left + GAP_IN_LAYER * 3
    for n in alone:
        offset = _join_layer(n, pos, dims, levels or {}, offset)
    return pos, bends


def _parts(nodes: Sequence[str], flow: Sequence[tuple[str, str]], verts: Mapping[str, Vertex]) -> list[graph_core]:
    """The connected parts, each with its vertices in the view's order and its edges in the flow's.

    grandalf's ``Graph`` gathers a part's edges in a ``set`` of objects hashed by address, so the
    same view could be laid out differently in two processes; built here, it is laid out alike."""
    connected = nx.Graph()
    connected.add_nodes_from(nodes)
    connected.add_edges_from(flow)
    rank = {n: i for i, n in enumerate(nodes)}
    parts = []
    for found in sorted(nx.connected_components(connected), key=lambda c: min(rank[n] for n in c)):
        edges = []
        for a, b in flow:
            if a in found:
                e = Edge(verts[a], verts[b])
                e.view = _Path()
                edges.append(e)
        parts.append(graph_core([verts[n] for n in sorted(found, key=rank.__getitem__)], edges))
    return parts


def _join_layer(
    node: str, pos: dict[str, Point], dims: Mapping[str, Point], levels: Mapping[str, int], end: float
) -> float:
    """Place a lone ``node`` after the last node of its level's layer (or after everything): the new end."""
    mates = [n for n in pos if levels.get(n) == levels[node]]
    w, _ = dims[node]
    if not mates:
        pos[node] = (end + w / 2, 0.0)
        return end + w + GAP_IN_LAYER * 3
    last = max(mates, key=lambda n: pos[n][0] + dims[n][0] / 2)
    x = pos[last][0] + dims[last][0] / 2 + GAP_IN_LAYER + w / 2
    pos[node] = (x, pos[last][1])
    return max(end, x + w / 2 + GAP_IN_LAYER * 3)


def _separate(layers: Sequence[Sequence[Any]]) -> None:
    """Keep each layer's boxes (and bend points) at least GAP_IN_LAYER apart along the layer:
    grandalf's placement may set boxes of unequal size closer than that."""
    for layer in layers:
        items = sorted(layer, key=lambda v: v.view.xy[0])
        for a, b in itertools.pairwise(items):
            least = a.view.xy[0] + (a.view.w + b.view.w) / 2 + GAP_IN_LAYER
            if b.view.xy[0] < least:
                b.view.xy = (least, b.view.xy[1])


def _orient(
    G: nx.MultiDiGraph,
    view: View,
    lines: Mapping[str, tuple[str, ...]],
    radius: Mapping[str, float],
    horizontal: bool,
    order: int = 0,
) -> Placed:
    def extent(n: str) -> Point:
        # Narrow: every box two lines tall, so the markers of a layer line up.
        x0, y0, x1, y1 = node_box(lines[n] if horizontal else ("", ""), radius[n], (0.0, 0.0), horizontal)
        if not horizontal:
            x0, x1 = node_box(lines[n], radius[n], (0.0, 0.0), False)[::2]
        return (x1 - x0, y1 - y0)

    size = {n: extent(n) for n in view.nodes}
    # grandalf's frame: w along the layer, h across layers; wide swaps x and y.
    dims = {n: ((h, w) if horizontal else (w, h)) for n, (w, h) in size.items()}
    flow = _flow(G, view)
    if order:  # grandalf's ordering heuristic starts from the edges' order: another start, another result
        random.Random(order).shuffle(flow)
    centre, bends = _layout(view.nodes, flow, dims, GAP_WIDE if horizontal else GAP_NARROW, view.levels)

    def screen(p: Point) -> Point:
        return (p[1], p[0]) if horizontal else p

    # Layers (grandalf centres a layer's boxes on one line): each node's marker at its layer's start,
    # so a layer's markers line up; the band is as deep as the layer's deepest box.
    flow = 0 if horizontal else 1
    bands: dict[int, tuple[float, float]] = {}
    for n in view.nodes:
        c, depth = screen(centre[n])[flow], size[n][flow]
        lo, hi = bands.get(round(c), (c, c))
        bands[round(c)] = (min(lo, c - depth / 2), max(hi, c + depth / 2))
    pos: dict[str, Point] = {}
    for n in view.nodes:
        cx, cy = screen(centre[n])
        start = bands[round((cx, cy)[flow])][0]
        pos[n] = (start + radius[n], cy) if horizontal else (cx, start + radius[n])
    boxes = {n: node_box(lines[n], radius[n], pos[n], horizontal) for n in view.nodes}
    paths = _paths(view, pos, boxes, radius, {k: [screen(p) for p in v] for k, v in bends.items()}, bands, horizontal)
    # The extent holds every box and every line (a long edge may bend past the outermost node).
    points = [p for pts in paths.values() for p in pts]
    x0 = min([b[0] for b in boxes.values()] + [p[0] for p in points]) - MARGIN
    y0 = min([b[1] for b in boxes.values()] + [p[1] for p in points]) - MARGIN
    x1 = max([b[2] for b in boxes.values()] + [p[0] for p in points]) + MARGIN
    y1 = max([b[3] for b in boxes.values()] + [p[1] for p in points]) + MARGIN

    def shift(p: Point) -> Point:
        return (round(p[0] - x0, 1), round(p[1] - y0, 1))

    return Placed(
        {n: shift(p) for n, p in pos.items()},
        {i: tuple(shift(p) for p in pts) for i, pts in paths.items()},
        (round(x1 - x0, 1), round(y1 - y0, 1)),
        horizontal,
    )


def _ends(u: Box, v: Box, pu: Point, pv: Point, ru: float, rv: float, horizontal: bool) -> tuple[Point, Point]:
    """Where an edge leaves its source's box and reaches its target: along the flow, forwards or back."""
    if horizontal:
        if pv[0] >= pu[0]:
            return (u[2], pu[1]), (pv[0] - rv, pv[1])
        return (pu[0] - ru, pu[1]), (v[2], pv[1])
    if pv[1] >= pu[1]:
        return (pu[0], u[3]), (pv[0], pv[1] - rv)
    return (pu[0], pu[1] - ru), (pv[0], v[3])


def _paths(
    view: View,
    pos: Mapping[str, Point],
    boxes: Mapping[str, Box],
    radius: Mapping[str, float],
    bends: Mapping[tuple[str, str], list[Point]],
    bands: Mapping[int, tuple[float, float]],
    horizontal: bool,
) -> dict[int, tuple[Point, ...]]:
    """Each edge's points: its ends, grandalf's dummy points for long edges; and where that line would
    touch another node, ports at the edges of each layer's band, so the line runs straight along
    its layer (beside its own node only) and bends only in the empty gaps between layers."""
    flow = 0 if horizontal else 1

    def band(p: Point) -> tuple[float, float]:
        """The band of the layer holding ``p`` (a marker, or a dummy point on its layer's centre line)."""
        return next((b for b in bands.values() if b[0] - 0.5 <= p[flow] <= b[1] + 0.5), (p[flow], p[flow]))

    def at(p: Point, f: float) -> Point:
        return (f, p[1]) if horizontal else (p[0], f)

    paths: dict[int, tuple[Point, ...]] = {}
    for i, (u, v, _) in enumerate(view.edges):
        mid = bends.get((u, v)) or list(reversed(bends.get((v, u)) or []))
        start, end = _ends(boxes[u], boxes[v], pos[u], pos[v], radius[u], radius[v], horizontal)
        pts = [start, *mid, end]
        others = [b for n, b in boxes.items() if n not in (u, v)]
        if not _clear(pts, horizontal, others):
            forward = pos[v][flow] >= pos[u][flow]
            ported = [start]
            for p in [pos[u], *mid, pos[v]]:
                lo, hi = band(p)
                enter, leave = (lo, hi) if forward else (hi, lo)
                if p is not pos[u]:
                    ported.append(at(p, enter))
                if p is not pos[v]:
                    ported.append(at(p, leave))
            ported.append(end)
            pts = ported
        paths[i] = tuple(pts)
    return paths


def _clear(pts: Sequence[Point], horizontal: bool, boxes: Sequence[Box]) -> bool:
    line: list[Point] = []
    for a, b in itertools.pairwise(pts):
        line.extend(curve(a, b, horizontal))
    segs = list(itertools.pairwise(line))
    xs, ys = [p[0] for p in line], [p[1] for p in line]
    near = [b for b in boxes if b[0] < max(xs) and b[2] > min(xs) and b[1] < max(ys) and b[3] > min(ys)]
    return not any(_hits(s, box) for box in near for s in segs)


def drawing(G: nx.MultiDiGraph, view: View) -> Drawing:
    """The view drawn both ways. Cached per graph and view, so the page and the CLI share it."""
    return memo(G, "drawing", (view.key, view.nodes, view.edges, view.highlight_nodes), lambda: _drawing(G, view))


def _drawing(G: nx.MultiDiGraph, view: View) -> Drawing:
    lines = {n: wrap(display_label(G, view, n) + _mark(view, n)) for n in view.nodes}
    radius = {n: BIG_RADIUS if n in view.highlight_nodes else RADIUS for n in view.nodes}
    if not view.nodes:
        return Drawing(Placed({}, {}, (0.0, 0.0), True), Placed({}, {}, (0.0, 0.0), False), lines, radius)
    # The most compact of a few starts (the same ones every time, so a view is always drawn alike):
    # no arrow through a node first, then the least height (a laptop's first screen), then width.
    starts = range(TRIES if len(view.nodes) <= TRY_NODES else 1)
    tries = [_orient(G, view, lines, radius, horizontal=True, order=k) for k in starts]
    tries.sort(key=lambda d: (d.size[1], d.size[0]))
    wide = next((d for d in tries if not _through(d, view, lines, radius)), tries[0])
    return Drawing(wide, _rows(view, wide, lines, radius), lines, radius)


def _rows(view: View, wide: Placed, lines: Mapping[str, tuple[str, ...]], radius: Mapping[str, float]) -> Placed:
    """The narrow orientation: the same layers, top to bottom, one node a row (label right of its
    marker), each layer in its barycentre order. Arrows run in a gutter left of the markers, each on
    its own track (interval colouring), so none crosses another node or a label."""
    order = sorted(view.nodes, key=lambda n: (wide.pos[n][0] - radius[n], wide.pos[n][1]))
    # Edges leaving one node the same way with the same relation share a track (a trunk with
    # branches); the rest take the first track free over their span (interval colouring).
    row = {n: i for i, n in enumerate(order)}
    groups: dict[tuple[str, bool, str], list[int]] = {}
    for i, (u, v, k) in enumerate(view.edges):
        groups.setdefault((u, row[v] > row[u], k), []).append(i)
    spans = sorted(
        (min(row[n] for i in ids for n in view.edges[i][:2]), max(row[n] for i in ids for n in view.edges[i][:2]), ids)
        for ids in groups.values()
    )
    tracks: list[int] = []  # the last row each track is busy to
    track_of: dict[int, int] = {}
    for lo, hi, ids in spans:
        t = next((t for t, busy in enumerate(tracks) if busy < lo), None)
        if t is None:
            tracks.append(hi)
            t = len(tracks) - 1
        tracks[t] = hi
        track_of.update(dict.fromkeys(ids, t))
    gutter = MARGIN + TRACK * (len(tracks) + 1)
    x = gutter + max(radius.values())
    pos: dict[str, Point] = {}
    y = MARGIN
    for n in order:
        half = max(radius[n], LINE_PX * len(lines[n]) / 2 + 1)
        pos[n] = (round(x, 1), round(y + half, 1))
        y += 2 * half + ROW_GAP
    paths: dict[int, tuple[Point, ...]] = {}
    for i, (u, v, _) in enumerate(view.edges):
        gx = round(gutter - TRACK * (track_of[i] + 1), 1)
        (xu, yu), (xv, yv) = pos[u], pos[v]
        paths[i] = ((xu - radius[u], yu), (gx, yu), (gx, yv), (xv - radius[v], yv))
    width = max(node_box(lines[n], radius[n], pos[n], True)[2] for n in view.nodes) + MARGIN
    return Placed(pos, paths, (round(width, 1), round(y - ROW_GAP + MARGIN, 1)), False)


def _mark(view: View, node: str) -> str:
    """The fold mark after a label: ▸ unfolds, ▾ is open."""
    if node not in view.unfoldable:
        return ""
    return " ▾" if node == view.open else " ▸"


# --- geometry (the curves the component and the SVG draw) ----------------------------------


def curve(p: Point, q: Point, horizontal: bool, steps: int = 16) -> list[Point]:
    """Points along the cubic Bézier from ``p`` to ``q`` that leaves and arrives along the flow
    (vis-network's cubicBezier, roundness 0.5, forced direction)."""
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


def path(placed: Placed, index: int) -> list[Point]:
    """The drawn line of edge ``index``: curves through its points (leaving and arriving sideways:
    the narrow drawing's lines are straight runs to and along the gutter)."""
    pts = placed.paths[index]
    out: list[Point] = []
    for a, b in itertools.pairwise(pts):
        out.extend(curve(a, b, True))
    return out


def _hits(seg: tuple[Point, Point], box: Box) -> bool:
    """Does the segment pass through the box (shrunk by a pixel)? Liang–Barsky clipping."""
    (x0, y0), (x1, y1) = seg
    bx0, by0, bx1, by1 = box[0] + 1, box[1] + 1, box[2] - 1, box[3] - 1
    if max(x0, x1) < bx0 or min(x0, x1) > bx1 or max(y0, y1) < by0 or min(y0, y1) > by1:
        return False
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
    return _through(d.wide if horizontal else d.narrow, view, d.lines, d.radius)


def _through(
    placed: Placed, view: View, lines: Mapping[str, tuple[str, ...]], radius: Mapping[str, float]
) -> list[tuple[tuple[str, str, str], str]]:
    boxes = {n: node_box(lines[n], radius[n], placed.pos[n], True) for n in view.nodes}
    found = []
    for i, (u, v, k) in enumerate(view.edges):
        segs = list(itertools.pairwise(path(placed, i)))
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
