"""A view -> the vis-network payload the component draws, its table rows, and the offline HTML file.

The nodes, edges and options are built with pyvis.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from typing import Any

import networkx as nx
from pyvis.network import Network

from .details import node_details
from .drawing import Drawing, display_label, drawing
from .layout import positions
from .schema import schema_of
from .style import EDGE_ROLE_STYLES, GLYPHS, HIGHLIGHT, edge_legend, node_style
from .svg import svg
from .text import capitalize
from .view import View

__all__ = [
    "label_rank",
    "payload",
    "standalone_html",
    "view_rows",
    "vis_network_js",
]


# --- payload --------------------------------------------------------------


def _options(G: nx.MultiDiGraph) -> dict[str, Any]:
    net = Network(directed=True)
    net.toggle_physics(False)
    net.set_edge_smooth("cubicBezier")  # the component forces its direction per orientation
    options: dict[str, Any] = json.loads(net.options.to_json())
    options["interaction"].update(
        {
            "hover": True,
            "tooltipDelay": 150,
            "navigationButtons": False,
            "keyboard": {"enabled": True},
            "multiselect": False,
        }
    )
    options["nodes"] = {
        "size": 14,
        "font": {"size": 15, "face": "system-ui, sans-serif", "strokeWidth": 3},
        "borderWidth": 1,
        "widthConstraint": {"maximum": 130},  # long labels wrap instead of overlapping
    }
    options["edges"].update(
        {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "font": {"size": 11, "align": "middle", "strokeWidth": 3},
        }
    )
    options.pop("configure", None)
    return options


def payload(G: nx.MultiDiGraph, view: View, pos: Mapping[str, tuple[float, float]] | None = None) -> dict[str, Any]:
    """The JSON the graph component draws: nodes, edges and options built with pyvis.

    Only ids, labels, types, positions and relation types go out; the browser
    builds hover text from the type tables, and treats every label as text.
    ``version`` changes exactly when the drawing does.
    """
    layered = view.levels is not None
    d = drawing(G, view) if layered else None
    pos = positions(G, view) if pos is None else pos
    schema = schema_of(G)
    net = Network(directed=True)
    narrow = d.narrow.pos if d else {}
    rank = label_rank(G, view)
    for n in view.nodes:
        data = G.nodes[n]
        style = node_style(G, data["type"])
        x, y = pos[n]
        extra: dict[str, Any] = {"rank": rank[n]}
        if n in view.highlight_nodes:
            extra.update({"borderWidth": 4, "size": 20})
        if n in narrow:
            extra.update({"nx": round(narrow[n][0]), "ny": round(narrow[n][1])})
        if d is not None:
            extra["lines"] = list(d.lines[n])
        if n in view.faded:
            extra["faded"] = 1
        if n in view.unfoldable:
            extra["unfold"] = 1 if n != view.open else 2
        net.add_node(
            n, label=display_label(G, view, n), shape=style.shape, x=round(x), y=round(y), group=data["type"], **extra
        )
    for i, (u, v, k) in enumerate(view.edges):
        net.add_edge(u, v, type=k, **_edge_extra(view, d, i))
    # The group already sets the shape and the options set the arrows: keep the payload lean.
    for node in net.nodes:
        del node["shape"]
    for edge in net.edges:
        edge.pop("arrows", None)
    present = {G.nodes[n]["type"] for n in view.nodes}
    options = _options(G)
    options["groups"] = {
        name: {"color": {"background": s.color, "border": "#333333"}, "shape": s.shape}
        for name in schema.node_types
        for s in [node_style(G, name)]
    }
    data = {
        "title": view.title,
        "nodes": net.nodes,
        "edges": net.edges,
        "options": options,
        "types": {name: nt.label for name, nt in schema.node_types.items()},
        "relations": {
            name: {"forward": et.forward, **EDGE_ROLE_STYLES.get(et.role, EDGE_ROLE_STYLES["other"])}
            for name, et in schema.edge_types.items()
        },
        "legend": [
            {"label": nt.label, "color": node_style(G, name).color, "glyph": GLYPHS.get(node_style(G, name).shape, "●")}
            for name, nt in schema.node_types.items()
            if name in present
        ],
        "edgeLegend": edge_legend(G, view),
        "edgeLabels": view.edge_labels,
        "focus": view.focus,
        "layered": layered,
        "explorable": view.explorable,
    }
    if d is not None:
        # Both orientations' extents (canvas px at scale 1) and the box the drawing would like:
        # wide enough for the left-to-right drawing at full size, as tall as it then is.
        data["size"] = {"wide": list(d.wide.size), "narrow": list(d.narrow.size)}
        data["box"] = {"width": round(d.wide.size[0]) + 2, "height": round(d.wide.size[1]) + 2}
        data["svg"] = svg(G, view, d)
    data["details"] = node_details(G, view.nodes)  # the card of each drawn node (graph/details.py)
    digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]
    data["version"] = digest
    return data


def _edge_extra(view: View, d: Drawing | None, i: int) -> dict[str, Any]:
    """An edge's line in each orientation (the points its curves run through), its highlight and its condition."""
    e = view.edges[i]
    extra: dict[str, Any] = {}
    if d is not None:
        extra["path"] = [[round(x, 1), round(y, 1)] for x, y in d.wide.paths[i]]
        extra["npath"] = [[round(x, 1), round(y, 1)] for x, y in d.narrow.paths[i]]
    if e in view.highlight_edges:
        extra.update({"width": 4, "color": HIGHLIGHT})
    if e in view.when:
        extra["when"] = view.when[e]
    return extra


