"""Hostile review progress in the browser (issue 20): the Review tab draws, names what it left out, logs no traceback.

The progress is planted in ``localStorage`` before the page loads (as a damaged or
hand-edited store would hold it), or imported as a file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from graph import load_graph
from graph.app.progress import storage_key
from graph.review import Progress, dump_progress, rate
from graph.study import flashcards

from .conftest import Server, start_server, stop_server
from .test_review import idle, import_file, metrics, open_review, stored

G = load_graph()
IDS = [c.node for c in flashcards(G)]
KEY = storage_key(G)
SOUND_ID = IDS[0]
SOUND = json.loads(dump_progress(rate(Progress(), SOUND_ID, "easy", datetime.now(UTC) - timedelta(days=60))))
CARD = SOUND["cards"][SOUND_ID]
HOSTILE = {
    IDS[1]: {**CARD, "due": "0001-01-01T00:00:00+00:00"},
    IDS[2]: {**CARD, "due": "9999-12-31T23:59:59+00:00"},
    IDS[3]: {**CARD, "stability": 0},
    IDS[4]: {**CARD, "difficulty": None},
    IDS[5]: {**CARD, "stability": 1e308},
    IDS[6]: {**CARD, "state": 9},
}
DAMAGED = json.dumps({**SOUND, "cards": {**SOUND["cards"], **HOSTILE}})


@pytest.fixture(scope="module")
def logged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    s = start_server(tmp_path_factory.mktemp("hostile"))
    yield s
    stop_server(s)


def plant(browser: Any, text: str) -> tuple[Any, Any]:
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    context.add_init_script(f"window.localStorage.setItem({json.dumps(KEY)}, {json.dumps(text)});")
    return context, context.new_page()


def expect_drawn(page: Any, url: str, errors: list[str]) -> None:
    page.on("pageerror", lambda e: errors.append(str(e)))
    open_review(page, url)
    assert page.get_by_text("Something went wrong").count() == 0
    assert page.locator("[data-testid=stException]").count() == 0


def test_damaged_cards_are_left_out_by_name_and_the_rest_kept(browser: Any, logged: Server) -> None:
    context, page = plant(browser, DAMAGED)
    errors: list[str] = []
    expect_drawn(page, logged.url, errors)
    warning = page.get_by_text("Left out 6 saved card(s)")
    warning.wait_for(timeout=20_000)
    text = warning.inner_text()
    for card in HOSTILE:
        assert card in text
    assert metrics(page) == {"Due now": 1, "New": len(IDS) - 1, "Answered cards": 1}
    page.get_by_role("button", name="Start a review").click()
    page.get_by_role("button", name="Show answer").click()
    page.get_by_role("button", name="Good").wait_for(timeout=20_000)  # the kept card is scheduled
    page.reload()  # the bad state is read back: still drawn, still named
    expect_drawn(page, logged.url, errors)
    page.get_by_text("Left out 6 saved card(s)").wait_for(timeout=20_000)
    context.close()
    assert errors == []
    assert "Traceback" not in logged.log.read_text(errors="replace")


@pytest.mark.parametrize(
    "text",
    ["not json {", json.dumps({**SOUND, "cards": [CARD]}), json.dumps([SOUND]), "null"],
    ids=["not JSON", "cards as a list", "a list", "null"],
)
def test_unreadable_progress_is_one_line_with_a_download_and_a_fresh_start(
    browser: Any, logged: Server, text: str, tmp_path: Path
) -> None:
    context, page = plant(browser, text)
    errors: list[str] = []
    expect_drawn(page, logged.url, errors)
    page.get_by_text("The progress saved in this browser cannot be read").wait_for(timeout=20_000)
    assert metrics(page) == {"Due now": 0, "New": len(IDS), "Answered cards": 0}
    with page.expect_download() as download:
        page.get_by_role("button", name="Download what was saved").click()
    saved = tmp_path / "saved.txt"
    download.value.save_as(saved)
    assert saved.read_text(encoding="utf-8") == text
    idle(page)
    page.get_by_role("button", name="Start afresh (replace it)").click()
    page.get_by_text("Started afresh").wait_for(timeout=20_000)
    page.wait_for_function(
        "(k) => { try { return JSON.parse(localStorage.getItem(k)).cards !== undefined } catch (e) { return false } }",
        arg=KEY,
        timeout=20_000,
    )
    assert json.loads(stored(page) or "{}")["cards"] == {}
    context.close()
    assert errors == []
    assert "Traceback" not in logged.log.read_text(errors="replace")


def test_an_imported_file_with_damaged_cards_keeps_the_rest(browser: Any, logged: Server, tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    path.write_text(DAMAGED, encoding="utf-8")
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    expect_drawn(page, logged.url, errors)
    import_file(page, path)
    page.get_by_text("Left out 6 saved card(s)").wait_for(timeout=20_000)
    assert metrics(page) == {"Due now": 1, "New": len(IDS) - 1, "Answered cards": 1}
    assert set(json.loads(stored(page) or "{}")["cards"]) == {SOUND_ID}
    context.close()
    assert errors == []
    assert "Traceback" not in logged.log.read_text(errors="replace")
