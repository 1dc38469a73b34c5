"""A view as a standalone SVG picture: the same drawing as the page (positions, curves, styles),
with its title and a legend of what is drawn. Every label is escaped ``<text>``; nothing is fetched.

    hipknee draw --trace "knee pain" --open "weak glutes" -o trace.svg
"""

from __future__ import annotations

import itertools
import math
from html import escape

import networkx as nx

from .drawing import LABEL_PX, LINE_PX, Drawing, Placed, Point, curve, drawing
from .schema import schema_of
from .style import EDGE_ROLE_STYLES, HIGHLIGHT, edge_legend, edge_role, node_style
from .view import View

__all__ = ["svg"]

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
TITLE_H = 34.0
LEGEND_ROW = 20.0


def _shape(shape: str, x: float, y: float, r: float) -> str:
    """An SVG element for a vis-network shape centred at (x, y)."""

    def poly(points: list[Point]) -> str:
        return '<polygon points="' + " ".join(f"{a:.1f},{b:.1f}" for a, b in points) + '"'

    if shape == "dot":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"'
    if shape == "square":
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}"'
    if shape == "diamond":
        return poly([(x, y - r), (x + r, y), (x, y + r), (x - r, y)])
    if shape in ("triangle", "triangleDown"):
        s = 1 if shape == "triangle" else -1
        return poly([(x, y - s * r), (x + r * 0.87, y + s * r / 2), (x - r * 0.87, y + s * r / 2)])
    if shape == "hexagon":
        return poly([(x + r * math.cos(a), y + r * math.sin(a)) for a in (math.pi / 3 * i for i in range(6))])
    if shape == "star":
        pts = []
        for i in range(10):
            a = -math.pi / 2 + math.pi / 5 * i
            rr = r if i % 2 == 0 else r * 0.45
            pts.append((x + rr * math.cos(a), y + rr * math.sin(a)))
        return poly(pts)
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"'


def _edge_points(placed: Placed, index: int) -> list[Point]:
    """The edge's line as drawn: curves through its points."""
    line: list[Point] = []
    for a, b in itertools.pairwise(placed.paths[index]):
        line.extend(curve(a, b, placed.horizontal))
    return line


def svg(G: nx.MultiDiGraph, view: View, d: Drawing | None = None, horizontal: bool = True) -> str:
    """The view as SVG text (the wide orientation unless ``horizontal`` is False)."""
    d = d if d is not None else drawing(G, view)
    placed = d.wide if horizontal else d.narrow
    schema = schema_of(G)
    present = list(dict.fromkeys(G.nodes[n]["type"] for n in view.nodes))
    styles = edge_legend(G, view)
    w = max(placed.size[0], 360.0)
    legend_h = LEGEND_ROW * (len(present) + len(styles)) + 12
    h = TITLE_H + placed.size[1] + legend_h
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0f}" height="{h:.0f}" '
        f'viewBox="0 0 {w:.0f} {h:.0f}" font-family="{FONT}" font-size="{LABEL_PX}">',
        f"<title>{escape(view.title)}</title>",
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        "<defs>",
    ]
    for role, style in EDGE_ROLE_STYLES.items():
        out.append(
            f'<marker id="arrow-{role}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{style["color"]}"/></marker>'
        )
    out.append("</defs>")
    out.append(f'<text x="10" y="22" font-size="17" font-weight="600" fill="#111111">{escape(view.title)}</text>')
    out.append(f'<g transform="translate(0,{TITLE_H:.0f})">')
    for i, (u, v, k) in enumerate(view.edges):
        role = edge_role(G, k)
        style = EDGE_ROLE_STYLES[role]
        pts = _edge_points(placed, i)
        path = "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in pts)
        dash = f' stroke-dasharray="{" ".join(str(x) for x in style["dashes"])}"' if style["dashes"] else ""
        colour = HIGHLIGHT if (u, v, k) in view.highlight_edges else style["color"]
        faded = ' opacity="0.3"' if u in view.faded or v in view.faded else ""
        label = escape(f"{G.nodes[u]['label']} {schema.edge_types[k].forward} {G.nodes[v]['label']}")
        out.append(
            f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="{style["width"]}"{dash}{faded} '
            f'marker-end="url(#arrow-{role})"><title>{label}</title></path>'
        )
    for n in view.nodes:
        x, y = placed.pos[n]
        r = d.radius[n] * 0.9
        st = node_style(G, G.nodes[n]["type"])
        faded = ' opacity="0.35"' if n in view.faded else ""
        width = 3 if n in view.highlight_nodes else 1
        out.append(f'<g{faded}>{_shape(st.shape, x, y, r)} fill="{st.color}" stroke="#333333" stroke-width="{width}"/>')
        lines = d.lines[n]
        if placed.horizontal:  # right of the marker, centred on it
            tx, ty, anchor = x + d.radius[n] + 6, y - LINE_PX * len(lines) / 2 + LINE_PX * 0.75, "start"
        else:  # under the marker
            tx, ty, anchor = x, y + d.radius[n] + 2 + LINE_PX * 0.75, "middle"
        spans = "".join(
            f'<tspan x="{tx:.1f}" y="{ty + j * LINE_PX:.1f}">{escape(line)}</tspan>' for j, line in enumerate(lines)
        )
        out.append(f'<text text-anchor="{anchor}" fill="#111111">{spans}</text></g>')
    out.append("</g>")
    y = TITLE_H + placed.size[1] + 14
    for t in present:
        st = node_style(G, t)
        out.append(f'{_shape(st.shape, 18, y, 7)} fill="{st.color}" stroke="#333333"/>')
        out.append(f'<text x="32" y="{y + 4:.0f}" fill="#222222">{escape(schema.node_types[t].label)}</text>')
        y += LEGEND_ROW
    for item in styles:
        dash = f' stroke-dasharray="{" ".join(str(x) for x in item["dashes"])}"' if item["dashes"] else ""
        out.append(
            f'<line x1="8" y1="{y:.0f}" x2="28" y2="{y:.0f}" stroke="{item["color"]}" '
            f'stroke-width="{item["width"]}"{dash} marker-end="url(#arrow-{item["role"]})"/>'
        )
        text = item["text"].lstrip("─-·. ").strip()
        out.append(f'<text x="32" y="{y + 4:.0f}" fill="#222222">{escape(text)}</text>')
        y += LEGEND_ROW
    out.append("</svg>")
    return "\n".join(out) + "\n"
