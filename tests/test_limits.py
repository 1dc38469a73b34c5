"""Limits that match their words (issue 20): 5 MiB means 5,242,880 bytes, everywhere it is checked.

And the explorer listens on loopback unless told otherwise.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from graph import GraphDataError, load_uploaded
from graph.app.launch import command
from graph.cli import main
from graph.yamlsafe import UPLOAD_LIMITS, size_problem

from .conftest import ROOT, TEST_DATA

FIVE_MIB = 5_242_880  # what the README promises


def padded(size: int) -> bytes:
    """The tiny dataset, padded with a YAML comment to exactly ``size`` bytes."""
    data = (TEST_DATA / "valid" / "tiny.yaml").read_bytes().rstrip(b"\n") + b"\n# "
    return data + b"x" * (size - len(data) - 1) + b"\n"


def test_the_upload_cap_is_five_mib_to_the_byte() -> None:
    assert UPLOAD_LIMITS.max_bytes == FIVE_MIB
    assert size_problem(FIVE_MIB, UPLOAD_LIMITS) is None
    assert size_problem(FIVE_MIB + 1, UPLOAD_LIMITS) == (
        "file is too large: 5,242,881 bytes; the limit is 5 MiB (5,242,880 bytes)"
    )
    assert load_uploaded({"at.yaml": padded(FIVE_MIB)}, limits=UPLOAD_LIMITS).number_of_nodes() == 8
    with pytest.raises(GraphDataError, match=r"^over\.yaml: file is too large: 5,242,881 bytes; the limit is 5 MiB"):
        load_uploaded({"over.yaml": padded(FIVE_MIB + 1)}, limits=UPLOAD_LIMITS)


def test_streamlit_never_refuses_an_upload_our_cap_accepts() -> None:
    config = (ROOT / "graph" / "app" / "config.toml").read_text(encoding="utf-8")
    mb = int(next(line for line in config.splitlines() if line.startswith("maxUploadSize")).split("=")[1])
    assert mb * 1_000_000 > FIVE_MIB  # Streamlit counts MB; even read as 10^6 bytes it is above ours


@pytest.mark.parametrize("size", [FIVE_MIB, FIVE_MIB + 1])
def test_validate_checks_the_size_before_reading(capsys: pytest.CaptureFixture[str], tmp_path: Path, size: int) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(padded(size))
    code = main(["validate", str(path)])
    out, err = capsys.readouterr()
    if size == FIVE_MIB:
        assert code == 0 and out.startswith("ok: 8 nodes")
    else:
        assert code == 2 and out == ""
        assert (
            err.splitlines()[0] == f"{path}: file is too large: 5,242,881 bytes; the limit is 5 MiB (5,242,880 bytes)"
        )


def test_validate_refuses_fifty_megabytes_at_once(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as f:
        f.truncate(50_000_000)  # sparse: nothing is read, so nothing needs to be written
    started = time.monotonic()
    assert main(["validate", str(path)]) == 2
    assert time.monotonic() - started < 5
    assert f"{path}: file is too large: 47.7 MiB; the limit is 5 MiB" in capsys.readouterr().err
    assert main(["validate", "--max-size", "0", str(path)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def _listening(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on ``port`` (Linux /proc/net)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        with open(table, encoding="ascii") as f:
            for row in f.read().splitlines()[1:]:
                local, state = row.split()[1], row.split()[3]
                address, hex_port = local.split(":")
                if state == "0A" and int(hex_port, 16) == port:
                    found.add(address)
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(*args: str) -> set[str]:
    port = _free_port()
    cmd = [sys.executable, "-m", "graph", "app", "--server.port", str(port), "--server.headless", "true", *args]
    process = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                    return _listening(port)
            except OSError:
                time.sleep(0.2)
        raise AssertionError("hipknee app did not start")
    finally:
        process.terminate()
        process.wait(timeout=15)


@pytest.mark.skipif(not os.path.exists("/proc/net/tcp"), reason="reads Linux's table of listening sockets")
def test_hipknee_app_listens_on_loopback_unless_told_otherwise() -> None:
    assert _serve() == {"0100007F"}  # 127.0.0.1 only
    assert _serve("--server.address", "0.0.0.0") == {"00000000"}  # every interface, when asked


def test_an_address_given_on_the_command_line_replaces_ours() -> None:
    argv = command("entry.py", ["--server.address=0.0.0.0"])
    assert [a for a in argv if a.startswith("--server.address")] == ["--server.address=0.0.0.0"]
    assert "--server.address=127.0.0.1" in command("entry.py")
