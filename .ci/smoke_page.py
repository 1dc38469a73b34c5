"""CI: open the explorer served by an installed wheel and check it draws the graph offline.

Usage: python .ci/smoke_page.py URL. Exit 0 when the graph painted with no request off the machine.
"""

from __future__ import annotations

import shutil
import sys
from urllib.parse import urlparse

from playwright.sync_api import sync_playwright

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main(url: str) -> int:
    outside: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        page = browser.new_page()

        def route(r):  # type: ignore[no-untyped-def]
            if (urlparse(r.request.url).hostname or "127.0.0.1") not in {"127.0.0.1", "localhost"}:
                outside.append(r.request.url)
                return r.abort()
            return r.continue_()

        page.route("**/*", route)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url)
        page.wait_for_function("() => window.kgNetwork && window.kgNetwork.body.nodeIndices.length > 0", timeout=60_000)
        drawn = page.evaluate("() => window.kgNetwork.body.nodeIndices.length")
        browser.close()
    print(
        f"smoke: the installed explorer drew {drawn} nodes; requests off the machine: {len(outside)}; page errors: {len(errors)}"
    )
    return 0 if drawn and not outside and not errors else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
