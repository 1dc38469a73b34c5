"""Can a student read the drawing? Measured in Chromium at the default fit, per view and screen.

    python -m benchmarks.legibility             # landing, trace, opened trace, connection, a small dataset
    python -m benchmarks.legibility --no-axe    # skip the accessibility scan

For each view and screen (laptop 1280×720, phone 390×844) it prints: the nodes
whose marker and label lie inside the graph box, the edges drawn as arrows
(by vis-network or, along their laid-out lines, by the component: kgEdges), the
arrows that pass through a node they do not join (segment against box, labels
included), the smallest drawn label, overlapping label pairs, the share of nodes
labelled, the labels cut short, nodes with a hit area under 24 × 24 CSS px
(WCAG 2.2, 2.5.8), and the serious/critical axe-core violations.

What is measured is what the page drew: the component reports the labels it
painted in ``window.kgLabels``; for a drawing that does not (an older page)
the figures come from vis-network's own labels and its draw threshold.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import CHROMIUM_ARGS, server  # noqa: E402

VIEWPORTS = {"laptop": (1280, 720), "phone": (390, 844)}
VIEWS = {
    "landing": "/",
    "?trace=knee_pain": "/?trace=knee_pain",
    "?trace=knee_pain&open=weak_gluteal_muscles": "/?trace=knee_pain&open=weak_gluteal_muscles",
    "?from=leg_length_discrepancy&to=knee_pain": "/?from=leg_length_discrepancy&to=knee_pain",
    "?node=knee_pain&view=around": "/?node=knee_pain&view=around",
}
TINY = ROOT / "tests" / "data" / "valid" / "tiny.yaml"

# Labels as drawn: the component's own report, or vis-network's labels above its draw threshold.
MEASURE_JS = """() => {
  const net = window.kgNetwork;
  const box = net.body.container.getBoundingClientRect();
  const W = box.width, H = box.height;
  const scale = net.getScale();
  const ids = net.body.nodeIndices.slice();
  let labels;
  if (Array.isArray(window.kgLabels)) {
    labels = window.kgLabels.map((l) => ({id: l.id, px: l.px, x: l.x, y: l.y, w: l.w, h: l.h, cut: !!l.cut}));
  } else {
    labels = [];
    for (const id of ids) {
      const node = net.body.nodes[id];
      const text = node.options.label;
      if (!text) continue;
      const px = node.options.font.size * scale;
      const threshold = (node.options.scaling && node.options.scaling.label
        && node.options.scaling.label.drawThreshold) || 5;
      if (px < threshold - 1) continue;  // vis-network skips it: nothing is drawn
      const s = node.labelModule.size;
      const p = net.canvasToDOM({x: s.left, y: s.top});
      labels.push({id, px, x: p.x, y: p.y, w: s.width * scale, h: s.height * scale, cut: text.includes("…")});
    }
  }
  const byId = Object.fromEntries(labels.map((l) => [l.id, l]));
  const small = [];
  const boxes = {};
  let inside = 0;
  for (const id of ids) {
    const node = net.body.nodes[id];
    const w = (node.shape.width || node.options.size * 2) * scale;
    const h = (node.shape.height || node.options.size * 2) * scale;
    const hit = window.kgHitSize ? window.kgHitSize(id) : Math.min(w, h);
    if (hit < 24) small.push(id);
    const p = net.canvasToDOM(net.getPosition(id));
    const disc = {x0: p.x - w / 2, y0: p.y - h / 2, x1: p.x + w / 2, y1: p.y + h / 2};
    const l = byId[id];
    const all = l ? {x0: Math.min(disc.x0, l.x), y0: Math.min(disc.y0, l.y), x1: Math.max(disc.x1, l.x + l.w), y1: Math.max(disc.y1, l.y + l.h)} : disc;
    boxes[id] = [disc, l ? {x0: l.x, y0: l.y, x1: l.x + l.w, y1: l.y + l.h} : null];
    if (all.x0 >= -1 && all.y0 >= -1 && all.x1 <= W + 1 && all.y1 <= H + 1) inside++;
  }
  let overlaps = 0;
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i], b = labels[j];
      const dx = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const dy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (dx > 0.5 && dy > 0.5) overlaps++;
    }
  }
  // Arrows: every edge of the view, drawn by vis (not hidden) or by the component through its bends.
  const visEdges = net.body.data.edges.get();
  const drawnEdges = Array.isArray(window.kgEdges) ? window.kgEdges : [];
  const drawnIds = new Set(drawnEdges.filter((e) => e.byVis ? !net.body.data.edges.get(e.id).hidden : true).map((e) => e.id));
  // A page without kgEdges (older ones) draws only vis-network's unhidden edges.
  const arrows = Array.isArray(window.kgEdges) ? visEdges.filter((e) => drawnIds.has(e.id)).length
    : visEdges.filter((e) => !e.hidden).length;
  // Segment through box (shrunk by 1 px), Liang-Barsky.
  const hits = (x0, y0, x1, y1, b) => {
    let t0 = 0, t1 = 1;
    const dx = x1 - x0, dy = y1 - y0;
    for (const [p, q] of [[-dx, x0 - (b.x0 + 1)], [dx, (b.x1 - 1) - x0], [-dy, y0 - (b.y0 + 1)], [dy, (b.y1 - 1) - y0]]) {
      if (p === 0) { if (q < 0) return false; continue; }
      const r = q / p;
      if (p < 0) t0 = Math.max(t0, r); else t1 = Math.min(t1, r);
      if (t0 > t1) return false;
    }
    return true;
  };
  const through = [];
  for (const e of drawnEdges) {
    for (const id of ids) {
      if (id === e.from || id === e.to) continue;
      const [disc, lab] = boxes[id];
      const pts = e.points;
      let hit = false;
      for (let i = 0; i + 1 < pts.length && !hit; i++) {
        for (const b of [disc, lab]) {
          if (b && hits(pts[i][0], pts[i][1], pts[i + 1][0], pts[i + 1][1], b)) { hit = true; break; }
        }
      }
      if (hit) through.push(`${e.from}->${e.to} through ${id}`);
    }
  }
  const labelled = new Set(labels.map((l) => l.id));
  return {
    nodes: ids.length,
    inside,
    edges: visEdges.length,
    arrows,
    through: through.length,
    throughWhich: through.slice(0, 5),
    smallest: labels.length ? Math.min(...labels.map((l) => l.px)) : null,
    overlaps,
    labelled: ids.filter((id) => labelled.has(id)).length,
    cut: labels.filter((l) => l.cut).length,
    small: small.length,
    layout: window.kgLayout || null,
    wants: window.kgBox ? window.kgBox.width : null,
    scale,
    width: W,
    height: H,
    top: box.top + window.scrollY,
  };
}"""


@dataclass
class Figures:
    view: str
    screen: str
    nodes: int
    inside: int
    edges: int
    arrows: int
    through: int
    smallest: float | None
    overlaps: int
    labelled: int
    cut: int
    small: int
    axe: int | None
    layout: str | None = None
    scale: float = 1.0

    @property
    def ok(self) -> bool:
        return (
            self.smallest is not None
            and self.smallest >= 12
            and self.inside == self.nodes
            and self.arrows == self.edges
            and self.through == 0
            and self.overlaps == 0
            and self.small == 0
            and self.labelled >= 0.9 * self.nodes
            and self.cut <= 0.1 * self.nodes
            and not self.axe
        )


def wait_graph(page: Any) -> None:
    page.wait_for_function(
        "() => window.kgNetwork && window.kgNetwork.body.nodeIndices.length > 0", timeout=60_000, polling="raf"
    )
    # The page settles (columns, sidebar, fonts) and the drawing fits itself again: wait until the scale holds.
    last = None
    for _ in range(40):
        page.wait_for_timeout(400)
        now = page.evaluate("() => [window.kgNetwork.getScale(), window.kgNetwork.body.container.clientWidth]")
        if now == last:
            break
        last = now


def axe_serious(page: Any) -> tuple[int, list[str]]:
    """Serious and critical axe-core violations on the page as it is."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page)
    bad = [v for v in result.response["violations"] if v.get("impact") in ("serious", "critical")]
    return sum(len(v["nodes"]) for v in bad), [f"{v['id']} ({len(v['nodes'])})" for v in bad]


