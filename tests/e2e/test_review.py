"""Spaced review in Chromium: progress lives in the browser, survives reload and restart, moves by file only."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from graph import load_graph
from graph.review import Progress, dump_progress, rate
from graph.study import flashcards

from .conftest import SCREENSHOTS, Server, _free_port, start_server, stop_server

MONTH_AGO = datetime.now(UTC) - timedelta(days=60)
CARDS = len(flashcards(load_graph()))


@pytest.fixture(scope="module")
def overdue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A progress file with 15 cards answered two months ago: all due now."""
    p = Progress()
    for card in flashcards(load_graph())[-15:]:
        p = rate(p, card.node, "easy", MONTH_AGO)
    path = tmp_path_factory.mktemp("progress") / "overdue.json"
    path.write_text(dump_progress(p), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    s = start_server(tmp_path_factory.mktemp("review"), port=_free_port())
    yield s
    stop_server(s)


def open_review(page: Any, url: str) -> None:
    page.goto(f"{url}/study")
    page.get_by_role("tab", name="Review").click()
    page.get_by_text("Due now").wait_for(timeout=30_000)


def idle(page: Any) -> None:
    """Wait for the script run to finish: a click during a run may be merged away by Streamlit."""
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'",
        timeout=20_000,
    )


def metrics(page: Any) -> dict[str, int]:
    idle(page)
    texts = page.locator("[data-testid=stMetric]").all_inner_texts()
    return {t.split("\n")[0]: int(t.split("\n")[-1]) for t in texts}


def stored(page: Any) -> str | None:
    return page.evaluate(
        "() => { const k = Object.keys(localStorage).find(k => k.startsWith('hipknee-progress:'));"
        " return k ? localStorage.getItem(k) : null; }"
    )


def wait_answers(page: Any, count: int) -> None:
    page.wait_for_function(
        "(n) => Object.keys(localStorage).some(k => k.startsWith('hipknee-progress:')"
        " && JSON.parse(localStorage.getItem(k)).answers === n)",
        arg=count,
        timeout=20_000,
    )


def open_tools(page: Any) -> None:
    idle(page)
    details = page.locator("details", has_text="Your progress file: export, import, reset")
    if details.get_attribute("open") is None:
        page.get_by_text("Your progress file: export, import, reset").click()


def confirm(page: Any) -> None:
    """Tick "I want to erase …" and wait for the run it starts: a tick during a run may be merged away."""
    box = page.get_by_role("checkbox", name="I want to erase my progress in this browser")
    for _ in range(3):
        idle(page)
        if box.is_checked():
            break
        page.get_by_text("I want to erase my progress in this browser").click()
        page.wait_for_timeout(300)
    idle(page)
    assert box.is_checked()
    page.get_by_role("button", name="Reset progress").and_(page.locator(":enabled")).wait_for(timeout=20_000)


def import_file(page: Any, path: Path) -> None:
    open_tools(page)
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_text("Imported progress for").wait_for(timeout=20_000)


def answer(page: Any, ratings: list[str], before: int) -> None:
    idle(page)
    page.get_by_role("button", name="Start a review").click()
    for i, rating in enumerate(ratings):
        page.get_by_role("button", name="Show answer").click()
        page.get_by_role("button", name=rating).wait_for()
        idle(page)
        page.get_by_role("button", name=rating).click()
        wait_answers(page, before + i + 1)
        idle(page)


def test_answers_survive_reload_and_server_restart(browser: Any, own_server: Server, overdue: Path, tmp_path: Path):
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    open_review(page, own_server.url)
    assert metrics(page) == {"Due now": 0, "New": CARDS, "Answered cards": 0} and stored(page) is None
    import_file(page, overdue)
    assert metrics(page) == {"Due now": 15, "New": CARDS - 15, "Answered cards": 15}
    answer(page, ["Easy", "Good"] * 2, before=15)  # the four most overdue cards, all back in days
    after = {"Due now": 11, "New": CARDS - 15, "Answered cards": 15}
    assert metrics(page) == after
    schedules = stored(page)
    assert schedules is not None and json.loads(schedules)["answers"] == 19
    page.screenshot(path=str(SCREENSHOTS / "review.png"), full_page=True)

    page.reload()
    open_review(page, own_server.url)
    assert metrics(page) == after and stored(page) == schedules

    port = int(own_server.url.rsplit(":", 1)[1])
    stop_server(own_server)
    restarted = start_server(tmp_path, port=port)
    try:
        open_review(page, restarted.url)
        assert metrics(page) == after and stored(page) == schedules
    finally:
        stop_server(restarted)
        own_server.process = restarted.process
        context.close()
    assert errors == []


def test_export_then_import_restores_and_profiles_are_isolated(browser: Any, server: Server, overdue: Path, tmp_path):
    first = browser.new_context()
    page = first.new_page()
    open_review(page, server.url)
    import_file(page, overdue)
    answer(page, ["Easy", "Easy", "Good"], before=15)
    mine = stored(page)
    open_tools(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress (JSON)").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    assert exported.read_text(encoding="utf-8") == mine
    counts = metrics(page)

    other = browser.new_context()  # a second browser profile: sees nothing of the first
    page2 = other.new_page()
    open_review(page2, server.url)
    assert metrics(page2) == {"Due now": 0, "New": CARDS, "Answered cards": 0} and stored(page2) is None
    answer(page2, ["Again"], before=0)
    assert stored(page) == mine  # the first profile is untouched

    fresh = browser.new_context()  # a fresh profile imports the exported file
    page3 = fresh.new_page()
    open_review(page3, server.url)
    import_file(page3, exported)
    assert stored(page3) == mine and metrics(page3) == counts
    page3.reload()
    open_review(page3, server.url)
    assert stored(page3) == mine and metrics(page3) == counts

    open_tools(page3)
    confirm(page3)
    page3.get_by_role("button", name="Reset progress").click()
    page3.get_by_text("Progress erased from this browser.").wait_for(timeout=20_000)
    assert metrics(page3) == {"Due now": 0, "New": CARDS, "Answered cards": 0}
    assert json.loads(stored(page3) or "{}")["cards"] == {} and stored(page) == mine
    for context in (first, other, fresh):
        context.close()
