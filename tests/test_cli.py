"""The command line, as a user types it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graph.cli import build_parser, main

from .conftest import ROOT, TEST_DATA


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_clean(capsys) -> None:
    code, out, err = run(capsys, "validate")
    assert code == 0 and err == ""
    assert out.startswith("ok: ") and "nodes" in out and out.count("\n") == 1


def test_validate_lists_every_problem(capsys) -> None:
    code, out, err = run(capsys, "validate", str(TEST_DATA / "invalid"))
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert lines[-1].endswith("problem(s) found")
    problems = lines[:-1]
    assert len(problems) >= 19
    assert all("Traceback" not in line for line in lines)
    assert "tests/data/invalid/binary.yaml: this is a binary file, not YAML text" in problems
    assert any(line.startswith("tests/data/invalid/object_tag.yaml:3: YAML tag") for line in problems)


def test_trace_text_and_json(capsys) -> None:
    code, out, _ = run(capsys, "trace", "kne pain")
    assert code == 0
    assert out.startswith("Knee pain [Pain in the Knee]")
    assert "\n1. Muscle imbalances [Muscle Imbalances]" in out
    code, out, _ = run(capsys, "trace", "kne pain", "--paths")
    assert out.startswith("Trace from Knee pain [Pain in the Knee]")
    assert " 1. Knee pain " in out
    code, out, _ = run(capsys, "trace", "knee_pain", "--json")
    data = json.loads(out)
    assert set(data) == {"symptom", "paths", "causes", "general"}
    assert data["symptom"] == {"id": "knee_pain", "label": "knee pain", "type": "symptom"}
    path = data["paths"][0]
    assert set(path) >= {"nodes", "edges", "sentence", "sections"}
    assert set(path["nodes"][0]) >= {"id", "label", "type"}
    assert set(path["edges"][0]) >= {"relation", "section", "when"}
    assert set(data["general"]) == {"find", "treat", "prevent"}
    group = data["causes"][0]
    assert set(group) >= {"id", "label", "type", "section", "care", "causes"}  # issue 19 adds kind, chains
    assert set(group["causes"][0]) == {"id", "label", "type", "section", "chains", "care"}


def test_trace_only_treatments(capsys) -> None:
    _, out, _ = run(capsys, "trace", "hip pain", "--json")
    full = json.loads(out)
    _, out, _ = run(capsys, "trace", "hip pain", "--only", "treatment", "--json")
    only = json.loads(out)

    def measures(data: dict, kinds: set[str]) -> list[list[str]]:
        return [[n["id"] for n in p["nodes"]] for p in data["paths"] if p["nodes"][-1]["type"] in kinds]

    # Every path to a treatment is kept, and no path to another kind of measure.
    assert measures(only, {"diagnostic", "treatment", "prevention"}) == measures(full, {"treatment"}) != []
    assert only["general"]["treat"] == full["general"]["treat"] != []
    assert only["general"]["find"] == only["general"]["prevent"] == [] != full["general"]["find"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["trace", "kneee pian pian"], "did you mean"),
        (["trace", "glutes"], "'gluteal muscles' is an anatomy, not a symptom"),
        (["show", "unicorn horn"], "error: no node matches 'unicorn horn'"),
        (["path", "knee pain", "unicorn"], "error: no node matches 'unicorn'"),
        (["path", "kegels", "knee pain", "--cutoff", "1"], "not connected within 1 steps"),
        (["--data", "nowhere.yaml", "stats"], "nowhere.yaml: no such file or directory"),
        (["search", "qqqqqq"], "nothing matches 'qqqqqq'"),
    ],
)
def test_user_mistakes_get_one_line_and_non_zero_exit(capsys, argv: list[str], message: str) -> None:
    code, _, err = run(capsys, *argv)
    assert code != 0
    assert message in err
    assert "Traceback" not in err
    assert err.count("\n") == 1


def test_path_and_show(capsys) -> None:
    code, out, _ = run(capsys, "path", "tight hip flexors", "hip flexor stretching")
    assert code == 0 and "1. Tight hip flexors can be treated by hip flexor stretching." in out
    code, out, _ = run(capsys, "path", "weak glutes", "knee pain", "--json")
    assert json.loads(out)["paths"][0]["nodes"][0]["id"] == "weak_gluteal_muscles"
    code, out, _ = run(capsys, "show", "NSAIDs")
    assert out.startswith("Anti-inflammatory drugs  (treatment; id: anti_inflammatory_drugs)")
    assert "Section: Pain Medication" in out and "can treat: swelling and inflammation" in out


def test_stats_and_search(capsys) -> None:
    code, out, _ = run(capsys, "stats", "--json")
    assert json.loads(out)["nodes"] > 100
    code, out, _ = run(capsys, "search", "glutes")
    assert code == 0 and "gluteal_muscles" in out.splitlines()[0]


@pytest.mark.parametrize("fmt", ["graphml", "json", "csv", "cypher"])
def test_export_to_stdout_and_file(capsys, tmp_path: Path, fmt: str) -> None:
    code, out, _ = run(capsys, "export", "--format", fmt)
    assert code == 0 and len(out) > 1000
    target = tmp_path / f"g.{fmt}"
    code, _, err = run(capsys, "export", "--format", fmt, "-o", str(target))
    assert code == 0 and target.read_text(encoding="utf-8") == out
    assert f"wrote {target}" in err


def test_export_csv_zip(capsys, tmp_path: Path) -> None:
    target = tmp_path / "g.zip"
    assert run(capsys, "export", "--format", "csv", "-o", str(target))[0] == 0
    assert target.read_bytes()[:2] == b"PK"


def test_export_to_unwritable_place(capsys, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "dir.json"
    code, _, err = run(capsys, "export", "--format", "json", "-o", str(target))
    assert code == 1 and err.count("\n") == 1 and f"cannot write {target}" in err and "Traceback" not in err


def test_every_command_has_help() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, command in sub.choices.items():
        assert command.description, f"{name} has no description"
        for action in command._actions:
            if action.dest != "help":
                assert action.help, f"{name} {action.dest} has no help"
    help_by_name = {a.dest: a.help for a in sub._choices_actions}
    assert set(help_by_name) == set(sub.choices)


def test_module_and_console_script_run() -> None:
    done = subprocess.run([sys.executable, "-m", "graph", "validate"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and done.stdout.startswith("ok: ")
    bad = subprocess.run([sys.executable, "-m", "graph", "trace"], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "the following arguments are required: symptom" in bad.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["app", "--server.port", "8600", "--data", "mine"],
        ["--data", "mine", "app", "--server.port", "8600"],
        ["app", "--data=mine", "--server.port=8600"],
    ],
)
def test_app_passes_streamlit_options_through(monkeypatch, argv: list[str]) -> None:
    seen: dict[str, object] = {}

    def fake_run(streamlit_args, data=None) -> int:
        seen["args"], seen["data"] = list(streamlit_args), data
        return 0

    monkeypatch.setattr("graph.app.launch.run", fake_run)
    assert main(argv) == 0
    assert seen["data"] == Path("mine")
    assert "".join(seen["args"]).replace("=", "") == "--server.port8600"


def test_unknown_option_outside_app_is_refused(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["stats", "--server.port", "1"])
    assert exc.value.code == 2
    assert "unrecognized arguments: --server.port 1" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["--data", "DATA", "show", "slouch"],
        ["show", "slouch", "--data", "DATA"],
        ["show", "--data", "DATA", "slouch"],
        ["show", "--data=DATA", "slouch"],
    ],
    ids=["before", "after", "between", "equals"],
)
def test_data_option_works_before_or_after_the_command(capsys, argv: list[str]) -> None:
    tiny = str(TEST_DATA / "valid" / "tiny.yaml")
    code, out, err = run(capsys, *(a.replace("DATA", tiny) for a in argv))
    assert (code, err) == (0, "")
    assert out.startswith("Slump  (cause; id: slump)")  # from tiny.yaml, not the article


@pytest.mark.parametrize(("fmt", "member"), [("anki", "collection.anki2"), ("obsidian", "Hip-Knee Explorer/Index.md")])
def test_study_exports_write_a_package(capsys, tmp_path: Path, fmt: str, member: str) -> None:
    import zipfile

    target = tmp_path / f"out.{fmt}"
    code, _, err = run(capsys, "export", "--format", fmt, "-o", str(target))
    assert code == 0 and f"wrote {target}" in err
    with zipfile.ZipFile(target) as z:
        assert member in z.namelist()
