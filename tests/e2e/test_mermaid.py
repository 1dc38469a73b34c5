"""Every Mermaid flowchart in the vault parses with Mermaid's own parser, in Chromium, offline.

Mermaid comes from npm (``npm pack mermaid@VERSION``, integrity checked) into a cache
outside the checkout; no CDN. Without npm the test skips, unless REQUIRE_MERMAID=1
(set by .ci/run) says it must run.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
import tarfile
from pathlib import Path
from typing import Any

import pytest

from graph import load_graph
from graph.roles import nodes_with_role
from graph.vault import vault_files

from ..conftest import TEST_DATA

VERSION = "12.3.0"
INTEGRITY = "sha512-4113TdXeLAsMruJ79OpFL5O8+LTFXhQqZ260rF3tgUmiNAtRm4Uume04I+65PRN6yZ69J4f8rVYWW8zRk65UYw=="
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "hipknee-tests" / f"mermaid-{VERSION}"
BLOCK = re.compile(r"```mermaid\n(.*?)```", re.S)
DATASETS = [None, TEST_DATA / "valid" / "hostile.yaml", TEST_DATA / "valid" / "hostile_names.yaml"]


def _unavailable(reason: str) -> None:
    if os.environ.get("REQUIRE_MERMAID") == "1":
        pytest.fail(f"{reason}, and REQUIRE_MERMAID=1 says the Mermaid check must run")
    pytest.skip(reason)


def mermaid_js() -> Path:
    """``dist/mermaid.min.js`` from the pinned npm tarball, fetched once with npm and checked."""
    script = CACHE / "package" / "dist" / "mermaid.min.js"
    if script.exists():
        return script
    npm = shutil.which("npm")
    if npm is None:
        _unavailable("npm not found, so Mermaid's parser cannot be fetched (apt-get install -y npm)")
    CACHE.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [npm, "pack", f"mermaid@{VERSION}", "--silent"], cwd=CACHE, capture_output=True, text=True, timeout=300
    )
    tarball = CACHE / f"mermaid-{VERSION}.tgz"
    if done.returncode != 0 or not tarball.exists():
        _unavailable(f"npm pack mermaid@{VERSION} failed: {done.stderr.strip()[-300:]}")
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    assert digest == INTEGRITY, f"mermaid-{VERSION}.tgz does not match its pinned integrity"
    with tarfile.open(tarball) as tar:
        tar.extract("package/dist/mermaid.min.js", CACHE, filter="data")
    tarball.unlink()
    return script


@pytest.fixture(scope="module")
def charts() -> dict[str, str]:
    found = {}
    for path in DATASETS:
        for name, text in vault_files(load_graph(path)).items():
            for i, chart in enumerate(BLOCK.findall(text)):
                found[f"{path.stem if path else 'article'}:{name}:{i}"] = chart
    return found


def test_every_vault_flowchart_parses_and_renders_inert(page: Any, charts: dict[str, str]) -> None:
    script = mermaid_js()
    page.set_content("<!DOCTYPE html><html><body><div id='out'></div></body></html>")
    page.add_script_tag(path=str(script))
    page.evaluate("() => mermaid.initialize({startOnLoad: false, securityLevel: 'strict'})")
    results = page.evaluate(
        """async (charts) => {
            const out = {};
            for (const [name, text] of Object.entries(charts)) {
                try { await mermaid.parse(text); out[name] = "ok"; }
                catch (e) { out[name] = String(e && e.message || e); }
            }
            return out;
        }""",
        charts,
    )
    symptoms = sum(len(nodes_with_role(load_graph(path), "symptom")) for path in DATASETS)
    assert len(results) == symptoms >= 9 + 1 + 3  # one trace per symptom, the article's and the hostile ones
    assert {k: v for k, v in results.items() if v != "ok"} == {}
    # The hostile charts, drawn: their labels stay text (no element, no script, no click handler).
    hostile = {k: v for k, v in charts.items() if k.startswith("hostile")}
    drawn = page.evaluate(
        """async (charts) => {
            const found = [];
            let i = 0;
            for (const text of Object.values(charts)) {
                const { svg } = await mermaid.render(`chart${i++}`, text);
                document.getElementById("out").insertAdjacentHTML("beforeend", svg);
            }
            const out = document.getElementById("out");
            for (const el of out.querySelectorAll("img, script, iframe, a, [onerror], [onload], [onclick]")) {
                found.push(el.outerHTML.slice(0, 120));
            }
            return { found, text: out.textContent, pwned: window.__pwned === 1 };
        }""",
        hostile,
    )
    assert drawn["found"] == [] and not drawn["pwned"]
    assert "<img src=x onerror=alert(1)>" in drawn["text"]
