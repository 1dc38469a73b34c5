"""Spaced review on the Study page, and the deck and vault to take away.

Scheduling is :mod:`graph.review` (FSRS); the progress lives in the student's browser
through :mod:`graph.app.progress`. The session holds it in memory while the tab is
open; nothing is written on the server.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import networkx as nx
import streamlit as st

from graph.anki import to_apkg
from graph.review import (
    RATINGS,
    CardError,
    Progress,
    ProgressError,
    drop,
    due_now,
    dump_progress,
    new_cards,
    preview,
    rate,
    read_progress,
    schedule,
    session,
)
from graph.study import Card, flashcards
from graph.text import md
from graph.vault import to_vault_zip

from ..progress import KEY, browser_progress, storage_key

__all__ = ["review_tab", "take_away"]

NEW_PER_SESSION = 10
SHOWN_DROPPED = 10  # cards named in the notice; the rest are counted


def _wait(delta: timedelta) -> str:
    """A short human wait: "1 min", "10 min", "3 h", "8 days"."""
    minutes = round(delta.total_seconds() / 60)
    if minutes < 60:
        return f"{max(minutes, 1)} min"
    if minutes < 60 * 24:
        return f"{round(minutes / 60)} h"
    days = round(minutes / (60 * 24))
    return f"{days} day{'s' if days != 1 else ''}"


def _set(progress: Progress) -> None:
    """Keep ``progress`` for this session and have the browser store it (a new revision)."""
    ss = st.session_state
    ss["rv_progress"] = progress
    ss["rv_revision"] = ss.get("rv_revision", 0) + 1
    ss.pop("rv_unreadable", None)  # the browser's copy is replaced with this one


def _on_stored() -> None:
    """The browser reported what it holds: start from it (or from nothing on a first visit).

    What the browser holds is untrusted: a card that cannot be used is left out by name,
    and text that cannot be read at all is kept aside for download, never a crash.
    """
    ss = st.session_state
    component = ss.get(KEY)
    stored = component.get("stored") if isinstance(component, dict) else None
    stored = stored if isinstance(stored, dict) else {}
    ss["rv_loaded"] = True
    error = stored.get("error")
    ss["rv_storage_error"] = str(error)[:200] if error else None
    text = stored.get("text")
    if not text:
        ss.setdefault("rv_progress", Progress())
        return
    try:
        reading = read_progress(text if isinstance(text, str) else str(text))
    except ProgressError as exc:
        ss["rv_progress"] = Progress()
        ss["rv_unreadable"] = (text if isinstance(text, str) else str(text), str(exc))
        return
    ss["rv_progress"] = reading.progress
    ss["rv_dropped"] = reading.dropped


def _start(G: nx.MultiDiGraph) -> None:
    ss = st.session_state
    ids = [c.node for c in flashcards(G)]
    ss["rv_queue"] = session(ss["rv_progress"], ids, new=NEW_PER_SESSION)
    ss["rv_shown"] = False


def _drop(card: str, exc: CardError) -> None:
    """Leave out a card the scheduler cannot use (it counts as new again) and say so."""
    ss = st.session_state
    _set(drop(ss["rv_progress"], card))
    ss["rv_queue"] = [c for c in ss.get("rv_queue") or [] if c != card]
    ss["rv_shown"] = False
    ss["rv_dropped"] = (str(exc),)


def _answer(card: str, rating: str) -> None:
    ss = st.session_state
    queue = ss.get("rv_queue") or []
    if not (queue and queue[0] == card and ss.get("rv_shown")):
        return  # a second click on a card already answered
    try:
        _set(rate(ss["rv_progress"], card, rating))
    except CardError as exc:
        _drop(card, exc)
        return
    queue.pop(0)
    ss["rv_shown"] = False


def _import() -> None:
    ss = st.session_state
    upload = ss.get(f"rv_upload_{ss.get('rv_upload_n', 0)}")
    if upload is None:
        return
    try:
        reading = read_progress(upload.getvalue())
    except ProgressError as exc:
        ss["rv_notice"] = f"Not imported: {exc}"
        return
    _set(reading.progress)
    ss["rv_queue"] = []
    ss["rv_upload_n"] = ss.get("rv_upload_n", 0) + 1
    ss["rv_notice"] = f"Imported progress for {len(reading.progress.cards)} cards."
    ss["rv_dropped"] = reading.dropped
    ss.pop("rv_unreadable", None)


def _reset() -> None:
    ss = st.session_state
    _set(Progress())
    ss["rv_queue"] = []
    ss["rv_confirm_reset"] = False
    ss["rv_notice"] = "Progress erased from this browser."


def _card_view(card: Card, progress: Progress, left: int) -> None:
    ss = st.session_state
    with st.container(border=True):
        state = schedule(progress, card.node).state
        st.caption(f"{md(card.type)} · {'new card' if state == 'new' else state} · {left} left in this session")
        st.markdown(f"### {md(card.front)}")
        if not ss.get("rv_shown"):
            st.button("Show answer", key=f"rv_show_{card.node}_{progress.answers}", type="primary",
                      on_click=lambda: ss.update(rv_shown=True))  # fmt: skip
            return
        st.markdown(md(card.description))
        for line in card.relations:
            st.markdown(f"- {md(line)}")
        st.caption(f"Article section: {md(card.section)}")
        try:
            waits = preview(progress, card.node, datetime.now(UTC))
        except CardError as exc:
            _drop(card.node, exc)
            st.rerun()
        for column, rating in zip(st.columns(len(RATINGS)), RATINGS, strict=True):
            column.button(
                f"{rating.capitalize()} ({_wait(waits[rating])})",
                key=f"rv_{rating}_{card.node}_{progress.answers}",
                on_click=_answer,
                args=(card.node, rating),
            )


def _tools(G: nx.MultiDiGraph, progress: Progress) -> None:
    ss = st.session_state
    with st.expander("Your progress file: export, import, reset"):
        st.caption(
            "Progress is kept in this browser only. Export it to move to another browser or computer; "
            "importing replaces the progress kept here."
        )
        st.download_button(
            "Export progress (JSON)",
            dump_progress(progress),
            "hip-knee-progress.json",
            "application/json",
            key="rv_export",
        )
        st.file_uploader(
            "Import progress (JSON)",
            type=["json"],
            key=f"rv_upload_{ss.get('rv_upload_n', 0)}",
            on_change=_import,
        )
        st.checkbox("I want to erase my progress in this browser", key="rv_confirm_reset")
        st.button("Reset progress", on_click=_reset, disabled=not ss.get("rv_confirm_reset"), key="rv_reset")
    answered = [(schedule(progress, c.node), c.front) for c in flashcards(G) if c.node in progress.cards]
    if answered:
        with st.expander(f"Schedule of the {len(answered)} cards you have answered"):
            st.dataframe(
                [
                    {
                        "Card": front,
                        "State": s.state,
                        "Due": s.due.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if s.due else "",
                        "Stability (days)": round(s.stability or 0, 1),
                    }
                    for s, front in sorted(answered, key=lambda x: x[0].due or datetime.max.replace(tzinfo=UTC))
                ],
                hide_index=True,
            )


def _afresh() -> None:
    ss = st.session_state
    ss.pop("rv_unreadable", None)
    _set(Progress())
    ss["rv_queue"] = []
    ss["rv_notice"] = "Started afresh: the unreadable progress was replaced in this browser."


def _problems() -> None:
    """What could not be used of the stored progress: named, one line each, never an error page."""
    ss = st.session_state
    dropped = ss.pop("rv_dropped", ())
    if dropped:
        named = "; ".join(dropped[:SHOWN_DROPPED])
        more = f"; and {len(dropped) - SHOWN_DROPPED} more" if len(dropped) > SHOWN_DROPPED else ""
        st.warning(
            md(f"Left out {len(dropped)} saved card(s) that could not be used (they count as new): {named}{more}")
        )
    unreadable = ss.get("rv_unreadable")
    if unreadable:
        text, why = unreadable
        st.warning(md(f"The progress saved in this browser cannot be read ({why}); you are starting afresh."))
        a, b = st.columns(2)
        a.download_button("Download what was saved", text, "hip-knee-progress-unreadable.txt", "text/plain",
                          key="rv_download_unreadable")  # fmt: skip
        b.button("Start afresh (replace it)", on_click=_afresh, key="rv_afresh")


def review_tab(G: nx.MultiDiGraph) -> None:
    """Due cards, new cards and a review session; progress kept in this browser."""
    ss = st.session_state
    save = dump_progress(ss["rv_progress"]) if ss.get("rv_loaded") and ss.get("rv_revision") else None
    browser_progress(storage_key(G), save, ss.get("rv_revision", 0), _on_stored)
    if not ss.get("rv_loaded"):
        st.info("Reading your progress from this browser…")
        return
    notice = ss.pop("rv_notice", None)
    if notice:
        st.info(md(notice))
    _problems()
    if ss.get("rv_storage_error"):
        st.warning(
            "This browser does not let the page keep your progress "
            f"({md(str(ss['rv_storage_error']))}); it lasts until you close the tab. Export it to keep it."
        )
    progress: Progress = ss["rv_progress"]
    cards = flashcards(G)
    if not cards:
        st.info("This dataset has no cards to review.")
        return
    by_id = {c.node: c for c in cards}
    ids = list(by_id)
    now = datetime.now(UTC)
    due, new = due_now(progress, ids, now), new_cards(progress, ids)
    a, b, c = st.columns(3)
    a.metric("Due now", len(due))
    b.metric("New", len(new))
    c.metric("Answered cards", len(ids) - len(new))
    queue = [card for card in ss.get("rv_queue") or [] if card in by_id]
    if queue:
        _card_view(by_id[queue[0]], progress, len(queue))
    else:
        if ss.get("rv_queue") == []:
            st.success("Session done. Cards you found hard come back soon; the rest later.")
        st.button(
            f"Start a review: {len(due)} due, {min(len(new), NEW_PER_SESSION)} new",
            on_click=_start,
            args=(G,),
            type="primary",
            disabled=not (due or new),
            key="rv_start",
        )
    st.caption(
        "Scheduled with FSRS, the method modern Anki uses. Your answers are kept in this browser only, "
        "never on the server; another browser or profile starts fresh."
    )
    _tools(G, progress)


def take_away(G: nx.MultiDiGraph) -> None:
    """Download the flashcards as an Anki deck and the graph as an Obsidian vault."""
    st.markdown("**Study elsewhere**")
    a, b = st.columns(2)
    a.download_button(
        "Anki deck (.apkg)",
        lambda: to_apkg(G),
        "hip-knee.apkg",
        "application/octet-stream",
        help="One note per flashcard plus cloze cards for cause chains; importing a newer deck updates your cards.",
        key="dl_anki",
    )
    b.download_button(
        "Obsidian vault (.zip)",
        lambda: to_vault_zip(G),
        "hip-knee-vault.zip",
        "application/zip",
        help="A linked note per idea, a trace note with a flowchart per symptom; unzip and open as a vault.",
        key="dl_vault",
    )
