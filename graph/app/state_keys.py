"""Every key this page keeps in ``st.session_state``, in one table: what it holds and who writes it.

Two kinds live there. *State* keys hold values across reruns and are read by more than one
function; each is named below. *Widget* keys belong to one widget (Streamlit stores its value
under it); they are grouped by prefix, one prefix per panel. ``tests/test_state_keys.py`` finds
every key the code uses and fails on one that is in neither table, so a new key is added here first.
"""

from __future__ import annotations

__all__ = ["STATE_KEYS", "WIDGET_PREFIXES", "is_registered"]

STATE_KEYS: dict[str, str] = {
    # explorer (graph/app/session.py)
    "explorer": "the ExplorerState shown now (graph.deeplink), the one source of what the page draws",
    "reset_view": "set when a new dataset arrives: the next run reads the view afresh",
    "full_rerun": "set by a fragment callback that changed more than the fragment shows",
    "url_written": "the query string last written, so an unchanged view writes no history entry",
    "scroll_seq": "counts scroll requests, so the component scrolls once per action",
    "select_seq": "counts the server's selections, so the page follows one even when it names the same node",
    "panel_for": "the selected node not drawn whose card the Details tab was opened for",
    "dataset_seq": "counts this session's dataset changes: the page keeps its Back and Forward per dataset",
    "paths_shown_choice": "the line picked in the words, before the view is redrawn",
    # dataset (graph/app/datasource.py, panels/sidebar.py)
    "graph": "the graph component's triggers (clicked, explore, act, goto), set by the page: untrusted",
    "uploaded_graph": "the uploaded dataset's graph, or None for the article's",
    "upload_errors": "problems of the last upload, one 'file:line: message' each",
    "upload_note": "one line about the last upload (replaced, refused)",
    # study page (panels/study.py)
    "quiz_run": "graph.study.QuizRun: the quiz in progress",
    "feedback": "what the last answer taught (right or wrong, why, sections)",
    "go_explore": "set by 'Open this in the explorer': switch pages after the run",
    # the benchmark's yardstick page (HIPKNEE_BENCH=1 only)
    "ping": "counts presses of the bare button",
}

WIDGET_PREFIXES: dict[str, str] = {
    "w_": "explorer widgets: search, mode, pickers, filters, upload, words",
    "hit_": "search hits, one button each",
    "act_": "a node's actions (trace, explore around, connect)",
    "kg_": "containers the page scrolls to or styles",
    "hipknee_": "the custom components",
    "q_": "quiz widgets and the quiz's settings (seed, count, kinds, round)",
    "fc_": "flashcards",
    "rv_": "spaced review: stored progress as read, queue, notices, buttons",
    "sheet_": "study sheet",
    "dl_": "downloads",
}


def is_registered(key: str) -> bool:
    """Whether ``key`` is a named state key or starts with a widget prefix.

    >>> is_registered("explorer"), is_registered("w_mode"), is_registered("scratch")
    (True, True, False)
    """
    return key in STATE_KEYS or key.startswith(tuple(WIDGET_PREFIXES))
