"""The README's Study picture, taken on purpose: ``.venv/bin/python -m benchmarks.study_screenshot``.

Starts the app on loopback, gives a fresh Chromium profile a progress file with a few
overdue cards, answers two, shows the next answer and saves ``docs/study-review.png``.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.run import CHROMIUM_ARGS
from graph import load_graph
from graph.atomic import write_atomic
from graph.review import Progress, dump_progress, rate
from graph.study import flashcards
from tests.e2e.conftest import start_server, stop_server

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "study-review.png"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        progress = Progress()
        for card in flashcards(load_graph())[40:52]:
            progress = rate(progress, card.node, "good", datetime.now(UTC) - timedelta(days=3))
        file = Path(tmp) / "progress.json"
        write_atomic(file, dump_progress(progress))
        server = start_server(Path(tmp))
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 980})
                idle = "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'"
                page.goto(f"{server.url}/study")
                page.get_by_role("tab", name="Review").click()
                page.get_by_text("Due now").wait_for(timeout=30_000)
                page.get_by_text("Your progress file: export, import, reset").click()
                page.locator("input[type=file]").set_input_files(str(file))
                page.get_by_text("Imported progress for").wait_for(timeout=20_000)
                page.get_by_text("Your progress file: export, import, reset").click()  # fold it again
                page.wait_for_function(idle)
                page.get_by_role("button", name="Start a review").click()
                for rating in ("Good", "Easy", None):
                    page.get_by_role("button", name="Show answer").click()
                    page.get_by_role("button", name="Again").wait_for()
                    page.wait_for_function(idle)
                    if rating:
                        page.get_by_role("button", name=rating).click()
                        page.wait_for_timeout(800)
                        page.wait_for_function(idle)
                page.wait_for_timeout(500)
                OUT.parent.mkdir(exist_ok=True)
                write_atomic(OUT, page.screenshot(full_page=True))
                browser.close()
        finally:
            stop_server(server)
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
