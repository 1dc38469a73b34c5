"""The page boundary: only the page imports Streamlit; the core works without it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

PAGE = ROOT / "graph" / "app"


def _imports_streamlit(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "streamlit" for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "streamlit" and node.level == 0:
            return True
    return False


def test_only_the_page_imports_streamlit() -> None:
    importers = {
        p.relative_to(ROOT).as_posix()
        for p in [ROOT / "app.py", *(ROOT / "graph").rglob("*.py")]
        if _imports_streamlit(p)
    }
    outside = sorted(p for p in importers if p != "app.py" and not p.startswith("graph/app/"))
    assert outside == [], f"Streamlit imported outside the page: {outside}"
    assert "graph/app/main.py" in importers  # the check does see imports


def test_the_core_runs_without_loading_streamlit() -> None:
    script = """
import sys
import graph
from graph import grouped_trace, load_graph
from graph.deeplink import from_params
from graph.export import to_csv_zip, to_cypher, to_graphml, to_json
from graph.screen import screen
from graph.study import quiz, study_sheet
from graph.payload import payload, standalone_html
from graph.view import trace_view, whole_view
G = load_graph()
t = grouped_trace(G, "knee_pain")
state, _ = from_params(G, {"trace": "knee_pain"})
payload(G, whole_view(G)); payload(G, trace_view(G, t)); screen(G, state)
standalone_html(payload(G, whole_view(G)))
to_graphml(G); to_json(G); to_csv_zip(G); to_cypher(G)
quiz(G, 5, seed=1); study_sheet(G, "knee_pain")
import graph.cli
print("streamlit" in sys.modules)
"""
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_the_checkout_and_the_package_run_streamlit_with_the_same_settings() -> None:
    shipped = (PAGE / "config.toml").read_text(encoding="utf-8")
    assert (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8") == shipped


def test_app_flags_keep_the_page_offline() -> None:
    from graph.app.launch import flags

    assert "--browser.gatherUsageStats=false" in flags()
    assert "--server.showEmailPrompt=false" in flags()


def test_no_public_function_name_is_defined_in_two_modules() -> None:
    """One name per idea (issue 21): a public top-level function of graph/ lives in one module."""
    homes: dict[str, list[str]] = {}
    for path in sorted((ROOT / "graph").rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not node.name.startswith("_"):
                homes.setdefault(node.name, []).append(str(path.relative_to(ROOT)))
    twice = {name: where for name, where in homes.items() if len(where) > 1}
    assert not twice, twice


def test_the_tree_is_lint_clean_with_every_function_at_complexity_12_or_less() -> None:
    """ruff with the project's rules (C901 at max-complexity 12 among them) and its formatter."""
    for args in (["check", "--no-cache", "."], ["format", "--check", "--no-cache", "."]):
        done = subprocess.run([sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


def test_the_complexity_rule_is_on() -> None:
    """A function with thirteen branches is refused by the same configuration."""
    branches = "".join(f"    if x == {i}:\n        return {i}\n" for i in range(13))
    source = f"def f(x):\n{branches}    return -1\n"
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--stdin-filename", "graph/probe.py", "-"],
        cwd=ROOT,
        input=source,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and "C901" in done.stdout
