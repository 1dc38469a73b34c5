// The component's pure geometry: no DOM, no canvas, no vis-network. Loaded before graph_keys.js and
// graph_view.js (one module), and on its own by tests/e2e/test_geometry.py, which checks it in a
// blank page against graph/drawing.py's twins (curve) and the rules below.

// Left to right when it shows the drawing at least as big as top to bottom does.
function chooseLayout(data, width, room) {
  if (!data.size || !data.nodes.some((n) => n.nx !== undefined)) return "wide";
  const fit = ([w, h]) => Math.min(1, width / w, room / h);
  return fit(data.size.wide) >= fit(data.size.narrow) - 0.02 ? "wide" : "narrow";
}

// Where a node's label goes: the first of `sides` ("right", "left", "below", "above") where its
// w × h box overlaps no label already `placed` and no other node's disc ({id, x, y, r}); null if none.
// A label is hidden, never shrunk, when every side is taken (more important labels are placed first).
function placeLabel(node, w, h, sides, placed, discs) {
  const hitsDisc = (b) => discs.some((d) => d.id !== node.id
    && d.x + d.r > b.x && d.x - d.r < b.x + b.w && d.y + d.r > b.y && d.y - d.r < b.y + b.h);
  for (const s of sides) {
    const b = s === "right" ? { x: node.x + node.r + 3, y: node.y - h / 2 }
      : s === "left" ? { x: node.x - node.r - 4 - w, y: node.y - h / 2 }
      : s === "below" ? { x: node.x - w / 2, y: node.y + node.r + 1 }
      : { x: node.x - w / 2, y: node.y - node.r - 2 - h };
    b.w = w;
    b.h = h;
    const clash = placed.some((o) => o.x < b.x + b.w && b.x < o.x + o.w && o.y < b.y + b.h && b.y < o.y + o.h);
    if (!clash && !hitsDisc(b)) return b;
  }
  return null;
}

// The cubic curve from p to q that leaves and enters along the flow (graph/drawing.py `curve`).
function curvePoints(p, q, horizontal, steps = 16) {
  const c1 = horizontal ? { x: (p.x + q.x) / 2, y: p.y } : { x: p.x, y: (p.y + q.y) / 2 };
  const c2 = horizontal ? { x: (p.x + q.x) / 2, y: q.y } : { x: q.x, y: (p.y + q.y) / 2 };
  const out = [];
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const a = (1 - t) ** 3, b = 3 * t * (1 - t) ** 2, c = 3 * t * t * (1 - t), d = t ** 3;
    out.push({ x: a * p.x + b * c1.x + c * c2.x + d * q.x, y: a * p.y + b * c1.y + c * c2.y + d * q.y });
  }
  return out;
}

