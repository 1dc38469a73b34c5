// Interaction (issue 18): a click answered in the page. Concatenated before graph_view.js (by
// component/__init__.py and payload.standalone_html); graph_view.js calls KGI.attach(st) once per
// frame and KGI.drawn(st, data, network) after each drawing (lines marked "interaction hook").
//
// * The details card: each drawn node's details come with the view (payload "details"); a click,
//   Enter or a related name shows the card at once, the server hears of it afterwards.
// * Keyboard: Tab reaches the graph; arrows move between nodes along the drawing (letters jump to a
//   name), Enter selects (or unfolds), Escape clears; the focused node has a ring, and a live
//   region reads it aloud.
// * Touch: one finger pans the graph only while it has focus; otherwise it scrolls the page.
// * The words: a click on a node or an arrow marks its numbered line and scrolls it into view.
// * Unfolding asks the server: a progress cue shows at once ("Opening …").
// Everything from the data goes into the page with textContent, never as HTML.
// Test interface: window.kgCard (the id on the card), window.kgFocus, window.kgFocusRing,
// window.kgLine (the marked line's number), window.kgCardLog (when each card was shown),
// window.kgBusy (when the progress cue last showed, what it said), window.kgCardRect() (where the card is, or null).
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

  // Wide screens: over the drawing, on the side away from the node it describes; phones: under it.
  function place(st) {
    const over = window.innerWidth >= NARROW;
    st.card.classList.toggle("kg-over", over);
    const node = st.network && st.cardFor && st.network.body.nodes[st.cardFor];
    const x = node ? st.network.canvasToDOM(st.network.getPosition(st.cardFor)).x : 0;
    st.card.classList.toggle("kg-left", over && x > st.box.clientWidth / 2);
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
    if ((card.actions || []).length) {
      const row = el("div", "kg-actions");
      card.actions.forEach(([key, words]) => {
        const b = el("button", "kg-act", words);
        b.type = "button";
        b.addEventListener("click", () => {
          busy(st, id, words);
          if (st.trigger) st.trigger("act", `${key} ${id}`);
        });
        row.appendChild(b);
      });
      body.appendChild(row);
    }
    card.relations.forEach((rel) => body.appendChild(relationRow(st, rel)));
    st.card.hidden = false;
    st.card.dataset.node = id;
    st.cardFor = id;
    place(st);
    window.kgCard = id;
    (window.kgCardLog = window.kgCardLog || []).push({ id, at: performance.now(), server: window.kgSelected });
  }

  // On a phone the card sits under the graph: bring its heading on screen when a tap opens it.
  function reveal(st) {
    if (st.card.classList.contains("kg-over")) return;
    const top = st.card.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight - 140) {
      st.card.style.scrollMarginTop = "4rem";
      st.card.scrollIntoView({ block: "start", behavior: "instant" });
    }
  }

  function hide(st, byHand) {
    st.closedFor = byHand ? st.cardFor : null;  // closed by the student: a redraw does not bring it back
    st.card.hidden = true;
    st.cardFor = null;
    window.kgCard = null;
  }

  // --- selection, focus, the words ----------------------------------------------------------------

  // Redraw on the next frame (once), so a key or a click is answered before the canvas is repainted.
  function soon(st) {
    if (st.redrawAsked) return;
    st.redrawAsked = true;
    requestAnimationFrame(() => {
      st.redrawAsked = false;
      if (st.network) st.network.redraw();
    });
  }

  function busy(st, id, doing) {
    const how = st.unfold && st.unfold[id];
    if (!how && !doing) return;
    st.busy.textContent = doing ? `${doing.replace(/…$/, "")}…` : `${how === 2 ? "Folding" : "Opening"} ${nameOf(st, id).toLowerCase()}…`;
    st.busy.style.top = `${st.box.offsetTop + 8}px`;
    st.busy.hidden = false;
    st.box.setAttribute("aria-busy", "true");
    window.kgBusy = { at: performance.now(), text: st.busy.textContent, ariaBusy: st.box.getAttribute("aria-busy") };
    clearTimeout(st.busyTimer);
    st.busyTimer = setTimeout(() => idle(st), 20000);
  }

  function idle(st) {
    st.busy.hidden = true;
    st.box.removeAttribute("aria-busy");
  }

  // A node chosen in the page (click, Enter, a related name, ← →): card, highlight, words, a visit;
  // then the server.
  function pick(st, id, report) {
    const drawn = st.network && st.network.body.nodes[id];
    KGV.picked();
    KGV.record(id, nameOf(st, id));
    st.closedFor = null;
    if (drawn) {
      show(st, id);  // first: the card is what the student waits for
      busy(st, id);
      st.focus = id;
      window.kgFocus = id;
      st.network.selectNodes([id], true);
      reveal(st);
      // Beside a wide drawing the words are in sight too: bring the line there. On a phone the card
      // is what a tap asks for, so the line is marked where it is.
      markLine(st, { node: id, scroll: st.card.classList.contains("kg-over") });
      soon(st);
    }
    if (report) tell(st, id);
  }

  // A pick the page answered itself (a drawn node that does not unfold) is kept here: the address bar
  // names it at once (a new entry, so the browser's Back returns to the node before) and the server
  // reads it from there on its next run. Anything else asks the server now: a node not drawn, one
  // that unfolds, or any node while the panel beside shows the card of a node not drawn.
  function tell(st, id) {
    if (!answerable(st, id) || (st.unfold && st.unfold[id])) {
      ask(st, "clicked", id);
      return;
    }
    nameInAddress(id, "pushState");
  }

  // A neighbourhood is drawn around its selection: there a pick moves the centre, so it asks too.
  function answerable(st, id) {
    const drawn = (node) => Boolean(st.network && st.network.body.nodes[node]);
    const centre = st.kgData && st.kgData.explorable ? st.kgData.focus : null;
    return drawn(id) && (!window.kgSelected || drawn(window.kgSelected)) && !(centre && centre !== id);
  }

  // Ask the server (`trigger`: "clicked" also unfolds, "goto" only selects) to select `id`; its
  // answer is matched to this request (visits.js).
  function ask(st, trigger, id) {
    KGV.asking(id);
    if (st.trigger) st.trigger(trigger, id);
  }

  // Where Back or Forward leads: a drawn node is shown at once; another is asked of the server.
  // Neither unfolds anything, so no progress cue.
  function step(st, id) {
    const here = answerable(st, id);
    pick(st, id, false);
    idle(st);
    if (here) nameInAddress(id, "pushState");
    else ask(st, "goto", id);
  }

  // The server's selection, numbered: followed (and, when it chose by itself, a visit) unless the
  // page is ahead of it; then the server is told where the page stands, so a reload lands there.
  function onServerSelection(st, id, verdict) {
    if (verdict === "none") {
      select(st, null);  // graph_view.js: the highlight
      return;
    }
    if (verdict === "drop") {
      const here = KGV.current();
      if (!KGV.waiting() && here && here !== id) ask(st, "goto", here);
      return;
    }
    select(st, id);
    if (verdict === "own") KGV.record(id, window.kgSelectedName);
    nameInAddress(id, "replaceState");
    const drawn = st.network && st.network.body.nodes[id];
    if (!drawn) hide(st);  // its card is in the panel beside the graph
    else if (id !== st.cardFor && id !== st.closedFor) show(st, id);
  }

  // Put `node=id` in the address bar, as a new entry (pushState) or in place (replaceState).
  function nameInAddress(id, how) {
    const url = new URL(window.location.href);
    if (url.searchParams.get("node") === id) return;
    url.searchParams.set("node", id);
    window.history[how](window.history.state, "", url);
  }

  function markLine(st, { node, pair, scroll = true }) {
    const lines = (st.kgData && st.kgData.lines) || [];
    const same = (a, b) => (a[0] === b[0] && a[1] === b[1]) || (a[0] === b[1] && a[1] === b[0]);
    const hit = node || pair
      ? lines.find((l) => (pair ? l.pairs.some((p) => same(p, pair)) : l.nodes.includes(node)))
      : undefined;
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
    if (scroll && row.getClientRects().length) row.scrollIntoView({ block: "nearest", behavior: "instant" });
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
    soon(st);
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
    const layer = ids.filter((id) => Math.abs(pos[id].x - here.x) < 6 && (pos[id].y - here.y) * dir > 0);
    const pool = layer.length ? layer : ids.filter((id) => (pos[id].y - here.y) * dir > 5);
    return best(pool, (id) => Math.abs(pos[id].y - here.y) + 2 * Math.abs(pos[id].x - here.x));
  }

  function typing(st) {
    return Boolean(st.typedAt) && performance.now() - st.typedAt < 1000;
  }

  // Type-ahead, as in a list: letters typed within a second jump to the next node whose name starts so.
  function typeAhead(st, letter) {
    const now = performance.now();
    st.typed = (st.typedAt && now - st.typedAt < 1000 ? st.typed : "") + letter.toLowerCase();
    st.typedAt = now;
    const ids = drawnIds(st).sort((a, b) => nameOf(st, a).localeCompare(nameOf(st, b)));
    const from = ids.indexOf(st.focus);
    const order = [...ids.slice(from + (st.typed.length === 1 ? 1 : 0)), ...ids.slice(0, Math.max(from, 0))];
    return order.find((id) => nameOf(st, id).toLowerCase().startsWith(st.typed)) || null;
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
    } else if ((key === "Enter" || (key === " " && !typing(st))) && st.focus) {
      event.preventDefault();
      window.kgKeepFocus = true;  // a keyboard user stays in the graph when the view is redrawn (an unfold)
      pick(st, st.focus, true);
    } else if (key.length === 1 && (/\S/.test(key) || typing(st))) {
      const to = typeAhead(st, key);
      if (to) {
        event.preventDefault();
        setFocus(st, to);
      }
    } else if (key === "Escape") {
      st.focus = null;
      window.kgFocus = null;
      hide(st, true);
      st.network.unselectAll();
      soon(st);
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

  // One finger pans the graph only while it has focus; otherwise the browser scrolls the page with it
  // (and vis-network, which listens to pointer events, sees the gesture cancelled).
  function touch(st, focused) {
    const action = focused ? "none" : "pan-x pan-y pinch-zoom";
    st.box.style.touchAction = action;
    const canvas = st.network && st.network.canvas.frame && st.network.canvas.frame.canvas;
    if (canvas) canvas.style.touchAction = action;
  }

  // Two fingers on a focused graph: moved together they scroll the page (the browser would not: the
  // focused box takes every gesture, so one finger pans), spread or pinched they zoom the graph.
  // What scrolls the page around `el`: its nearest scrollable ancestor, out through the component's shadow
  // root (the page's main section), else the document.
  function scroller(el) {
    const up = (c) => c.parentElement || (c.getRootNode() instanceof ShadowRoot ? c.getRootNode().host : null);
    for (let c = up(el); c; c = up(c)) {
      if (c.scrollHeight > c.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(c).overflowY)) return c;
    }
    return document.scrollingElement || document.documentElement;
  }

  function twoFingers(st) {
    let first = null;
    let last = null;
    let mode = null;  // decided once a gesture has moved far enough: "scroll" or "zoom"
    const read = (event) => {
      const [a, b] = event.touches;
      return { x: (a.clientX + b.clientX) / 2, y: (a.clientY + b.clientY) / 2, d: Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY) };
    };
    st.box.addEventListener("touchstart", (event) => {
      first = event.touches.length === 2 && st.hasFocus ? read(event) : null;
      last = first;
      mode = null;
    }, { passive: true });
    st.box.addEventListener("touchmove", (event) => {
      if (!first || event.touches.length !== 2 || !st.network) return;
      event.preventDefault();
      const now = read(event);
      if (!mode && Math.abs(now.d / Math.max(1, first.d) - 1) > 0.12) mode = "zoom";
      else if (!mode && Math.hypot(now.x - first.x, now.y - first.y) > 12) mode = "scroll";
      if (mode === "zoom") {
        const r = st.box.getBoundingClientRect();
        zoomAt(st.network, now.d / Math.max(1, last.d), now.x - r.left, now.y - r.top);
      } else if (mode === "scroll") {
        scroller(st.box).scrollBy(0, last.y - now.y);
      }
      last = now;
    }, { passive: false });
    st.box.addEventListener("touchend", () => { first = null; }, { passive: true });
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
    close.addEventListener("click", () => hide(st, true));
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
    window.kgCardRect = () => (st.card.hidden || !st.card.isConnected ? null : st.card.getBoundingClientRect());
    frame.appendChild(st.busy);
    frame.appendChild(st.live);
    twoFingers(st);
    let pointer = false;
    st.box.addEventListener("pointerdown", () => { pointer = true; }, true);
    st.box.addEventListener("focus", () => {
      st.hasFocus = true;
      touch(st, true);
      if (!pointer && st.network && !(st.focus && st.network.body.nodes[st.focus])) setFocus(st, start(st));
      else if (st.network) soon(st);
      pointer = false;
    });
    st.box.addEventListener("blur", () => {
      st.hasFocus = false;
      touch(st, false);
      if (st.network) soon(st);
    });
    st.box.addEventListener("keydown", (event) => onKey(st, event));
    st.card.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        hide(st, true);
        st.box.focus({ preventScroll: true });
      }
    });
    const onSelect = (event) => {
      if (!st.box.isConnected) {
        window.removeEventListener("kg-select", onSelect);
        return;
      }
      KGV.within(window.kgDataset);  // every run names its dataset: a new one lets the old visits go
      // Only a new selection by the server moves the card (each is numbered): every run repeats the
      // last one, and the page may have moved on since (a pick it answered itself).
      const verdict = KGV.judge(window.kgSelectSeq, event.detail);
      if (verdict) onServerSelection(st, event.detail, verdict);
    };
    window.addEventListener("kg-select", onSelect);
    KGV.attach(st.fit.parentElement, (id) => step(st, id));
    window.addEventListener("resize", () => { if (!st.card.hidden) place(st); });
  }

  function drawn(st, data, network) {
    const fresh = !st.kgData || st.kgData.version !== data.version;
    st.kgData = data;
    KGV.within(window.kgDataset);
    if (KGV.isEmpty() && window.kgSelected) KGV.record(window.kgSelected, window.kgSelectedName);
    if (fresh) {
      idle(st);  // the answer to "Opening …" has come
      markLine(st, {});  // a new view lists new lines: no old mark stays on a line that now says another thing
    }
    st.box.setAttribute("aria-roledescription", "graph");
    st.box.setAttribute("aria-label", `${data.title}: ${data.nodes.length} nodes. Arrow keys (or the first `
      + "letters of a name) move between them, Enter opens one, Escape clears. A text version is in the Text view.");
    network.on("afterDrawing", (ctx) => ring(st, ctx));
    network.on("click", (params) => {
      const id = nodeAt(st, params);  // graph_view.js
      if (id) {
        pick(st, id, true);  // answered in the page, or (an unfold, a node not drawn) asked of the server
      } else if (params.edges.length) {
        const edge = network.body.edges[params.edges[0]];
        if (edge) markLine(st, { pair: [edge.fromId, edge.toId] });
      }
    });
    touch(st, st.hasFocus === true);
    const keep = st.cardFor || window.kgSelected;
    if (keep && keep !== st.closedFor && network.body.nodes[keep]) show(st, keep);
    else hide(st);
    if (st.focus && !network.body.nodes[st.focus]) st.focus = null;
    if (fresh && window.kgKeepFocus) {
      window.kgKeepFocus = false;
      // Streamlit may still be settling the page: take focus back once it has, and again a moment later.
      const back = () => { if (st.box.isConnected && document.activeElement !== st.box) st.box.focus({ preventScroll: true }); };
      setTimeout(back, 0);
      setTimeout(back, 400);
    }
  }

  // After a trace, an unfold or Back, the server asks (a growing count) to bring the view's heading
  // into sight, unless it is already near the top of the screen; retried while the page settles.
  function onScroll(event) {
    const wanted = event.detail;
    if (wanted <= (window.kgScrolled || 0)) return;
    window.kgScrolled = wanted;
    let tries = 0;
    const go = () => {
      const target = document.querySelector(".st-key-kg_view_title");
      if (target) {
        const top = target.getBoundingClientRect().top;
        if (top < 40 || top > window.innerHeight * 0.35) {
          target.style.scrollMarginTop = "4.5rem";
          target.scrollIntoView({ block: "start", behavior: "instant" });
        }
        window.kgScrolledTo = wanted;
      }
      if (++tries < 4) setTimeout(go, 150 * tries);
    };
    setTimeout(go, 30);
  }

  if (!window.kgScrollHooked) {
    window.kgScrollHooked = true;
    window.addEventListener("kg-scroll", onScroll);
  }

  return { attach, drawn };
})();
