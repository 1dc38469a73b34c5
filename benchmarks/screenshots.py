"""Write the README's pictures: docs/{laptop,phone}-{landing,trace,connect}.png (an explicit command; tests never write docs/).

python -m benchmarks.screenshots
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.legibility import VIEWPORTS, wait_graph  # noqa: E402
from benchmarks.run import CHROMIUM_ARGS, server  # noqa: E402
from graph.atomic import write_atomic  # noqa: E402

VIEWS = {
    "landing": "/",
    "trace": "/?trace=knee_pain&open=weak_gluteal_muscles",
    "connect": "/?from=leg_length_discrepancy&to=knee_pain",
}


def main() -> int:
    from playwright.sync_api import sync_playwright

    out = ROOT / "docs"
    out.mkdir(exist_ok=True)
    with sync_playwright() as p, server() as (url, _proc, _started):
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        for screen, (w, h) in VIEWPORTS.items():
            page = browser.new_page(viewport={"width": w, "height": h})
            for name, path in VIEWS.items():
                page.goto(url + path)
                wait_graph(page)
                target = out / f"{screen}-{name}.png"
                if screen == "phone":  # the graph's box may be taller than the screen: picture it whole
                    # (a screenshot holds only what the window shows; a taller window draws the same:
                    # the page lays the graph out again only when the width changes)
                    frame = page.locator(".kg-frame")
                    page.set_viewport_size({"width": w, "height": max(h, int(frame.bounding_box()["height"]) + 240)})
                    page.wait_for_timeout(500)
                    write_atomic(target, frame.screenshot())
                    page.set_viewport_size({"width": w, "height": h})
                else:
                    write_atomic(target, page.screenshot())
                print(target.relative_to(ROOT))
            page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
