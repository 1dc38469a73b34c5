// Draws a vis-network view sent from Python and reports clicks back.
// Labels and hover text are always text: nothing from the data becomes HTML.
const STATE = new WeakMap();

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

function build(vis, data) {
  const labels = {};
  data.nodes.forEach((n) => { labels[n.id] = n.label; });
  const nodes = data.nodes.map((n) => ({
    ...n,
    title: tip(`${n.label} (${(data.types[n.group] || n.group).toLowerCase()})`),
  }));
  const edges = data.edges.map((e, i) => {
    const rel = data.relations[e.type] || { forward: e.type };
    const text = `${labels[e.from]} ${rel.forward} ${(labels[e.to] || "").toLowerCase()}`;
    return {
      id: `${e.from}|${e.type}|${e.to}|${i}`,
      ...e,
      color: e.color ? { color: e.color } : { color: rel.color, highlight: "#111111", hover: "#111111" },
      dashes: rel.dashes,
      width: e.width || rel.width,
      label: data.edgeLabels ? rel.forward : undefined,
      title: tip(text),
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

export default function (component) {
  const { parentElement, setTriggerValue } = component;
  let st = STATE.get(parentElement);
  if (!st) {
    const frame = document.createElement("div");
    frame.className = "kg-frame";
    const box = document.createElement("div");
    box.className = "kg-graph";
    const key = document.createElement("div");
    key.className = "kg-legend";
    key.setAttribute("aria-label", "Legend");
    frame.appendChild(box);
    frame.appendChild(key);
    box.setAttribute("role", "img");
    box.setAttribute("aria-label", "Knowledge graph; a text version is in the Text view tab.");
    parentElement.appendChild(frame);
    st = { box, legend: key, version: null, network: null };
    STATE.set(parentElement, st);
    const onSelect = (event) => {
      if (!box.isConnected) {
        window.removeEventListener("kg-select", onSelect);
        return;
      }
      select(st, event.detail);
    };
    window.addEventListener("kg-select", onSelect);
    // Keep the whole view in sight when the page lays the box out again.
    new ResizeObserver(() => {
      if (st.network) st.network.fit();
    }).observe(box);
  }
  st.trigger = setTriggerValue;
  const data = decode(component.data);
  if (!data || !data.nodes || st.version === data.version) return;
  st.version = data.version;
  st.box.setAttribute("aria-label", `${data.title}: ${data.nodes.length} nodes. A text version is in the Text view tab.`);
  legend(st, data);
  visReady().then((vis) => {
    const { nodes, edges } = build(vis, data);
    st.nodes = nodes;
    if (st.network) {
      st.network.destroy();
      st.network = null;
    }
    const network = new vis.Network(st.box, { nodes, edges }, data.options);
    st.network = network;
    window.kgNetwork = network;
    network.on("click", (params) => {
      if (params.nodes.length) st.trigger("clicked", params.nodes[0]);
    });
    network.on("doubleClick", (params) => {
      if (params.nodes.length) st.trigger("explore", params.nodes[0]);
    });
    network.once("afterDrawing", () => {
      st.box.dataset.painted = "true";
    });
    select(st, window.kgSelected);
  });
}
