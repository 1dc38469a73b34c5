"""Measure what issue 5 asks for and print a table (Markdown), with the machine noted.

    python -m benchmarks.run            # everything (about three minutes)
    python -m benchmarks.run --no-browser

Browser figures use Playwright with Debian's chromium on loopback; websocket
bytes are the payloads the server sent to the page (after decompression).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import generate  # noqa: E402
from graph import load_graph  # noqa: E402
from graph.atomic import atomic_writer  # noqa: E402
from graph.lookup import find, resolve  # noqa: E402
from graph.query import connect, trace  # noqa: E402

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass
class Row:
    what: str
    measured: str
    target: str
    ok: bool | None


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(next(x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal")).split()[1])
        mem = f"{kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration):
        pass
    chromium = shutil.which("chromium")
    version = (
        subprocess.run([chromium, "--version"], capture_output=True, text=True).stdout.strip()
        if chromium
        else "no chromium"
    )
    return f"{cpu}, {os.cpu_count()} cores, {mem}; Python {platform.python_version()}; {version}"


def write_synthetic(path: Path, nodes: int, edges: int) -> None:
    with atomic_writer(path) as out:
        for line in generate(nodes, edges, seed=1):
            out.write(line + "\n")


# --- queries ------------------------------------------------------------------


def query_rows(big: Path) -> list[Row]:
    data = big.read_bytes()
    start = time.perf_counter()
    loader = yaml.CSafeLoader(data)  # the bare C parser and YAML's own safe constructor
    try:
        loader.get_single_data()
    finally:
        loader.dispose()
    bare = time.perf_counter() - start
    start = time.perf_counter()
    G = load_graph(big)
    loaded = time.perf_counter() - start
    rng = random.Random(5)
    symptoms = [n for n, t in G.nodes(data="type") if t == "symptom"]
    nodes = list(G)
    trace_times = []
    for s in rng.sample(symptoms, 200):
        t0 = time.perf_counter()
        trace(G, s)
        trace_times.append(time.perf_counter() - t0)
    with suppress(Exception):
        connect(G, nodes[0], nodes[1])  # builds the undirected index once
    connect_times, related_times, related_found = [], [], 0
    for _ in range(200):
        a, b = rng.sample(nodes, 2)
        t0 = time.perf_counter()
        with suppress(Exception):
            connect(G, a, b)
        connect_times.append(time.perf_counter() - t0)
        # Two nodes of the same topic (the generator numbers topics in blocks of 100).
        i = int(a[1:])
        b = f"n{min((i // 100) * 100 + rng.randrange(100), len(nodes) - 1)}"
        if b == a:
            continue
        t0 = time.perf_counter()
        try:
            connect(G, a, b)
            related_found += 1
        except Exception:
            pass
        related_times.append(time.perf_counter() - t0)
    find(G, "warm up")  # builds the name index once
    lookup_times, fuzzy_times = [], []
    for _ in range(200):
        node = rng.choice(nodes)
        name = rng.choice([node, G.nodes[node]["label"], *G.nodes[node]["aliases"]])
        t0 = time.perf_counter()
        resolve(G, name)
        lookup_times.append(time.perf_counter() - t0)
        typo = name[:2] + name[3:] if len(name) > 4 else name + "x"
        t0 = time.perf_counter()
        find(G, typo)
        fuzzy_times.append(time.perf_counter() - t0)
    n, e = G.number_of_nodes(), G.number_of_edges()
    ratio = loaded / bare
    return [
        Row(
            f"load {n:,} nodes / {e:,} edges ({len(data) / 1e6:.0f} MB YAML)",
            f"{loaded:.1f} s = {ratio:.2f}× bare C-YAML parse ({bare:.1f} s)",
            "≤ 2×",
            ratio <= 2,
        ),
        Row(
            "trace (median of 200 symptoms)", f"{median_ms(trace_times):.1f} ms", "< 20 ms", median_ms(trace_times) < 20
        ),
        Row(
            f"connect two nodes of one topic (median of {len(related_times)}; {related_found} connected, up to 3 paths)",
            f"{median_ms(related_times):.1f} ms",
            "< 20 ms",
            median_ms(related_times) < 20,
        ),
        Row(
            "connect two random nodes (median of 200; most not within 6 steps)",
            f"{median_ms(connect_times):.1f} ms",
            "< 20 ms",
            median_ms(connect_times) < 20,
        ),
        Row(
            "name lookup: id, label or alias (median of 200)",
            f"{median_ms(lookup_times):.2f} ms",
            "< 5 ms",
            median_ms(lookup_times) < 5,
        ),
        Row(
            "typo-tolerant search, one letter dropped (median of 200)",
            f"{median_ms(fuzzy_times):.1f} ms",
            "(no target)",
            None,
        ),
    ]


# --- browser ------------------------------------------------------------------


@contextmanager
def server(
    *app_args: str, config: tuple[str, ...] = (), env: dict[str, str] | None = None
) -> Iterator[tuple[str, subprocess.Popen[bytes], float]]:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1", "--server.fileWatcherType", "none"]  # fmt: skip
    cmd += list(config)
    if app_args:
        cmd += ["--", *app_args]
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})}
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=1):
                    break
            except OSError:
                time.sleep(0.05)
        yield url, proc, started
    finally:
        proc.terminate()
        proc.wait(timeout=20)


class Meter:
    """Counts websocket bytes the server sends to the page."""

    def __init__(self, page: Any) -> None:
        self.bytes = 0
        self.frames: list[int] = []
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload: str | bytes) -> None:
        size = len(payload.encode() if isinstance(payload, str) else payload)
        self.bytes += size
        self.frames.append(size)

    def reset(self) -> None:
        self.bytes = 0
        self.frames = []


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _wait_graph(page: Any) -> None:
    page.wait_for_function(
        "() => window.kgNetwork && window.kgNetwork.body.nodeIndices.length > 0", timeout=120_000, polling="raf"
    )


def _heading(page: Any) -> str:
    return page.locator("[data-testid='stHeading'] h3").first.inner_text()


def _click_node(page: Any, node: str) -> None:
    p = page.evaluate(
        """(id) => { const n = window.kgNetwork; const p = n.canvasToDOM(n.getPosition(id));
        const r = n.body.container.getBoundingClientRect(); return {x: p.x + r.left, y: p.y + r.top}; }""",
        node,
    )
    page.mouse.click(p["x"], p["y"])


def _visible_nodes(page: Any) -> list[str]:
    """Nodes whose label is drawn inside the box (a node off screen cannot be clicked)."""
    return page.evaluate(
        """() => { const n = window.kgNetwork; const r = n.body.container.getBoundingClientRect();
        const c = window.kgCardRect ? window.kgCardRect() : null;
        return (window.kgLabels || []).filter((l) => l.onScreen).map((l) => l.id).filter((id) => {
          const p = n.canvasToDOM(n.getPosition(id));
          const x = p.x + r.left, y = p.y + r.top;
          const under = c && x > c.left - 20 && x < c.right + 20 && y > c.top - 20 && y < c.bottom + 20;
          return !under && p.x > 20 && p.y > 20 && p.x < r.width - 20 && p.y < r.height - 20
            && y < innerHeight - 20; }); }"""
    )


def _wait_card(page: Any, node: str) -> None:
    page.wait_for_function(
        "(id) => window.kgCard === id && window.kgCardRect() !== null",
        arg=node,
        timeout=20_000,
        polling="raf",
    )


def clicks(page: Any, meter: Meter, count: int) -> tuple[list[float], list[int]]:
    """Click visible nodes; time to their details card, and bytes per click."""
    rng = random.Random(3)
    times, sizes = [], []
    previous = None
    for _ in range(count):
        ids = [n for n in _visible_nodes(page) if n != previous]  # the card may cover some
        node = ids[rng.randrange(len(ids))]
        page.wait_for_timeout(300)
        meter.reset()
        t0 = time.perf_counter()
        _click_node(page, node)
        _wait_card(page, node)
        times.append(time.perf_counter() - t0)
        page.wait_for_timeout(400)  # let the rest of the rerun arrive before counting
        sizes.append(meter.bytes)
        previous = node
    return times, sizes


class FrameMeter:
    """Counts websocket frames both ways (Chrome DevTools Protocol), as the wire carries them."""

    def __init__(self, page: Any) -> None:
        self.bytes = 0
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.cdp.on("Network.webSocketFrameSent", self._frame)
        self.cdp.on("Network.webSocketFrameReceived", self._frame)

    def _frame(self, event: dict[str, Any]) -> None:
        import base64

        frame = event["response"]
        data = frame.get("payloadData", "")
        self.bytes += len(base64.b64decode(data)) if frame.get("opcode") == 2 else len(data.encode())

    def reset(self) -> None:
        self.bytes = 0


RELEASED = "() => document.addEventListener('pointerup', () => { window.kgReleasedAt = performance.now(); }, true)"


def button_round_trips(page: Any, url: str, count: int) -> list[float]:
    """A bare Streamlit button (the hidden ping page): release -> its rerun's answer on screen, in the
    page's own clock (as the card is timed), so the two figures are measured alike."""
    page.goto(url + "/ping")
    page.get_by_text("Pong 0").wait_for(timeout=60_000)
    page.evaluate(RELEASED)
    page.evaluate(
        """() => { window.kgPong = {}; new MutationObserver(() => {
          const m = /Pong (\\d+)/.exec(document.body.innerText);
          if (m && !(m[1] in window.kgPong)) window.kgPong[m[1]] = performance.now();
        }).observe(document.body, {subtree: true, childList: true, characterData: true}); }"""
    )
    button = page.get_by_role("button", name="Ping")
    times = []
    for i in range(1, count + 1):
        page.wait_for_timeout(300)
        button.click()
        page.wait_for_function("(i) => window.kgPong && String(i) in window.kgPong", arg=i, timeout=20_000)
        times.append(page.evaluate("(i) => (window.kgPong[i] - window.kgReleasedAt) / 1000", i))
    return times


