// The page's selections (issue 18): Back and Forward over the nodes the student selected, and the
// server's answers to what the page asked of it.
// * Every selection is a visit, in the order it happened: a pick the page answered itself (a click,
//   Enter, a related name on the card) and a selection the server made of its own accord (a search,
//   a related name in the panel, a deep link). Back (←) and Forward (→) move along the visits; the
//   crumbs name the last four up to where the student stands. The visits are the page's own, for
//   as long as it is open: a new dataset starts them afresh.
// * The page asks the server to select a node (an unfold, a step to a node it does not draw); each
//   answer is matched to its request and followed only when it answers the latest request and the
//   student has picked nothing in the page since. A selection nobody asked for is the server's own.
// Concatenated after geometry.js (see payload.COMPONENT_SCRIPTS); graph_keys.js records the visits,
// sends the requests and goes where Back and Forward lead.
// Pure part (visit, move, recent, requested, answer; tested in tests/e2e/test_geometry.py): a
// history is { list: [{ id, name }], at }, the requests a list of { id, picks }; neither is
// changed in place.
// Test interface: window.kgVisits (the history), window.kgCrumbs (the names the crumbs show).
const KGV = (() => {
  const MAX = 50;
  const CRUMBS = 4;
  const EMPTY = Object.freeze({ list: Object.freeze([]), at: -1 });

  // A new visit drops what lay ahead (as a browser does); the same node twice in a row is one visit.
  function visit(h, id, name) {
    if (h.at >= 0 && h.list[h.at].id === id) return h;
    const list = [...h.list.slice(0, h.at + 1), { id, name }].slice(-MAX);
    return { list, at: list.length - 1 };
  }

  function move(h, step) {
    if (!h.list.length) return h;
    return { list: h.list, at: Math.min(h.list.length - 1, Math.max(0, h.at + step)) };
  }

  function recent(h, count = CRUMBS) {
    return h.at < 0 ? [] : h.list.slice(Math.max(0, h.at - count + 1), h.at + 1);
  }

  const canBack = (h) => h.at > 0;
  const canForward = (h) => h.at >= 0 && h.at < h.list.length - 1;

  // A request to the server, made when the student had picked `picks` nodes in the page.
  function requested(pending, id, picks) {
    return [...pending, { id, picks }].slice(-MAX);
  }

  // What to do with the server's selection of `id`, the student having picked `picks` nodes so far:
  // "follow" (the answer to the latest request, nothing picked since), "drop" (an older answer: the
  // page is ahead of it) or "own" (nobody asked: a search, the panel, a link; older requests are
  // superseded). `pending` is what is still awaited.
  function answer(pending, id, picks) {
    const i = pending.findIndex((p) => p.id === id);
    if (i < 0) return { verdict: "own", pending: [] };
    const rest = pending.slice(i + 1);
    return { verdict: rest.length || picks > pending[i].picks ? "drop" : "follow", pending: rest };
  }

  // --- the page's copy ----------------------------------------------------------------------------

  // Kept on the window: a full rerun may draw the graph afresh (a new frame, even this script loaded
  // again), and the visits, the requests and the last selection seen must outlive it.
  const kept = window.kgVisitsKept || (window.kgVisitsKept = {
    history: EMPTY, dataset: null, bars: new Set(), pending: [], picks: 0, seq: null,
  });

  function publish() {
    window.kgVisits = kept.history;
    window.kgCrumbs = recent(kept.history).map((v) => v.name);
    kept.bars.forEach((bar) => {
      if (!bar.nav.isConnected) {
        kept.bars.delete(bar);
        return;
      }
      bar.back.disabled = !canBack(kept.history);
      bar.forward.disabled = !canForward(kept.history);
      bar.crumbs.textContent = window.kgCrumbs.join(" › ");
      bar.crumbs.hidden = !window.kgCrumbs.length;
    });
  }

  // The server names its dataset with every selection: the visits of another dataset are let go.
  function within(name) {
    if (name === kept.dataset) return;
    kept.dataset = name;
    kept.history = EMPTY;
    publish();
  }

  function record(id, name) {
    if (typeof id !== "string" || !id) return;
    kept.history = visit(kept.history, id, typeof name === "string" && name ? name : id);
    publish();
  }

  // The student picked a node in the page; the page asked the server to select `id`.
  function picked() {
    kept.picks += 1;
  }

  function asking(id) {
    kept.pending = requested(kept.pending, id, kept.picks);
  }

  // The server's selection numbered `seq`: null when already seen (every run repeats the last one),
  // "none" when nothing is selected, else what answer() says.
  function judge(seq, id) {
    if (seq === kept.seq) return null;
    kept.seq = seq;
    if (!id) {
      kept.pending = [];
      return "none";
    }
    const { verdict, pending } = answer(kept.pending, id, kept.picks);
    kept.pending = pending;
    return verdict;
  }

  const waiting = () => kept.pending.length > 0;
  const isEmpty = () => kept.history.at < 0;
  const current = () => (kept.history.at < 0 ? null : kept.history.list[kept.history.at].id);

  // ← and → for one drawing, put first in its bar; `go(id)` selects the node a step leads to.
  function attach(bar, go) {
    const el = (tag, cls, text) => {
      const e = document.createElement(tag);
      e.className = cls;
      e.textContent = text;
      return e;
    };
    const nav = el("nav", "kg-visits", "");
    nav.setAttribute("aria-label", "Nodes you selected");
    const back = el("button", "kg-fit kg-step", "←");
    const forward = el("button", "kg-fit kg-step", "→");
    const crumbs = el("span", "kg-crumbs", "");
    [[back, "Back", -1], [forward, "Forward", 1]].forEach(([button, name, step]) => {
      button.type = "button";
      button.title = `${name}: the node selected ${step < 0 ? "before" : "after"} this one`;
      button.setAttribute("aria-label", name);
      button.addEventListener("click", () => {
        const moved = move(kept.history, step);
        if (moved.at === kept.history.at) return;
        kept.history = moved;
        publish();
        go(kept.history.list[kept.history.at].id);
      });
    });
    nav.append(back, forward, crumbs);
    bar.prepend(nav);
    kept.bars.add({ nav, back, forward, crumbs });
    publish();
  }

  return {
    visit, move, recent, canBack, canForward, EMPTY, requested, answer,
    within, record, picked, asking, judge, waiting, isEmpty, current, attach,
  };
})();