def measure(page: Any, url: str, view: str, screen: str, axe: bool, notes: list[str]) -> Figures:
    page.goto(url)
    wait_graph(page)
    m = page.evaluate(MEASURE_JS)
    count = None
    if axe:
        count, which = axe_serious(page)
        if which:
            notes.append(f"{view}, {screen}: {', '.join(which)}")
    return Figures(
        view,
        screen,
        m["nodes"],
        m["inside"],
        m["edges"],
        m["arrows"],
        m["through"],
        m["smallest"],
        m["overlaps"],
        m["labelled"],
        m["cut"],
        m["small"],
        count,
        m["layout"],
        m["scale"],
    )


def extra_axe(page: Any, url: str, notes: list[str]) -> list[tuple[str, int]]:
    """axe-core on the details panel open and on the study page (laptop)."""
    out = []
    page.goto(url + "/?node=knee_pain")
    wait_graph(page)
    page.get_by_role("heading", name="Knee pain").first.wait_for(timeout=20_000)
    count, which = axe_serious(page)
    out.append(("details open", count))
    if which:
        notes.append(f"details open: {', '.join(which)}")
    page.goto(url + "/study")
    page.get_by_role("heading", name="Study").wait_for(timeout=60_000)
    page.wait_for_timeout(800)
    count, which = axe_serious(page)
    out.append(("study page", count))
    if which:
        notes.append(f"study page: {', '.join(which)}")
    return out