def click_rows(path: str = "/?full=1", count: int = 20) -> list[Row]:
    """The click figures on the article graph (``--clicks``): release -> details card in the page,
    against a bare Streamlit button's round trip measured alike in the same run, and websocket bytes
    (both ways) per selection."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        with server(env={"HIPKNEE_BENCH": "1"}) as (url, _proc, _started):
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            meter = FrameMeter(page)
            page.goto(url + path)
            _wait_graph(page)
            page.wait_for_timeout(1000)
            page.evaluate(RELEASED)
            rng = random.Random(3)
            times, sizes, previous = [], [], None
            while len(times) < count:
                ids = [n for n in _visible_nodes(page) if n != previous]  # the card may cover some
                node = ids[rng.randrange(len(ids))]
                page.wait_for_timeout(300)
                meter.reset()
                _click_node(page, node)
                _wait_card(page, node)
                times.append(
                    page.evaluate(
                        """() => { const at = window.kgReleasedAt;
                        const e = window.kgCardLog.find((x) => x.at >= at); return (e.at - at) / 1000; }"""
                    )
                )
                page.wait_for_timeout(900)  # the server's answer (URL, words) arrives: count it too
                sizes.append(meter.bytes)
                previous = node
            button = button_round_trips(page, url, count)
        browser.close()
    ms, bms, kb = median_ms(times), median_ms(button), statistics.median(sizes) / 1024
    ratio = ms / bms
    return [
        Row(f"click → details card, article graph `{path}` (median of {len(times)})", f"{ms:.0f} ms", "", None),
        Row(f"bare Streamlit button round trip, same run (median of {len(button)})", f"{bms:.0f} ms", "", None),
        Row("click → card ÷ button round trip", f"{ratio:.2f}×", "≤ 0.5×", ratio <= 0.5),
        Row("websocket bytes per selection, sent + received (median)", f"{kb:.2f} KB", "≤ 1 KB", kb <= 1),
    ]


def browser_rows(s5000: Path, big: Path) -> list[Row]:
    from playwright.sync_api import sync_playwright

    rows: list[Row] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)

        def new_page() -> tuple[Any, Meter]:
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            return page, Meter(page)

        # Cold start (median of three fresh servers), then the article graph.
        colds = []
        for _ in range(3):
            with server() as (url, proc, started):
                page, meter = new_page()
                page.goto(url)
                _wait_graph(page)
                colds.append(time.perf_counter() - started)
                page.close()
        cold = statistics.median(colds)
        rows.append(
            Row(
                "cold start: `streamlit run app.py` to a painted graph (median of 3)",
                f"{cold:.2f} s",
                "≤ 3 s",
                cold <= 3,
            )
        )
        with server() as (url, proc, started):
            page, meter = new_page()
            page.goto(url)
            _wait_graph(page)
            first_load = meter.bytes
            vis_frames = sum(1 for f in meter.frames if f > 400_000)
            times, sizes = clicks(page, meter, 12)
            article_ms = median_ms(times)
            rows.append(
                Row(
                    "click → details, article graph (median of 12)",
                    f"{article_ms:.0f} ms",
                    "≤ 150 ms",
                    article_ms <= 150,
                )
            )
            article_click = statistics.median(sizes)
            rows.append(
                Row(
                    "bytes per click, article graph (median)",
                    f"{article_click / 1024:.1f} KB",
                    "≤ 5 KB",
                    article_click <= 5 * 1024,
                )
            )
            changes = []
            for label, action in _view_changes(page):
                meter.reset()
                action()
                page.wait_for_timeout(1200)
                changes.append((label, meter.bytes, sum(1 for f in meter.frames if f > 400_000)))
            worst = max(b for _, b, _ in changes)
            detail = ", ".join(f"{label} {b / 1024:.1f} KB" for label, b, _ in changes)
            rows.append(Row("bytes per view change, article graph", detail, "≤ 50 KB", worst <= 50 * 1024))
            resent = sum(v for _, _, v in changes)
            rows.append(
                Row(
                    "vis-network JS sent",
                    f"{vis_frames}× in the first load ({first_load / 1024:.0f} KB in all), {resent}× in {len(changes)} view changes",
                    "once per session",
                    vis_frames == 1 and resent == 0,
                )
            )
            page.close()

        # 5,000 nodes: a click must cost no more than twice the article graph's.
        with server("--data", str(s5000)) as (url, proc, started):
            page, meter = new_page()
            page.goto(url)
            _wait_graph(page)
            drawn = page.evaluate("() => window.kgNetwork.body.nodeIndices.length")
            times, sizes = clicks(page, meter, 12)
            big_click = statistics.median(sizes)
            rows.append(
                Row(
                    "bytes per click, 5,000-node graph (median)",
                    f"{big_click / 1024:.1f} KB = {big_click / article_click:.2f}× the article's; {drawn} nodes drawn",
                    "≤ 2×, ≤ 500 drawn",
                    big_click <= 2 * article_click and drawn <= 500,
                )
            )
            ratio = median_ms(times) / article_ms
            rows.append(
                Row(
                    "click → details, 5,000-node graph (median of 12)",
                    f"{median_ms(times):.0f} ms = {ratio:.2f}× the article's",
                    "≤ 2×",
                    ratio <= 2,
                )
            )
            page.close()

        # 100,000 nodes: server memory.
        with server("--data", str(big)) as (url, proc, started):
            page, meter = new_page()
            page.goto(url)
            _wait_graph(page)
            page.get_by_placeholder("e.g. glutes").fill("alias 4242")
            page.keyboard.press("Enter")
            page.wait_for_timeout(1500)
            mem = rss_mb(proc.pid)
            rows.append(
                Row("server memory with the 100,000-node graph (after a search)", f"{mem:.0f} MB", "< 1 GB", mem < 1024)
            )
            page.close()
        browser.close()
    return rows


def _view_changes(page: Any) -> list[tuple[str, Callable[[], None]]]:
    def trace_() -> None:
        _click_node(page, "knee_pain")
        page.wait_for_timeout(800)
        page.get_by_role("radio", name="Trace this symptom").click()

    def around() -> None:
        page.get_by_role("radio", name="Explore around").first.click()

    def depth() -> None:
        page.get_by_text("Filters", exact=True).click()
        page.wait_for_timeout(300)
        slider = page.get_by_role("slider")
        slider.focus()
        page.keyboard.press("ArrowRight")

    def whole() -> None:
        page.get_by_test_id("stCheckbox").get_by_text("Whole graph").click()

    return [("trace", trace_), ("neighbourhood", around), ("depth 2", depth), ("whole graph", whole)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--no-browser", action="store_true", help="skip the browser figures")
    parser.add_argument("--clicks", action="store_true", help="only the click figures on the article graph")
    args = parser.parse_args(argv)
    if args.clicks:
        for r in click_rows():
            print(f"| {r.what} | {r.measured} | {r.target} | {'' if r.ok is None else ('yes' if r.ok else '**no**')} |")
        return 0
    work = Path(tempfile.mkdtemp(prefix="hipknee-bench-"))
    big, s5000 = work / "synthetic-100000.yaml", work / "synthetic-5000.yaml"
    write_synthetic(big, 100_000, 500_000)
    write_synthetic(s5000, 5_000, 25_000)
    # Browser figures first, while the machine is quiet; then the big in-process queries.
    rows = [] if args.no_browser else browser_rows(s5000, big)
    rows += query_rows(big)
    print(f"Measured on {machine()}, {time.strftime('%Y-%m-%d')}.\n")
    print("| what | measured | target | met |")
    print("| --- | --- | --- | --- |")
    for r in rows:
        print(f"| {r.what} | {r.measured} | {r.target} | {'' if r.ok is None else ('yes' if r.ok else '**no**')} |")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
