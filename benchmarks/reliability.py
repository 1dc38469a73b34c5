"""Reliability figures: hostile inputs tried, concurrent sessions held, errors seen, memory.

python -m benchmarks.reliability [--sessions 20] [--seconds 30] [--inputs 3000]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import string
import sys
import time
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import CHROMIUM_ARGS, rss_mb, server  # noqa: E402
from graph import GraphDataError, NodeNotFound, QueryError, load_graph, load_uploaded  # noqa: E402
from graph.deeplink import from_params  # noqa: E402
from graph.load import DATA_DIR  # noqa: E402
from graph.lookup import find, resolve  # noqa: E402
from graph.text import count  # noqa: E402
from graph.yamlsafe import UPLOAD_LIMITS  # noqa: E402

TINY = ROOT / "tests" / "data" / "valid" / "tiny.yaml"
# What each session may draw: the shipped article's nodes, or the small dataset's once uploaded.
ARTICLE_IDS = frozenset(load_graph())
TINY_IDS = frozenset(load_uploaded({TINY.name: TINY.read_bytes()}, limits=UPLOAD_LIMITS))
NASTY = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "\x00\x1b[2J\u202e",
    "🦵" * 40,
    "x" * 20_000,
    "../../etc/passwd",
    "%00",
    "' OR 1=1 --",
]


def _random_text(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return rng.choice(NASTY)
    alphabet = string.printable + "éü–—🦵\u202e\x00"
    return "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60)))


def fuzz_inputs(count: int, seed: int = 7) -> dict[str, int]:
    """Feed random and mutated inputs to the loader, the link parser and search; count outcomes."""
    rng = random.Random(seed)
    G = load_graph()
    article = {p.name: p.read_bytes() for p in sorted(DATA_DIR.glob("*.yaml"))}
    tally = {
        "loader inputs": 0,
        "loaded": 0,
        "refused with a message": 0,
        "links": 0,
        "searches": 0,
        "other exceptions": 0,
    }
    for i in range(count):
        try:
            if i % 3 == 0:
                name = rng.choice([n for n in article if n not in ("schema.yaml", "source.yaml")])
                data = bytearray(article[name])
                for _ in range(rng.randrange(1, 6)):
                    at = rng.randrange(len(data))
                    op = rng.randrange(3)
                    if op == 0:
                        del data[at : at + rng.randrange(1, 40)]
                    elif op == 1:
                        data[at:at] = _random_text(rng).encode("utf-8", "surrogatepass")
                    else:
                        data[at] = rng.randrange(256)
                files = dict(article)
                files[name] = bytes(data)
                tally["loader inputs"] += 1
                try:
                    load_uploaded(files, limits=UPLOAD_LIMITS)
                    tally["loaded"] += 1
                except GraphDataError:
                    tally["refused with a message"] += 1
            elif i % 3 == 1:
                keys = [
                    "node",
                    "trace",
                    "from",
                    "to",
                    "path",
                    "depth",
                    "view",
                    "types",
                    "rel",
                    "shown",
                    _random_text(rng),
                ]
                from_params(G, {rng.choice(keys): _random_text(rng) for _ in range(rng.randrange(1, 5))})
                tally["links"] += 1
            else:
                text = _random_text(rng)
                find(G, text)
                with suppress(NodeNotFound, QueryError):
                    resolve(G, text)
                tally["searches"] += 1
        except Exception:
            tally["other exceptions"] += 1
    return tally


@dataclass
class Report:
    sessions: int = 0
    actions: int = 0
    errors: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    memory: dict[str, float] = field(default_factory=dict)


@dataclass
class Start:
    """All sessions start clicking together, once every one of them has loaded."""

    total: int
    ready: int = 0
    event: asyncio.Event = field(default_factory=asyncio.Event)
    deadline: float = 0.0
    seconds: float = 30.0

    async def wait(self) -> float:
        self.ready += 1
        if self.ready == self.total:
            self.deadline = time.monotonic() + self.seconds
            self.event.set()
        await asyncio.wait_for(self.event.wait(), timeout=300)
        return self.deadline

    def drop_out(self) -> None:
        """A session that failed before it was ready must not hold the others back."""
        self.total -= 1
        if self.total and self.ready >= self.total:
            self.deadline = time.monotonic() + self.seconds
            self.event.set()


async def _session(context: Any, url: str, index: int, start: Start, report: Report) -> None:

    def off_machine(request: Any) -> None:
        # Watched, not intercepted: routing every request would switch the browser's cache off.
        where = urlparse(request.url.removeprefix("blob:"))
        if where.scheme != "data" and (where.hostname or "") not in {"127.0.0.1", "localhost"}:
            report.errors.append(f"session {index}: request off the machine: {request.url}")

    page = await context.new_page()
    page.on("request", off_machine)
    page.on("pageerror", lambda e: report.errors.append(f"session {index}: {e}"))
    rng = random.Random(index)
    started = False
    try:
        await asyncio.sleep(index * 0.25)  # users arrive a moment apart; then all click at once
        await page.goto(url + "/?full=1", timeout=180_000)  # the whole graph: every click selects, none unfolds
        await page.wait_for_function(
            "() => window.kgNetwork && window.kgNetwork.body.nodeIndices.length > 0", timeout=180_000
        )
        own, other = ARTICLE_IDS, TINY_IDS - ARTICLE_IDS
        if index % 5 == 0:  # every fifth session opens its own dataset
            unfold = page.locator("[data-testid='stExpandSidebarButton']")  # the sidebar starts folded
            if await unfold.count() and await unfold.first.is_visible():
                await unfold.first.click()
            await page.get_by_text("Dataset", exact=True).click()
            await page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(TINY))
            await page.wait_for_function(
                "(ids) => window.kgNetwork.body.nodeIndices.every((id) => ids.includes(id))",
                arg=sorted(TINY_IDS),
                timeout=120_000,
            )
            own, other = TINY_IDS, ARTICLE_IDS - TINY_IDS
        report.sessions += 1
        started = True
        deadline = await start.wait()
        while time.monotonic() < deadline:
            drawn = set(await page.evaluate("() => window.kgNetwork.body.nodeIndices"))
            if drawn - own:
                whose = "another session's" if drawn & other else "unknown"
                report.leaks.append(
                    f"session {index} draws {len(drawn - own)} {whose} nodes: {sorted(drawn - own)[:3]}"
                )
            # A node whose label is drawn inside the box and not under the details card or the page's
            # header: what a student can see, they can click.
            ids = await page.evaluate(
                """() => { const n = window.kgNetwork; const r = n.body.container.getBoundingClientRect();
                const c = window.kgCardRect ? window.kgCardRect() : null;
                const under = (x, y) => c && x > c.left - 16 && x < c.right + 16 && y > c.top - 16 && y < c.bottom + 16;
                return (window.kgLabels || []).filter((l) => l.onScreen).map((l) => l.id).filter((id) => {
                  const p = n.canvasToDOM(n.getPosition(id));
                  return p.x > 20 && p.y > 20 && p.x < r.width - 20 && p.y < r.height - 20
                    && p.y + r.top > 80 && p.y + r.top < innerHeight - 20 && !under(p.x + r.left, p.y + r.top); }); }"""
            )
            if not ids:  # the card covers what is left: close it, as a student would
                await page.get_by_role("button", name="Close the details").click(timeout=10_000)
                continue
            node = rng.choice(sorted(ids))
            label = await page.evaluate("(id) => window.kgNetwork.body.nodes[id].options.label", node)
            point = await page.evaluate(
                """(id) => { const n = window.kgNetwork; const p = n.canvasToDOM(n.getPosition(id));
                const r = n.body.container.getBoundingClientRect(); return {x: p.x + r.left, y: p.y + r.top}; }""",
                node,
            )
            await page.mouse.click(point["x"], point["y"])
            await page.wait_for_function(
                # The details card: the page's own for a drawn node (answered without the server), else the panel's.
                "([id, label]) => window.kgCard === id || [...document.querySelectorAll('[data-testid=stHeading] h3')]"
                "  .some((h) => h.innerText === label)",
                arg=[node, label],
                timeout=60_000,
            )
            try:
                await page.wait_for_function(
                    "(id) => new URLSearchParams(location.search).get('node') === id", arg=node, timeout=30_000
                )
            except Exception:
                report.leaks.append(f"session {index}: the link does not name its own selection {node}: {page.url}")
            report.actions += 1
            if rng.random() < 0.25 and own is ARTICLE_IDS:
                await page.get_by_placeholder("e.g. glutes").fill("kne pain")
                await page.keyboard.press("Enter")
                await page.get_by_role("button", name="Knee pain · symptom", exact=True).click(timeout=60_000)
                # The search selects knee pain: the page says so and the link names it.
                await page.wait_for_function(
                    "() => window.kgSelected === 'knee_pain' && location.search.includes('node=knee_pain')",
                    timeout=60_000,
                )
                report.actions += 1
    except Exception as exc:  # a timeout or a broken page is an error of this run
        first = (str(exc).splitlines() or [""])[0][:200]
        report.errors.append(f"session {index}: {type(exc).__name__}: {first}")
        if not started:
            start.drop_out()
    finally:
        await page.close()


async def _many(url: str, sessions: int, seconds: float, pid: int, report: Report) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        start = Start(sessions, seconds=seconds)
        peak = 0.0
        done = asyncio.Event()

        async def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, rss_mb(pid))
                await asyncio.sleep(0.5)

        async def run_all() -> None:
            # One browser profile, one tab per student: each tab is its own Streamlit session (its own
            # websocket), and the tabs share the browser's cache of the page's scripts, as a class's
            # browsers would each keep their own.
            context = await browser.new_context(viewport={"width": 1300, "height": 900})
            await asyncio.gather(*(_session(context, url, i, start, report) for i in range(sessions)))
            await context.close()
            done.set()

        await asyncio.gather(sample(), run_all())
        report.memory["peak"] = max(peak, report.memory.get("peak", 0.0))
        await browser.close()


def many_users(sessions: int = 20, seconds: float = 30, rounds: int = 2) -> Report:
    """One server, ``sessions`` browser sessions clicking, searching and uploading at once,
    ``rounds`` times over: memory after each round shows whether anything is kept."""
    report = Report()
    # Closed sessions are let go after 2 s (Streamlit keeps them 120 s for reconnection by default).
    with server(config=("--server.disconnectedSessionTTL", "2")) as (url, proc, _started):
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:  # one session to warm the server up
            b = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
            page = b.new_page()
            page.goto(url)
            page.wait_for_function("() => window.kgNetwork !== undefined", timeout=120_000)
            b.close()
        time.sleep(2)
        report.memory["before"] = rss_mb(proc.pid)
        for round_ in range(1, rounds + 1):
            asyncio.run(_many(url, sessions, seconds, proc.pid, report))
            time.sleep(6)  # sessions end once their sockets close and the 2 s TTL passes
            report.memory[f"after round {round_}"] = rss_mb(proc.pid)
        report.memory["after"] = rss_mb(proc.pid)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reliability", description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent browser sessions (default 20)")
    parser.add_argument("--seconds", type=float, default=30, help="how long they click (default 30)")
    parser.add_argument("--inputs", type=int, default=3000, help="random inputs to try (default 3000)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of sessions, one after another (default 2)")
    args = parser.parse_args(argv)
    tally = fuzz_inputs(args.inputs)
    report = many_users(args.sessions, args.seconds, args.rounds)
    m = report.memory
    print("| what | figure |")
    print("| --- | --- |")
    print(
        f"| random and mutated inputs tried | {args.inputs:,} ({tally['loader inputs']:,} datasets, {tally['links']:,} links, {tally['searches']:,} searches) |"
    )
    print(
        f"| datasets loaded / refused with a one-line message | {tally['loaded']:,} / {tally['refused with a message']:,} |"
    )
    print(f"| any other exception | {tally['other exceptions']} |")
    print(
        f"| concurrent browser sessions held | {report.sessions} of {args.sessions * args.rounds} "
        f"({count(args.rounds, 'round')} of {args.sessions}, {args.seconds:.0f} s each) |"
    )
    print(f"| clicks and searches checked | {report.actions:,} |")
    print(f"| errors seen (page errors, timeouts, requests off the machine) | {len(report.errors)} |")
    print(f"| one session seeing another's selection or dataset | {len(report.leaks)} |")
    rounds = " / ".join(f"{m[f'after round {r}']:.0f}" for r in range(1, args.rounds + 1))
    print(f"| server memory before / peak / after each round | {m['before']:.0f} / {m['peak']:.0f} / {rounds} MB |")
    for line in report.errors[:10] + report.leaks[:10]:
        print(f"- {line}")
    return 0 if not report.errors and not report.leaks and tally["other exceptions"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
