"""Every file we write is written whole or not at all, even into a full disk.

Where the machine lets us (root, Linux), the disk really is full: a 64 KiB tmpfs,
filled to its last few kB. Elsewhere a writer that fails part-way with ENOSPC
stands in for it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import graph.atomic
from graph.anki import write_apkg
from graph.atomic import atomic_path, write_atomic
from graph.cli import main

OLDER = b"an older export, kept byte for byte\n"
FORMATS = [("json", "g.json"), ("graphml", "g.graphml"), ("csv", "g.zip"), ("cypher", "g.cypher"),
           ("anki", "g.apkg"), ("obsidian", "g.zip")]  # fmt: skip


class _FullDisk:
    """A file object that takes a little, then fails as a full disk does."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def write(self, data: Any) -> int:
        self.inner.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.inner.close()


def _mount(folder: Path) -> bool:
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], capture_output=True)
    except OSError:
        return False
    return done.returncode == 0


@pytest.fixture
def disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A folder; ``disk.fill()`` fills it (a real tmpfs where we may mount one, else a failing writer)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = _mount(folder)

    def fill() -> None:
        if mounted:
            with contextlib.suppress(OSError), (folder / "filler").open("wb") as f:
                f.write(b"\0" * 64 * 1024)
                f.flush()
        else:
            real = os.fdopen
            monkeypatch.setattr(graph.atomic.os, "fdopen", lambda *a, **k: _FullDisk(real(*a, **k)))

    try:
        yield SimpleNamespace(folder=folder, fill=fill)
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], check=True)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.name != "filler"}


@pytest.mark.parametrize(("fmt", "name"), FORMATS)
@pytest.mark.parametrize("older", [False, True], ids=["new file", "older file"])
def test_an_export_into_a_full_disk_fails_in_one_line_and_loses_nothing(
    capsys: pytest.CaptureFixture[str], disk: Any, fmt: str, name: str, older: bool
) -> None:
    target = disk.folder / name
    if older:
        target.write_bytes(OLDER)
    disk.fill()
    code = main(["export", "--format", fmt, "-o", str(target)])
    out, err = capsys.readouterr()
    assert code != 0 and out == ""
    assert err.count("\n") == 1 and str(target) in err and "Traceback" not in err
    assert _files(disk.folder) == ({name: OLDER} if older else {})


def test_a_deck_genanki_writes_into_a_full_disk_leaves_the_older_one(disk: Any, G: Any) -> None:
    target = disk.folder / "deck.apkg"
    target.write_bytes(OLDER)
    disk.fill()
    with pytest.raises(OSError):
        write_apkg(G, target)
    assert _files(disk.folder) == {"deck.apkg": OLDER}


def test_write_atomic_replaces_whole_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new – text")
    assert target.read_text(encoding="utf-8") == "new – text"
    assert target.stat().st_mode & 0o777 == 0o640
    write_atomic(target, b"\x00bytes")
    assert target.read_bytes() == b"\x00bytes" and [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_an_interrupted_writer_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "shot.png"
    with pytest.raises(KeyboardInterrupt), atomic_path(target) as tmp:
        tmp.write_bytes(b"half")
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []
