"""Real-browser fixtures: a Streamlit server on loopback and Debian's Chromium via Playwright.

Every request that would leave the machine is blocked and recorded; every page
error is recorded; each test fails if either list is not empty.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from benchmarks.run import CHROMIUM_ARGS

from ..conftest import ROOT, TEST_DATA

# Screenshots the tests take, to look at after a run; ignored by git. The README's
# pictures in docs/ are made on purpose by `python -m benchmarks.screenshots`.
SCREENSHOTS = Path(os.environ.get("HIPKNEE_SCREENSHOTS", ROOT / "tests" / "e2e" / "artifacts"))
SCREENSHOTS.mkdir(parents=True, exist_ok=True)
LOOPBACK = {"localhost", "127.0.0.1", "::1", "[::1]"}
PROBE = re.compile(r"^/[^/]+/_stcore/(health|host-config)$")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests share one xdist worker, so they never compete for the two cores with each other."""
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.xdist_group("browser"))


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path:
        return path
    reason = "Chromium not found (apt-get install -y chromium)"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and REQUIRE_BROWSER=1 says browser tests must run")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path


def start_server(tmp: Path, *app_args: str, port: int | None = None) -> Server:
    port = port or _free_port()
    log = tmp / f"streamlit-{port}.log"
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
        "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    if app_args:
        cmd += ["--", *app_args]
    with log.open("wb") as out:
        process = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return Server(url, process, log)
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"Streamlit did not start: {log.read_text(errors='replace')}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    path = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    _chromium()
    s = start_server(tmp_path_factory.mktemp("server"))
    yield s
    stop_server(s)


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app on tests/data/valid/hostile.yaml (labels that are HTML, script, SVG)."""
    s = start_server(tmp_path_factory.mktemp("hostile"), "--data", str(TEST_DATA / "valid" / "hostile.yaml"))
    yield s
    stop_server(s)


def block_requests(context: Any, allowed: Callable[[str], bool], blocked: list[str]) -> None:
    """Abort every request of ``context`` whose URL is not ``allowed``, recording it in ``blocked``."""

    def route(r: Any) -> None:
        if allowed(r.request.url):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)


def _on_machine(url: str) -> bool:
    return not url.startswith(("http://", "https://", "ws://", "wss://")) or (urlparse(url).hostname or "") in LOOPBACK


def wait_for_graph(page: Any) -> None:
    """Until the component has drawn at least one node, then a moment for it to settle."""
    page.wait_for_function(
        "() => window.kgNetwork && window.kgNetwork.body.nodeIndices.length > 0", timeout=60_000, polling="raf"
    )
    page.wait_for_timeout(400)


def node_point(page: Any, node: str) -> dict[str, float]:
    """Where ``node`` is drawn, in page coordinates (for a mouse click or tap)."""
    return page.evaluate(
        """(id) => { const n = window.kgNetwork; const p = n.canvasToDOM(n.getPosition(id));
        const r = n.body.container.getBoundingClientRect(); return {x: p.x + r.left, y: p.y + r.top}; }""",
        node,
    )


@dataclass
class Watch:
    """What a page did that it should not: requests off the machine, errors, dialogs."""

    external: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def page(browser: Any, watch: Watch) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    block_requests(context, _on_machine, watch.external)
    pg = context.new_page()
    pg.on("pageerror", lambda e: watch.errors.append(str(e)))
    # A failed load shows up as a console error too; those are judged by their response below.
    pg.on(
        "console",
        lambda m: (
            watch.errors.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource")
            else None
        ),
    )

    def on_response(r: Any) -> None:
        # Opened on a page's own address (e.g. /study), Streamlit's client first probes
        # /study/_stcore/... for the server's base path; those 404s are expected.
        if r.status >= 400 and not PROBE.search(urlparse(r.url).path):
            watch.failed.append(f"{r.status} {r.url}")

    pg.on("response", on_response)

    def on_dialog(d: Any) -> None:
        watch.dialogs.append(d.message)
        d.dismiss()

    pg.on("dialog", on_dialog)
    yield pg
    context.close()
    assert watch.external == [], f"requests left the machine: {watch.external}"
    assert watch.errors == [], f"page errors: {watch.errors}"
    assert watch.dialogs == [], f"dialogs opened: {watch.dialogs}"
    assert watch.failed == [], f"failed requests: {watch.failed}"


def open_dataset_panel(page: Any) -> None:
    """Open the (folded) sidebar if need be, then its Dataset expander, as a student would to upload."""
    unfold = page.locator("[data-testid='stExpandSidebarButton']")
    if unfold.count() and unfold.first.is_visible():
        unfold.first.click()
    page.get_by_text("Dataset", exact=True).click()
