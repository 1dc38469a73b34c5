"""One registry of session-state keys: every key the page code uses is named in graph/app/state_keys.py."""

from __future__ import annotations

import ast
from pathlib import Path

from graph.app.state_keys import STATE_KEYS, is_registered

APP = Path(__file__).resolve().parents[1] / "graph" / "app"
ACCESS = {"get", "pop", "setdefault"}


def _head(node: ast.expr) -> str | None:
    """The literal start of a key: a string, or an f-string's leading text."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return str(node.values[0].value)
    return None


def _is_state(node: ast.expr) -> bool:
    return (isinstance(node, ast.Name) and node.id == "ss") or (
        isinstance(node, ast.Attribute) and node.attr == "session_state"
    )


def _keys_used(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and _is_state(node.value):
            found.add(_head(node.slice) or "")
        elif isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Attribute) and f.attr in ACCESS and _is_state(f.value) and node.args:
                found.add(_head(node.args[0]) or "")
            found.update(_head(k.value) or "" for k in node.keywords if k.arg == "key")
        elif isinstance(node, ast.Compare) and any(_is_state(c) for c in node.comparators):
            found.add(_head(node.left) or "")
    return found - {""}


def test_every_session_state_key_in_the_page_code_is_registered() -> None:
    used = {key: path.relative_to(APP) for path in APP.rglob("*.py") for key in _keys_used(ast.parse(path.read_text()))}
    assert len(used) > 30  # the scan does see the page's keys
    unregistered = {key: str(where) for key, where in used.items() if not is_registered(key)}
    assert not unregistered, f"add these to graph/app/state_keys.py: {unregistered}"


def test_every_named_state_key_is_still_used() -> None:
    used = {
        key
        for path in APP.rglob("*.py")
        if path.name != "state_keys.py"
        for key in _keys_used(ast.parse(path.read_text()))
    }
    stale = set(STATE_KEYS) - used - {"explorer"}  # read through session.KEY
    assert not stale, f"no longer used, remove from the registry: {sorted(stale)}"