def label_rank(G: nx.MultiDiGraph, view: View) -> dict[str, int]:
    """Which label wins where two would collide: 0 is kept first. Highlighted nodes and the view's
    focus first, then by role (symptoms, causes, mechanisms, care, context), then the best connected."""
    schema = schema_of(G)
    roles = ("symptom", "cause", "mechanism", "diagnostic", "treatment", "prevention")
    order = sorted(
        view.nodes,
        key=lambda n: (
            n not in view.highlight_nodes and n != view.focus,
            n in view.faded,
            roles.index(r) if (r := schema.role_of(G.nodes[n]["type"])) in roles else len(roles),
            -G.degree(n),
            G.nodes[n]["label"],
        ),
    )
    return {n: i for i, n in enumerate(order)}


def view_rows(G: nx.MultiDiGraph, view: View) -> list[dict[str, str]]:
    """The view as rows for a table: one per edge, read as a sentence (the text alternative)."""
    edge_types = schema_of(G).edge_types
    rows = []
    for u, v, k in view.edges:
        derived = (u, v, k) in view.derived or not G.has_edge(u, v, k)
        rows.append(
            {
                "From": capitalize(G.nodes[u]["label"]),
                "Relation": edge_types[k].forward + (" (step by step)" if derived else ""),
                "To": G.nodes[v]["label"],
                "Section": "" if derived else G.edges[u, v, k]["section"],
            }
        )
    linked = {n for e in view.edges for n in e[:2]}
    for n in view.nodes:
        if n not in linked:
            rows.append(
                {"From": capitalize(G.nodes[n]["label"]), "Relation": "", "To": "", "Section": G.nodes[n]["section"]}
            )
    return rows


# --- offline file ---------------------------------------------------------

VIS_JS = "lib/vis-9.1.2/vis-network.min.js"


@cache
def vis_network_js() -> str:
    """vis-network's standalone bundle, as shipped inside the installed pyvis package."""
    return (files("pyvis") / VIS_JS).read_text(encoding="utf-8")


def _script_json(data: object) -> str:
    """JSON that is safe inside a <script> element (no '</script>', no '<!--')."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# The page's component, in the order it is loaded (the offline HTML and graph/app/component use both).
COMPONENT_SCRIPTS = ("geometry.js", "visits.js", "graph_keys.js", "graph_view.js")
COMPONENT_STYLES = ("graph_view.css", "graph_keys.css")


def standalone_html(data: Mapping[str, Any]) -> str:
    """The view as one self-contained HTML file that works offline (vis-network inlined)."""
    here = files(__package__) / "app" / "component"
    script = "\n".join((here / name).read_text(encoding="utf-8") for name in COMPONENT_SCRIPTS)
    script = script.replace("export default function", "function drawGraph")
    css = "\n".join((here / name).read_text(encoding="utf-8") for name in COMPONENT_STYLES)
    title = html.escape(str(data.get("title", "Hip–Knee graph")))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ margin: 0; font: 15px system-ui, sans-serif; }}
h1 {{ font-size: 18px; margin: 12px 16px; }}
#root {{ position: relative; height: calc(100vh - 60px); margin: 0 16px 16px; }}
{css}
</style>
<script>{vis_network_js()}</script>
</head>
<body>
<h1>{title}</h1>
<div id="root"></div>
<script>
{script}
drawGraph({{ data: {_script_json(data)}, parentElement: document.getElementById("root"), setTriggerValue: function () {{}} }});
</script>
</body>
</html>
"""