def run(axe: bool = True) -> tuple[list[Figures], list[tuple[str, int]], list[str]]:
    from playwright.sync_api import sync_playwright

    rows: list[Figures] = []
    extra: list[tuple[str, int]] = []
    notes: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        with server() as (url, _proc, _started):
            for screen, (w, h) in VIEWPORTS.items():
                page = browser.new_page(viewport={"width": w, "height": h})
                for name, path in VIEWS.items():
                    rows.append(measure(page, url + path, name, screen, axe, notes))
                if axe and screen == "laptop":
                    extra = extra_axe(page, url, notes)
                page.close()
        with server("--data", str(TINY)) as (url, _proc, _started):
            for screen, (w, h) in VIEWPORTS.items():
                page = browser.new_page(viewport={"width": w, "height": h})
                rows.append(measure(page, url, "small dataset", screen, False, notes))
                page.close()
        browser.close()
    return rows, extra, notes


def table(rows: list[Figures], extra: list[tuple[str, int]]) -> str:
    out = [
        "| view | screen | nodes on screen / in view | arrows drawn / edges | arrows through a node "
        "| smallest label | overlapping labels | labelled | labels cut | nodes < 24 px | axe | layout, scale | met |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        smallest = "none drawn" if r.smallest is None else f"{r.smallest:.1f} px"
        share = f"{100 * r.labelled / max(r.nodes, 1):.0f}%"
        axe = "–" if r.axe is None else str(r.axe)
        out.append(
            f"| {r.view} | {r.screen} | {r.inside}/{r.nodes} | {r.arrows}/{r.edges} | {r.through} | {smallest} "
            f"| {r.overlaps} | {share} | {r.cut} | {r.small} | {axe} | {r.layout}, {r.scale:.2f} "
            f"| {'yes' if r.ok else '**no**'} |"
        )
    for what, count in extra:
        out.append(f"| {what} | laptop | | | | | | | | | {count} | | {'yes' if count == 0 else '**no**'} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.legibility", description=__doc__.splitlines()[0])
    parser.add_argument("--no-axe", action="store_true", help="skip the axe-core accessibility scan")
    args = parser.parse_args(argv)
    rows, extra, notes = run(axe=not args.no_axe)
    print(table(rows, extra))
    for n in notes:
        print(f"- axe: {n}")
    return 0 if all(r.ok for r in rows) and all(c == 0 for _, c in extra) else 1


if __name__ == "__main__":
    raise SystemExit(main())
