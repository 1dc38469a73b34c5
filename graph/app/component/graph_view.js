// Draws a vis-network view sent from Python and reports clicks back.
// Labels and hover text are always text: nothing from the data becomes HTML.
//
// Legibility rules (as sigma.js and Cytoscape.js do it): every label is drawn by this file at a
// fixed on-screen size (LABEL_PX), whatever the zoom; a label that would collide with a more
// important one (lower `rank`) is hidden, never shrunk; every node keeps a hit area of at least
// MIN_HIT CSS px. What was drawn is reported in window.kgLabels for tests and benchmarks.
const STATE = new WeakMap();
const LABEL_PX = 13;
const LABEL_MAX_W = 190;
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

// Wide columns when they fit at (nearly) full size; otherwise the indented list for narrow screens.
function chooseLayout(data, width) {
  if (!data.layered || !data.nodes.some((n) => n.nx !== undefined)) return "wide";
  const xs = data.nodes.map((n) => n.x);
  const span = Math.max(...xs) - Math.min(...xs) + LABEL_MAX_W + 60;
  return span <= width * 1.12 ? "wide" : "narrow";
}

function build(vis, data, layout) {
  const labels = {};
  data.nodes.forEach((n) => { labels[n.id] = n.label; });
  const nodes = data.nodes.map((n) => {
    const node = {
      ...n,
      title: tip(`${n.label} (${(data.types[n.group] || n.group).toLowerCase()})${n.unfold === 1 ? " · click to unfold" : ""}`),
    };
    if (layout === "narrow") {
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
      // The indented list says by its order what the arrows would; drawn, they pile up on its left edge.
      hidden: layout === "narrow" && !e.color,
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
  (data.edgeLegend || []).forEach((item) => add("", item.color, item.text));
}

function select(st, id) {
  if (!st.network) return;
  if (id && st.nodes.get(id)) {
    st.network.selectNodes([id], true);
  } else {
    st.network.unselectAll();
  }
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
  return node ? (node.shape.width || node.options.size * 2) / 2 : 0;
}

// Shortened text and its width per label, measured once per drawing (measureText is the slow part).
function labelText(st, ctx, id) {
  const hit = st.texts.get(id);
  if (hit) return hit;
  const base = st.labels[id] || "";
  const mark = st.unfold[id] === 1 ? " ▸" : st.unfold[id] === 2 ? " ▾" : "";
  const text = shorten(ctx, base) + mark;
  const entry = { base, text, w: ctx.measureText(text).width + 4 };
  st.texts.set(id, entry);
  return entry;
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
  const side = st.layered ? ["right", "below", "above"] : ["below", "right", "above", "left"];
  const ids = network.body.nodeIndices.slice().sort((a, b) => st.rank[a] - st.rank[b]);
  // Node discs take room too: a label may not cover another node.
  const discs = ids.map((id) => {
    const p = network.canvasToDOM(network.getPosition(id));
    return { id, x: p.x, y: p.y, r: hitRadius(network, id) * scale };
  });
  const hitsDisc = (b, own) => discs.some((d) => d.id !== own
    && d.x + d.r > b.x && d.x - d.r < b.x + b.w && d.y + d.r > b.y && d.y - d.r < b.y + b.h);
  for (const id of ids) {
    const p = network.canvasToDOM(network.getPosition(id));
    const r = hitRadius(network, id) * scale;
    const { base, text, w } = labelText(st, ctx, id);
    const h = LABEL_PX + 5;
    let box = null;
    for (const s of side) {
      const b = s === "right" ? { x: p.x + r + 4, y: p.y - h / 2 }
        : s === "left" ? { x: p.x - r - 4 - w, y: p.y - h / 2 }
        : s === "below" ? { x: p.x - w / 2, y: p.y + r + 2 }
        : { x: p.x - w / 2, y: p.y - r - 2 - h };
      b.w = w;
      b.h = h;
      const clash = placed.some((o) => o.x < b.x + b.w && b.x < o.x + o.w && o.y < b.y + b.h && b.y < o.y + o.h);
      if (!clash && !hitsDisc(b, id)) { box = b; break; }
    }
    if (!box) { hidden.push(id); continue; }
    placed.push(box);
    const faded = st.faded.has(id);
    ctx.lineWidth = 3;
    ctx.strokeStyle = "rgba(255,255,255,0.95)";
    ctx.fillStyle = faded ? "#595959" : "#111111";
    ctx.strokeText(text, box.x + 2, box.y + h / 2);
    ctx.fillText(text, box.x + 2, box.y + h / 2);
    const onScreen = box.x + box.w > 0 && box.x < width && box.y + box.h > 0 && box.y < height;
    drawn.push({ id, text, full: base, px: LABEL_PX, x: box.x, y: box.y, w: box.w, h: box.h, onScreen });
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

// The view at a readable scale: whole when it fits at (nearly) full size, else from the top left.
function home(st) {
  const network = st.network;
  network.fit({ animation: false });
  const fitted = network.getScale();
  if (fitted >= 0.9) {
    if (fitted > 1.25) network.moveTo({ scale: 1.25, animation: false });
    return;
  }
  const ids = network.body.nodeIndices;
  const xs = ids.map((id) => network.getPosition(id).x);
  const ys = ids.map((id) => network.getPosition(id).y);
  const scale = st.layered ? 1 : Math.max(fitted, 0.55);
  const w = st.box.clientWidth / scale;
  const h = st.box.clientHeight / scale;
  const left = Math.min(...xs) - 30;
  const top = Math.min(...ys) - 30;
  const cx = st.layered ? left + w / 2 : (Math.min(...xs) + Math.max(...xs)) / 2;
  const cy = st.layered ? top + h / 2 : (Math.min(...ys) + Math.max(...ys)) / 2;
  network.moveTo({ position: { x: cx, y: cy }, scale, animation: false });
}

// The box grows with the content (up to most of the screen) instead of shrinking the drawing.
function sizeBox(st, data, layout) {
  const narrowScreen = window.innerWidth < 640;
  const ys = data.nodes.map((n) => (layout === "narrow" ? n.ny : n.y));
  const content = (Math.max(...ys) - Math.min(...ys)) + 90;
  // On a laptop the box ends above the screen's bottom edge with room for the legend under it.
  const top = st.box.getBoundingClientRect().top;
  const room = top > 0 && top < window.innerHeight / 2 ? window.innerHeight - top - 64 : window.innerHeight - 300;
  const cap = narrowScreen ? Math.round(window.innerHeight * 0.42) : Math.max(320, room);
  const px = Math.max(300, Math.min(cap, data.layered ? content : cap));
  st.box.style.height = `${px}px`;
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
  hint.textContent = "Click a node for details · Ctrl + wheel or pinch to zoom · drag to pan";
  bar.appendChild(fit);
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
  return { box, legend: key, fit };
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
    KGI.attach(st);  // interaction hook (graph_keys.js): card, keys, touch, live region
    const onSelect = (event) => {
      if (!st.box.isConnected) {
        window.removeEventListener("kg-select", onSelect);
        return;
      }
      select(st, event.detail);
    };
    window.addEventListener("kg-select", onSelect);
    parts.fit.addEventListener("click", () => { if (st.network) home(st); });
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
        if (st.data && chooseLayout(st.data, w) !== st.layout) {
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
    const layout = chooseLayout(data, st.box.clientWidth || 600);
    st.layout = layout;
    st.layered = Boolean(data.layered);
    sizeBox(st, data, layout);
    const { nodes, edges } = build(vis, data, layout);
    st.nodes = nodes;
    st.labels = {};
    st.rank = {};
    st.unfold = {};
    st.faded = new Set();
    st.texts = new Map();
    data.nodes.forEach((n) => {
      st.labels[n.id] = n.label;
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
    network.on("afterDrawing", (ctx) => drawLabels(st, ctx));
    network.on("zoom", () => sizeNodes(st));
    const nodeAt = (params) => {
      if (params.nodes.length) return params.nodes[0];
      const p = params.pointer && params.pointer.DOM;
      const hit = p && (st.drawn || []).find((l) => p.x >= l.x && p.x <= l.x + l.w && p.y >= l.y && p.y <= l.y + l.h);
      return hit ? hit.id : null;
    };
    network.on("click", (params) => {
      const id = nodeAt(params);
      if (!id) return;
      st.trigger("clicked", id);
    });
    network.on("doubleClick", (params) => {
      // Only the free-form views open a neighbourhood; a trace or the overview is never left by accident.
      const id = nodeAt(params);
      if (id && !st.layered) st.trigger("explore", id);
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
