// Draws a vis-network view sent from Python and reports clicks back.
//
// Hooks for tests and benchmarks (read-only; kept stable):
//   window.kgNetwork   the vis-network instance; edges vis does not draw carry `hidden: true`
//   window.kgLabels    the labels drawn: {id, text, lines, full, px, x, y, w, h, onScreen, cut} (DOM px)
//   window.kgHiddenLabels  ids whose label was left out (it would have collided)
//   window.kgEdges     every edge drawn as an arrow: {id, from, to, type, byVis, points: [[x, y] ...]}
//                      (DOM px, sampled along the drawn curve; byVis false: drawn here through its bends)
//   window.kgLayout    "wide" (left to right) or "narrow" (top to bottom)
//   window.kgBox       the box the drawing would like, {width, height} (payload["box"]; wide, full size)
//   window.kgHitSize(id)  a node's hit area in CSS px
//   window.kgSelected  the selected node id (set by the selection component)
// The layered drawing (positions, bends of long edges, wrapped label lines) comes from Python
// (graph/drawing.py), the same one `hipknee draw` writes as SVG.
// Labels and hover text are always text: nothing from the data becomes HTML.
//
// Legibility rules (as sigma.js and Cytoscape.js do it): every label is drawn by this file at a
// fixed on-screen size (LABEL_PX), whatever the zoom; a label that would collide with a more
// important one (lower `rank`) is hidden, never shrunk; every node keeps a hit area of at least
// MIN_HIT CSS px. What was drawn is reported in window.kgLabels for tests and benchmarks.
const STATE = new WeakMap();
const LABEL_PX = 13;
const LABEL_MAX_W = 175;  // a line wrapped in Python (graph/drawing.py WRAP_PX) is never cut again here
const LINE_PX = 16;
const MIN_HIT = 26;
const FONT = `${LABEL_PX}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;

function visReady() {
  if (window.vis && window.vis.Network) return Promise.resolve(window.vis);
  return new Promise((resolve) => {
    window.addEventListener("kg-vis-ready", () => resolve(window.vis), { once: true });
  });
}

function tip(text) {
  const el = document.createElement("div");
  el.className = "kg-tip";
  el.textContent = text;
  return el;
}

// The most room the box may take: on a laptop down to the first screen's bottom (legend under it),
// on a phone up to 1.6 screens (the page scrolls to it).
function roomFor(st) {
  if (window.innerWidth < 640) return Math.round(window.innerHeight * 1.6);
  const top = st.box.getBoundingClientRect().top + window.scrollY;
  return Math.max(320, Math.round(window.innerHeight - Math.min(top, window.innerHeight / 2) - 70));
}

function build(vis, data, layout) {
  const labels = {};
  data.nodes.forEach((n) => { labels[n.id] = n.label; });
  const nodes = data.nodes.map((n) => {
    const node = {
      ...n,
      title: tip(`${n.label} (${(data.types[n.group] || n.group).toLowerCase()})${n.unfold === 1 ? " · click to unfold" : ""}`),
    };
    if (layout === "narrow" && n.nx !== undefined) {
      node.x = n.nx;
      node.y = n.ny;
    }
    if (n.faded) node.opacity = 0.3;
    return node;
  });
  const faded = new Set(data.nodes.filter((n) => n.faded).map((n) => n.id));
  const edges = data.edges.map((e, i) => {
    const rel = data.relations[e.type] || { forward: e.type };
    const when = e.when ? ` (${e.when})` : "";
    const text = `${labels[e.from]} ${rel.forward} ${(labels[e.to] || "").toLowerCase()}${when}`;
    const dim = faded.has(e.from) || faded.has(e.to);
    return {
      id: `${e.from}|${e.type}|${e.to}|${i}`,
      ...e,
      color: e.color ? { color: e.color } : { color: rel.color, highlight: "#111111", hover: "#111111", opacity: dim ? 0.25 : 1 },
      dashes: rel.dashes,
      width: e.width || rel.width,
      label: data.edgeLabels ? rel.forward : undefined,
      title: tip(text),
      // A layered drawing's edges are drawn by drawEdges along the lines Python laid out (from the
      // source's box to the target, through the gaps between nodes); vis draws free-form ones.
      hidden: Boolean(e.path),
      smooth: { type: "cubicBezier", forceDirection: layout === "narrow" ? "vertical" : "horizontal", roundness: 0.5 },
      rel,
      dim,
    };
  });
  return { nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges) };
}

function legend(st, data) {
  st.legend.replaceChildren();
  const add = (glyph, color, text) => {
    const row = document.createElement("div");
    const mark = document.createElement("span");
    mark.className = "kg-glyph";
    mark.style.color = color;
    mark.textContent = glyph;
    mark.setAttribute("aria-hidden", "true");
    row.appendChild(mark);
    row.appendChild(document.createTextNode(" " + text));
    st.legend.appendChild(row);
  };
  (data.legend || []).forEach((item) => add(item.glyph, item.color, item.label));
  (data.edgeLegend || []).forEach((item) => {
    const row = document.createElement("div");
    const line = document.createElement("span");
    line.className = "kg-line";
    line.setAttribute("aria-hidden", "true");
    line.style.borderTop = `${Math.max(2, item.width)}px ${item.dashes ? (item.role === "grouping" ? "dotted" : "dashed") : "solid"} ${item.color}`;
    row.appendChild(line);
    row.appendChild(document.createTextNode(" " + item.text.replace(/^[─\-·. ]+/, "")));
    st.legend.appendChild(row);
  });
}

function select(st, id) {
  if (!st.network) return;
  if (id && st.nodes.get(id)) {
    st.network.selectNodes([id], true);
  } else {
    st.network.unselectAll();
  }
}

// The node a click or a tap hit: its marker, or its label as drawn (labels are ours, not vis-network's).
function nodeAt(st, params) {
  if (params.nodes.length) return params.nodes[0];
  const p = params.pointer && params.pointer.DOM;
  const hit = p && (st.drawn || []).find((l) => p.x >= l.x && p.x <= l.x + l.w && p.y >= l.y && p.y <= l.y + l.h);
  return hit ? hit.id : null;
}

function decode(data) {
  // Python sends the view as JSON bytes; the offline HTML file passes an object.
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) {
    return JSON.parse(new TextDecoder().decode(data));
  }
  return data;
}

// --- labels at a fixed on-screen size ---------------------------------------------------------

function shorten(ctx, text) {
  if (ctx.measureText(text).width <= LABEL_MAX_W) return text;
  let cut = text.length;
  while (cut > 4 && ctx.measureText(text.slice(0, cut) + "…").width > LABEL_MAX_W) cut--;
  return text.slice(0, cut).trimEnd() + "…";
}

function hitRadius(network, id) {
  const node = network.body.nodes[id];
  // vis-network resizes a shape when it draws it: a node off screen still has its old width.
  return node ? Math.max(node.shape.width || 0, node.options.size * 2) / 2 : 0;
}

// The label's lines (wrapped in Python) and their widths, measured once per drawing.
function labelText(st, ctx, id) {
  const hit = st.texts.get(id);
  if (hit) return hit;
  const base = st.labels[id] || "";
  const given = st.lines[id];
  let lines;
  if (given && given.length) {
    lines = given.map((l) => shorten(ctx, l));
  } else {
    const mark = st.unfold[id] === 1 ? " ▸" : st.unfold[id] === 2 ? " ▾" : "";
    lines = [shorten(ctx, base) + mark];
  }
  const w = Math.max(...lines.map((l) => ctx.measureText(l).width)) + 6;
  const text = lines.join(" ");
  const entry = { base, text, lines, w, cut: text.includes("…") };
  st.texts.set(id, entry);
  return entry;
}

// Points along vis-network's cubic Bézier (roundness 0.5, forced direction): as graph/drawing.py.
// Edges with bends (long edges, or ones that would cross a node): drawn here through their points,
// in their relation's style, with an arrowhead at the target; every drawn edge reported in kgEdges.
function drawEdges(st, ctx) {
  const network = st.network;
  // Lines leave and reach nodes sideways (the narrow drawing's are straight runs along its gutter).
  const horizontal = true;
  const scale = network.getScale();
  const report = [];
  ctx.save();
  st.edges.forEach((e) => {
    const from = network.getPosition(e.from);
    const to = network.getPosition(e.to);
    const given = st.layout === "narrow" ? e.npath : e.path;
    const pts = given ? given.map(([x, y]) => ({ x, y })) : [from, to];
    let line = [];
    for (let i = 0; i + 1 < pts.length; i++) line = line.concat(curvePoints(pts[i], pts[i + 1], horizontal));
    report.push({
      id: e.id, from: e.from, to: e.to, type: e.type, byVis: !e.hidden,
      points: line.map((p) => { const q = network.canvasToDOM(p); return [q.x, q.y]; }),
    });
    if (!e.hidden) return;
    // Stop at the marker as it is drawn now (it grows when zoomed out, for a finger).
    const r = hitRadius(network, e.to);
    const end = line.findIndex((p) => Math.hypot(p.x - to.x, p.y - to.y) <= r + 1);
    const cut = line.slice(0, end > 1 ? end : line.length);
    ctx.beginPath();
    ctx.moveTo(cut[0].x, cut[0].y);
    cut.slice(1).forEach((p) => ctx.lineTo(p.x, p.y));
    const color = e.color && e.color.color ? e.color.color : "#3d3d3d";
    ctx.strokeStyle = color;
    ctx.globalAlpha = e.dim ? 0.25 : 1;
    ctx.lineWidth = e.width || 1;
    ctx.setLineDash(Array.isArray(e.dashes) ? e.dashes : []);
    ctx.stroke();
    ctx.setLineDash([]);
    const tip = cut[cut.length - 1];
    const back = cut[Math.max(0, cut.length - 3)];
    const angle = Math.atan2(tip.y - back.y, tip.x - back.x);
    const size = 9 / Math.max(scale, 0.5);
    ctx.beginPath();
    ctx.moveTo(tip.x, tip.y);
    ctx.lineTo(tip.x - size * Math.cos(angle - 0.4), tip.y - size * Math.sin(angle - 0.4));
    ctx.lineTo(tip.x - size * Math.cos(angle + 0.4), tip.y - size * Math.sin(angle + 0.4));
    ctx.closePath();
    ctx.fillStyle = color;
    ctx.fill();
    ctx.globalAlpha = 1;
  });
  ctx.restore();
  window.kgEdges = report;
}

function drawLabels(st, ctx) {
  const started = performance.now();
  const network = st.network;
  const scale = network.getScale();
  const dpr = network.canvas.pixelRatio || window.devicePixelRatio || 1;
  const width = st.box.clientWidth;
  const height = st.box.clientHeight;
  ctx.save();
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.font = FONT;
  ctx.textBaseline = "middle";
  const placed = [];
  const drawn = [];
  const hidden = [];
  // Layered drawings keep room for each label right of its node; free-form ones try the sides in turn.
  const side = st.layered ? ["right", "below", "above"] : ["below", "right", "above", "left"];
  const ids = network.body.nodeIndices.slice().sort((a, b) => st.rank[a] - st.rank[b]);
  // Node discs take room too: a label may not cover another node.
  const discs = ids.map((id) => {
    const p = network.canvasToDOM(network.getPosition(id));
    return { id, x: p.x, y: p.y, r: hitRadius(network, id) * scale };
  });
  for (const id of ids) {
    const p = network.canvasToDOM(network.getPosition(id));
    const r = hitRadius(network, id) * scale;
    const { base, text, lines, w, cut } = labelText(st, ctx, id);
    const box = placeLabel({ id, x: p.x, y: p.y, r }, w, LINE_PX * lines.length, side, placed, discs);
    if (!box) { hidden.push(id); continue; }
    placed.push(box);
    const faded = st.faded.has(id);
    ctx.lineWidth = 3;
    ctx.strokeStyle = "rgba(255,255,255,0.95)";
    ctx.fillStyle = faded ? "#595959" : "#111111";
    const left = side[0] === "right" && box.x > p.x;
    ctx.textAlign = left ? "left" : "center";
    const tx = left ? box.x + 3 : box.x + box.w / 2;
    lines.forEach((line, i) => {
      const y = box.y + LINE_PX * (i + 0.5);
      ctx.strokeText(line, tx, y);
      ctx.fillText(line, tx, y);
    });
    const onScreen = box.x >= -1 && box.x + box.w <= width + 1 && box.y >= -1 && box.y + box.h <= height + 1;
    drawn.push({ id, text, lines, full: base, px: LABEL_PX, x: box.x, y: box.y, w: box.w, h: box.h, onScreen, cut });
  }
  ctx.restore();
  window.kgLabelMs = performance.now() - started;  // the label pass, for profiling
  st.drawn = drawn;
  window.kgLabels = drawn;
  window.kgHiddenLabels = hidden;
}

function labels(st, id) {
  return st.labels[id] || "";
}

// On a phone the details sit under the graph: once they name the tapped node, scroll them into view.
function showDetails(label) {
  const until = performance.now() + 5000;
  const look = () => {
    const heading = [...document.querySelectorAll("[data-testid='stHeading'] h3")]
      // visible only: beside a trace the details may still sit in a hidden tab for a moment
      .find((h) => h.getClientRects().length > 0
        && h.innerText.trim().toLowerCase() === label.replace(/\s\(\d+\)$/, "").trim().toLowerCase());
    if (heading) {
      heading.scrollIntoView({ block: "start", behavior: "instant" });
      return;
    }
    if (performance.now() < until) setTimeout(look, 50);
  };
  setTimeout(look, 50);
}

// Nodes keep a hit area a finger can use, whatever the zoom.
function sizeNodes(st) {
  const scale = st.network.getScale();
  const want = MIN_HIT / 2 / scale;
  const key = Math.round(want * 10);
  if (st.sizedFor === key) return;
  st.sizedFor = key;
  const updates = [];
  st.nodes.forEach((n) => {
    const base = n.borderWidth === 4 ? 20 : 14;
    updates.push({ id: n.id, size: Math.max(base, want) });
  });
  st.nodes.update(updates);
}

// Every node with its label, in canvas units at view scale `scale` (labels keep their screen size).
function bounds(st, scale) {
  const network = st.network;
  const ctx = measurer();
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  network.body.nodeIndices.forEach((id) => {
    const p = network.getPosition(id);
    const r = hitRadius(network, id);
    const { w, lines } = labelText(st, ctx, id);
    const lh = LINE_PX * lines.length;
    if (st.layered) {  // label right of the marker
      x0 = Math.min(x0, p.x - r);
      x1 = Math.max(x1, p.x + r + (w + 4) / scale);
      y0 = Math.min(y0, p.y - Math.max(r, lh / 2 / scale));
      y1 = Math.max(y1, p.y + Math.max(r, lh / 2 / scale));
    } else {
      const half = Math.max(r, w / 2 / scale);
      x0 = Math.min(x0, p.x - half);
      x1 = Math.max(x1, p.x + half);
      y0 = Math.min(y0, p.y - r);
      y1 = Math.max(y1, p.y + r + (lh + 4) / scale);
    }
  });
  // A long edge may bend past the outermost node: its line is part of the picture too.
  if (st.layered && st.edges) {
    st.edges.forEach((e) => {
      ((st.layout === "narrow" ? e.npath : e.path) || []).forEach(([x, y]) => {
        x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
      });
    });
  }
  return { x0, y0, x1, y1 };
}

let MEASURER = null;
function measurer() {
  if (!MEASURER) MEASURER = document.createElement("canvas").getContext("2d");
  MEASURER.font = FONT;
  return MEASURER;
}

// Fit: the whole view with its labels, as big as the box allows (never above 1.25).
function home(st) {
  const network = st.network;
  if (!network || !network.body.nodeIndices.length) return;
  const W = Math.max(1, st.box.clientWidth - 8);
  const H = Math.max(1, st.box.clientHeight - 8);
  let scale = 1;
  let b = bounds(st, scale);
  for (let i = 0; i < 4; i++) {
    scale = Math.min(1.25, W / (b.x1 - b.x0), H / (b.y1 - b.y0));
    b = bounds(st, scale);
  }
  if (!st.layered) scale = Math.max(scale, 0.55);  // a big free-form graph: readable, pan for the rest
  network.moveTo({ position: { x: (b.x0 + b.x1) / 2, y: (b.y0 + b.y1) / 2 }, scale, animation: false });
  sizeNodes(st);  // moveTo fires no zoom event: keep every hit area a finger's size at this scale
}

// The box takes the drawing's aspect ratio: as tall as the drawing at the width's scale, within
// the room (first screen on a laptop, 1.6 screens on a phone).
function sizeBox(st, data, layout) {
  const room = roomFor(st);
  const width = st.box.clientWidth || 600;
  let px = room;
  if (data.size) {
    const [w, h] = data.size[layout === "narrow" ? "narrow" : "wide"];
    px = Math.min(room, Math.ceil(h * Math.min(1, (width - 8) / w)) + 12);
  }
  st.box.style.height = `${Math.max(260, px)}px`;
}

function download(name, url) {
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

// Save picture: the drawing as PNG (the canvas as drawn) and as SVG (made in Python from the same
// positions, with title and legend).
function savePicture(st, kind) {
  if (!st.network || !st.data) return;
  const stem = (st.data.title || "graph").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "graph";
  if (kind === "png") {
    const canvas = st.box.querySelector("canvas");
    const out = document.createElement("canvas");
    out.width = canvas.width;
    out.height = canvas.height;
    const ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(canvas, 0, 0);
    download(`${stem}.png`, out.toDataURL("image/png"));
  } else if (st.data.svg) {
    const url = URL.createObjectURL(new Blob([st.data.svg], { type: "image/svg+xml" }));
    download(`${stem}.svg`, url);
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }
}

function frame(parentElement) {
  const frame = document.createElement("div");
  frame.className = "kg-frame";
  const bar = document.createElement("div");
  bar.className = "kg-bar";
  const fit = document.createElement("button");
  fit.type = "button";
  fit.className = "kg-fit";
  fit.textContent = "Fit";
  fit.title = "Show the whole view again";
  const hint = document.createElement("span");
  hint.className = "kg-hint";
  // A touch screen has no wheel, and one finger pans the graph only once it has been tapped.
  hint.textContent = window.matchMedia && window.matchMedia("(pointer: coarse)").matches
    ? "Tap a node for details · once the graph is tapped, drag to pan, pinch to zoom"
    : "Click a node for details · Ctrl + wheel or pinch to zoom · drag to pan";
  const save = document.createElement("span");
  save.className = "kg-save";
  const png = document.createElement("button");
  png.type = "button";
  png.className = "kg-fit";
  png.textContent = "Save picture (PNG)";
  const svg = document.createElement("button");
  svg.type = "button";
  svg.className = "kg-fit";
  svg.textContent = "SVG";
  svg.title = "Save picture as SVG (with title and legend)";
  save.appendChild(png);
  save.appendChild(svg);
  bar.appendChild(fit);
  bar.appendChild(save);
  bar.appendChild(hint);
  const box = document.createElement("div");
  box.className = "kg-graph";
  box.tabIndex = 0;
  box.setAttribute("role", "img");
  const key = document.createElement("div");
  key.className = "kg-legend";
  key.setAttribute("aria-label", "Legend");
  frame.appendChild(bar);
  frame.appendChild(box);
  frame.appendChild(key);
  parentElement.appendChild(frame);
  return { box, legend: key, fit, png, svg };
}

function zoomAt(network, factor, x, y) {
  const scale = Math.min(3, Math.max(0.2, network.getScale() * factor));
  const before = network.DOMtoCanvas({ x, y });
  network.moveTo({ scale, animation: false });
  const after = network.DOMtoCanvas({ x, y });
  const view = network.getViewPosition();
  network.moveTo({ position: { x: view.x + before.x - after.x, y: view.y + before.y - after.y }, animation: false });
}

export default function (component) {
  const { parentElement, setTriggerValue } = component;
  let st = STATE.get(parentElement);
  if (!st) {
    const parts = frame(parentElement);
    st = { ...parts, version: null, network: null };
    STATE.set(parentElement, st);
    KGI.attach(st);  // interaction hook (graph_keys.js): card, keys, touch, live region, the server's selections
    parts.fit.addEventListener("click", () => { if (st.network) home(st); });
    parts.png.addEventListener("click", () => savePicture(st, "png"));
    parts.svg.addEventListener("click", () => savePicture(st, "svg"));
    // Focus the graph on a click without scrolling the page under the pointer (a scroll mid-click
    // would land the click on another node).
    parts.box.addEventListener("mousedown", (event) => {
      event.preventDefault();
      parts.box.focus({ preventScroll: true });
    });
    // The wheel scrolls the page; it zooms only when the graph has focus or a modifier is held.
    parts.box.addEventListener("wheel", (event) => {
      if (!st.network) return;
      const focused = parts.box.contains(document.activeElement);
      if (!(focused || event.ctrlKey || event.metaKey || event.altKey)) return;
      event.preventDefault();
      const r = parts.box.getBoundingClientRect();
      zoomAt(st.network, event.deltaY < 0 ? 1.15 : 1 / 1.15, event.clientX - r.left, event.clientY - r.top);
    }, { passive: false });
    // Keep the view readable when the page lays the box out again.
    let lastWidth = 0;
    new ResizeObserver(() => {
      const w = parts.box.clientWidth;
      if (st.network && Math.abs(w - lastWidth) > 2) {
        lastWidth = w;
        if (st.data && chooseLayout(st.data, w, roomFor(st)) !== st.layout) {
          st.version = null;
          draw(st, st.data);
        } else {
          home(st);
        }
      }
    }).observe(parts.box);
  }
  st.trigger = setTriggerValue;
  const data = decode(component.data);
  if (!data || !data.nodes || st.version === data.version) return;
  draw(st, data);
}

function draw(st, data) {
  st.version = data.version;
  st.data = data;
  st.box.setAttribute("aria-label", `${data.title}: ${data.nodes.length} nodes. A text version is in the Text view.`);
  legend(st, data);
  visReady().then((vis) => {
    const layout = chooseLayout(data, st.box.clientWidth || 600, roomFor(st));
    st.layout = layout;
    window.kgLayout = layout;
    window.kgBox = data.box || null;
    st.layered = Boolean(data.layered);
    sizeBox(st, data, layout);
    const { nodes, edges } = build(vis, data, layout);
    st.nodes = nodes;
    st.edges = edges;
    st.lines = {};
    st.labels = {};
    st.rank = {};
    st.unfold = {};
    st.faded = new Set();
    st.texts = new Map();
    data.nodes.forEach((n) => {
      st.labels[n.id] = n.label;
      st.lines[n.id] = n.lines;
      st.rank[n.id] = n.rank === undefined ? 0 : n.rank;
      st.unfold[n.id] = n.unfold;
      if (n.faded) st.faded.add(n.id);
    });
    if (st.network) {
      st.network.destroy();
      st.network = null;
    }
    const options = { ...data.options };
    options.nodes = { ...(options.nodes || {}), font: { size: 0 } };  // labels are drawn below, at a fixed size
    options.interaction = {
      ...(options.interaction || {}),
      zoomView: false,  // the wheel is ours (see above): the page scrolls unless the graph has focus
      keyboard: { enabled: false },  // vis-network would focus (and scroll to) the canvas on every hover
    };
    const network = new vis.Network(st.box, { nodes, edges }, options);
    st.network = network;
    st.sizedFor = null;
    window.kgNetwork = network;
    window.kgHitSize = (id) => hitRadius(network, id) * 2 * network.getScale();
    network.on("afterDrawing", (ctx) => {
      drawEdges(st, ctx);
      drawLabels(st, ctx);
    });
    network.on("zoom", () => sizeNodes(st));
    network.on("doubleClick", (params) => {
      // Only the whole graph and a neighbourhood open a neighbourhood; a trace, a connection or the
      // overview is never left by accident.
      const id = nodeAt(st, params);
      if (id && st.data.explorable) st.trigger("explore", id);
    });
    home(st);
    sizeNodes(st);
    home(st);
    network.once("afterDrawing", () => {
      st.box.dataset.painted = "true";
    });
    select(st, window.kgSelected);
    KGI.drawn(st, data, network);  // interaction hook (graph_keys.js)
  });
}
