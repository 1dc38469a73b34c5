// Interaction (issue 18): a click answered in the page. Concatenated before graph_view.js (by
// component/__init__.py and payload.standalone_html); graph_view.js calls KGI.attach(st) once per
// frame and KGI.drawn(st, data, network) after each drawing (lines marked "interaction hook").
//
// * The details card: each drawn node's details come with the view (payload "details"); a click,
//   Enter or a related name shows the card at once, the server hears of it afterwards.
// * Keyboard: Tab reaches the graph; arrows move between nodes along the drawing, Enter selects (or
//   unfolds), Escape clears; the focused node has a ring, and a live region reads it aloud.
// * Touch: one finger pans the graph only while it has focus; otherwise it scrolls the page.
// * The words: a click on a node or an arrow marks its numbered line and scrolls it into view.
// * Unfolding asks the server: a progress cue shows at once ("Opening …").
// Everything from the data goes into the page with textContent, never as HTML.
// Test interface: window.kgCard (the id on the card), window.kgFocus, window.kgFocusRing,
// window.kgLine (the marked line's number), window.kgCardLog (when each card was shown).
const KGI = (() => {
  const RING = "#0072b2";
  const NARROW = 640;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function cards(st) {
    const d = st.kgData && st.kgData.details;
    return (d && d.cards) || {};
  }

  // details.ids[i] is a node a card mentions, details.names[i] its name.
  function idAt(st, i) {
    return st.kgData.details.ids[i];
  }

  function nameOf(st, id) {
    const d = st.kgData && st.kgData.details;
    const card = cards(st)[id];
    if (card) return card.title;
    const i = d && d.ids ? d.ids.indexOf(id) : -1;
    return i >= 0 ? d.names[i] : id;
  }

  // Names read inside a sentence: "Knee pain" -> "knee pain", "NSAIDs" stays.
  function inline(name) {
    return /^[A-Z][a-z]/.test(name) ? name[0].toLowerCase() + name.slice(1) : name;
  }

  // What a screen reader hears for a node: "Weak gluteal muscles, cause: can lead to …; treated by …".
  function spoken(st, id) {
    const card = cards(st)[id];
    if (!card) return nameOf(st, id);
    const d = st.kgData.details;
    const parts = card.relations.map(([phrase, who]) => {
      const names = who.slice(0, 3).map((i) => inline(d.names[i]));
      const more = who.length > 3 ? ` and ${who.length - 3} more` : "";
      return `${inline(phrase)} ${names.join(", ")}${more}`;
    });
    return `${card.title}, ${card.kind.toLowerCase()}${parts.length ? `: ${parts.join("; ")}.` : "."}`;
  }

  function drawnIds(st) {
    return st.network ? st.network.body.nodeIndices.slice() : [];
  }

  // --- the card ---------------------------------------------------------------------------------

  function place(st) {
    const over = window.innerWidth >= NARROW;
    st.card.classList.toggle("kg-over", over);
    if (over) {
      st.card.style.top = `${st.box.offsetTop + 8}px`;
      st.card.style.maxHeight = `${Math.max(160, st.box.clientHeight - 16)}px`;
    } else {
      st.card.style.top = "";
      st.card.style.maxHeight = "";
    }
  }

  function relationRow(st, [phrase, who, only]) {
    const row = el("div", "kg-rel");
    row.appendChild(el("span", "kg-rel-phrase", phrase));
    const list = el("span", "kg-rel-nodes");
    who.forEach((i) => {
      const id = idAt(st, i);
      const b = el("button", "kg-rel-node", nameOf(st, id));
      b.type = "button";
      b.addEventListener("click", () => pick(st, id, true));
      list.appendChild(b);
    });
    row.appendChild(list);
    (only || []).forEach(([when, names]) => row.appendChild(el("p", "kg-only", `Only ${when}: ${names.join(", ")}`)));
    return row;
  }

  function show(st, id) {
    const card = cards(st)[id];
    if (!card) {
      hide(st);
      return;
    }
    const body = st.cardBody;
    body.replaceChildren();
    st.cardTitle.textContent = card.title;
    const facts = el("p", "kg-facts");
    facts.appendChild(el("strong", "", card.kind));
    facts.appendChild(document.createTextNode(" · Article section: "));
    facts.appendChild(el("strong", "", card.section));
    if (card.aliases.length) facts.appendChild(document.createTextNode(` · Also called: ${card.aliases.join(", ")}`));
    body.appendChild(facts);
    if (card.description) body.appendChild(el("p", "kg-desc", card.description));
    card.relations.forEach((rel) => body.appendChild(relationRow(st, rel)));
    st.card.hidden = false;
    st.card.dataset.node = id;
    place(st);
    st.cardFor = id;
    window.kgCard = id;
    (window.kgCardLog = window.kgCardLog || []).push({ id, at: performance.now(), server: window.kgSelected });
  }

  function hide(st) {
    st.card.hidden = true;
    st.cardFor = null;
    window.kgCard = null;
  }

  // --- selection, focus, the words ----------------------------------------------------------------

  function busy(st, id) {
    const how = st.unfold && st.unfold[id];
    if (!how) return;
    st.busy.textContent = `${how === 2 ? "Folding" : "Opening"} ${nameOf(st, id).toLowerCase()}…`;
    st.busy.style.top = `${st.box.offsetTop + 8}px`;
    st.busy.hidden = false;
    st.box.setAttribute("aria-busy", "true");
    clearTimeout(st.busyTimer);
    st.busyTimer = setTimeout(() => idle(st), 20000);
  }

  function idle(st) {
    st.busy.hidden = true;
    st.box.removeAttribute("aria-busy");
  }

  // A node chosen in the page (click, Enter, a related name): card, highlight, words; then the server.
  function pick(st, id, report) {
    const drawn = st.network && st.network.body.nodes[id];
    st.localPick = { id, at: performance.now() };
    if (drawn) {
      st.network.selectNodes([id], true);
      st.focus = id;
      window.kgFocus = id;
      show(st, id);
      markLine(st, { node: id });
      busy(st, id);
      st.network.redraw();
    }
    if (report && st.trigger) st.trigger("clicked", id);
  }

  function markLine(st, { node, pair }) {
    const lines = (st.kgData && st.kgData.lines) || [];
    const same = (a, b) => (a[0] === b[0] && a[1] === b[1]) || (a[0] === b[1] && a[1] === b[0]);
    const hit = lines.find((l) => (pair ? l.pairs.some((p) => same(p, pair)) : l.nodes.includes(node)));
    document.querySelectorAll("[data-kg-line]").forEach((e) => {
      delete e.dataset.kgLine;
      e.style.background = "";
      e.style.outline = "";
    });
    window.kgLine = hit ? hit.n : null;
    if (!hit) return;
    const row = [...document.querySelectorAll(".st-key-w_path label")]
      .find((lab) => lab.innerText.trim().startsWith(`${hit.n}. `));
    if (!row) return;
    row.dataset.kgLine = String(hit.n);
    row.style.background = "#fff3c4";
    row.style.outline = "2px solid #8a6d00";
    if (row.getClientRects().length) row.scrollIntoView({ block: "nearest", behavior: "instant" });
  }

  function say(st, id) {
    st.live.textContent = spoken(st, id);
  }

  function setFocus(st, id) {
    const network = st.network;
    if (!network || !network.body.nodes[id]) return;
    st.focus = id;
    window.kgFocus = id;
    const p = network.canvasToDOM(network.getPosition(id));
    if (p.x < 20 || p.y < 20 || p.x > st.box.clientWidth - 20 || p.y > st.box.clientHeight - 20) {
      network.moveTo({ position: network.getPosition(id), animation: false });
    }
    network.redraw();
    say(st, id);
  }

  function start(st) {
    const ids = drawnIds(st);
    if (window.kgSelected && ids.includes(window.kgSelected)) return window.kgSelected;
    const focus = st.kgData && st.kgData.focus;
    if (focus && ids.includes(focus)) return focus;
    const rank = (id) => (st.rank && st.rank[id] !== undefined ? st.rank[id] : 0);
    return ids.sort((a, b) => rank(a) - rank(b))[0];
  }

  // The next node from the focused one in the direction of an arrow key, along the drawing:
  // ←/→ prefer a node joined by an arrow, else the nearest by x; ↑/↓ stay in the layer (same x).
  function next(st, key) {
    const pos = st.network.getPositions();
    const here = pos[st.focus];
    const ids = Object.keys(pos).filter((id) => id !== st.focus);
    const best = (pool, cost) => pool.reduce((a, b) => (a === null || cost(b) < cost(a) ? b : a), null);
    if (key === "ArrowLeft" || key === "ArrowRight") {
      const dir = key === "ArrowRight" ? 1 : -1;
      const ahead = ids.filter((id) => (pos[id].x - here.x) * dir > 10);
      const joined = new Set(st.network.getConnectedNodes(st.focus));
      const pool = ahead.some((id) => joined.has(id)) ? ahead.filter((id) => joined.has(id)) : ahead;
      return best(pool, (id) => Math.abs(pos[id].x - here.x) + 2 * Math.abs(pos[id].y - here.y));
    }
    const dir = key === "ArrowDown" ? 1 : -1;
    const layer = ids.filter((id) => Math.abs(pos[id].x - here.x) < 30 && (pos[id].y - here.y) * dir > 0);
    const pool = layer.length ? layer : ids.filter((id) => (pos[id].y - here.y) * dir > 5);
    return best(pool, (id) => Math.abs(pos[id].y - here.y) + 2 * Math.abs(pos[id].x - here.x));
  }

  function onKey(st, event) {
    if (!st.network || event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key;
    if (key.startsWith("Arrow")) {
      event.preventDefault();
      if (!st.focus || !st.network.body.nodes[st.focus]) {
        setFocus(st, start(st));
        return;
      }
      const to = next(st, key);
      if (to) setFocus(st, to);
    } else if ((key === "Enter" || key === " ") && st.focus) {
      event.preventDefault();
      pick(st, st.focus, true);
    } else if (key === "Escape") {
      st.focus = null;
      window.kgFocus = null;
      hide(st);
      st.network.unselectAll();
      st.network.redraw();
      st.live.textContent = "Selection cleared.";
    }
  }

  // A ring around the focused node while the graph has the keyboard focus.
  function ring(st, ctx) {
    const network = st.network;
    window.kgFocusRing = null;
    if (!st.focus || !st.hasFocus || !network.body.nodes[st.focus]) return;
    const node = network.body.nodes[st.focus];
    const p = network.canvasToDOM(network.getPosition(st.focus));
    const r = ((node.shape.width || node.options.size * 2) / 2) * network.getScale() + 6;
    const dpr = network.canvas.pixelRatio || window.devicePixelRatio || 1;
    ctx.save();
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.beginPath();
    ctx.arc(p.x, p.y, r, 0, 2 * Math.PI);
    ctx.lineWidth = 6;
    ctx.strokeStyle = "#ffffff";
    ctx.stroke();
    ctx.lineWidth = 3;
    ctx.strokeStyle = RING;
    ctx.stroke();
    ctx.restore();
    window.kgFocusRing = { id: st.focus, x: p.x, y: p.y, r };
  }

  // One finger pans the graph only while it has focus; otherwise it scrolls the page.
  function touch(st, focused) {
    const action = focused ? "none" : "pan-x pan-y pinch-zoom";
    st.box.style.touchAction = action;
    st.box.querySelectorAll("*").forEach((e) => { e.style.touchAction = action; });
    if (st.network) st.network.setOptions({ interaction: { dragView: focused } });
  }

  // --- hooks --------------------------------------------------------------------------------------

  function attach(st) {
    const frame = st.box.parentElement;
    st.box.setAttribute("role", "application");  // arrow keys reach the graph, not a reading mode
    st.card = el("section", "kg-card");
    st.card.hidden = true;
    st.card.setAttribute("aria-label", "Details");
    const head = el("div", "kg-card-head");
    st.cardTitle = el("h3", "kg-card-title");
    const close = el("button", "kg-close", "×");
    close.type = "button";
    close.setAttribute("aria-label", "Close the details");
    close.addEventListener("click", () => hide(st));
    head.appendChild(st.cardTitle);
    head.appendChild(close);
    st.cardBody = el("div", "kg-card-body");
    st.card.appendChild(head);
    st.card.appendChild(st.cardBody);
    st.busy = el("div", "kg-busy");
    st.busy.setAttribute("role", "status");
    st.busy.hidden = true;
    st.live = el("div", "kg-live");
    st.live.setAttribute("role", "status");
    st.live.setAttribute("aria-live", "polite");
    frame.insertBefore(st.card, st.box.nextSibling);
    frame.appendChild(st.busy);
    frame.appendChild(st.live);
    let pointer = false;
    st.box.addEventListener("pointerdown", () => { pointer = true; }, true);
    st.box.addEventListener("focus", () => {
      st.hasFocus = true;
      touch(st, true);
      if (!pointer && st.network && !(st.focus && st.network.body.nodes[st.focus])) setFocus(st, start(st));
      else if (st.network) st.network.redraw();
      pointer = false;
    });
    st.box.addEventListener("blur", () => {
      st.hasFocus = false;
      touch(st, false);
      if (st.network) st.network.redraw();
    });
    st.box.addEventListener("keydown", (event) => onKey(st, event));
    st.card.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        hide(st);
        st.box.focus({ preventScroll: true });
      }
    });
    const onSelect = (event) => {
      if (!st.box.isConnected) {
        window.removeEventListener("kg-select", onSelect);
        return;
      }
      const id = event.detail;
      const mine = st.localPick && performance.now() - st.localPick.at < 3000;
      if (mine && id !== st.localPick.id) return;  // an older answer from the server: the page is ahead
      if (id && id !== st.cardFor && st.network && st.network.body.nodes[id]) show(st, id);
    };
    window.addEventListener("kg-select", onSelect);
    window.addEventListener("resize", () => { if (!st.card.hidden) place(st); });
  }

  function drawn(st, data, network) {
    st.kgData = data;
    idle(st);
    st.box.setAttribute("aria-roledescription", "graph");
    st.box.setAttribute("aria-label", `${data.title}: ${data.nodes.length} nodes. Arrow keys move between them, `
      + "Enter opens one, Escape clears. A text version is in the Text view.");
    network.on("afterDrawing", (ctx) => ring(st, ctx));
    network.on("click", (params) => {
      let id = params.nodes[0];
      if (!id && params.pointer) {
        const p = params.pointer.DOM;
        const hit = (st.drawn || []).find((l) => p.x >= l.x && p.x <= l.x + l.w && p.y >= l.y && p.y <= l.y + l.h);
        id = hit ? hit.id : null;
      }
      if (id) {
        pick(st, id, false);  // graph_view.js reports the click to the server
      } else if (params.edges.length) {
        const edge = network.body.edges[params.edges[0]];
        if (edge) markLine(st, { pair: [edge.fromId, edge.toId] });
      }
    });
    touch(st, st.hasFocus === true);
    const keep = st.cardFor || window.kgSelected;
    if (keep && network.body.nodes[keep]) show(st, keep);
    else hide(st);
    if (st.focus && !network.body.nodes[st.focus]) st.focus = null;
  }

  return { attach, drawn };
})();
