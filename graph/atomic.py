"""Files written whole or not at all.

Every file this project writes goes through here: the bytes go to a temporary file in
the target's own folder (so the final rename never crosses file systems), are flushed
and synced to disk, and only then replace the target with :func:`os.replace`. A full
disk, a crash or Ctrl-C part-way leaves the target as it was (absent, or the older
file byte for byte) and no temporary file behind.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as tmp:
...     target = pathlib.Path(tmp) / "notes.txt"
...     write_atomic(target, "knee\\n")
...     target.read_text(), sorted(p.name for p in pathlib.Path(tmp).iterdir())
('knee\\n', ['notes.txt'])
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

__all__ = ["atomic_path", "atomic_writer", "write_atomic"]


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path beside ``path``; whatever is written there replaces ``path`` on success.

    For writers that insist on a file name of their own (genanki, a browser's
    screenshot). On an exception the temporary file is removed and ``path`` is untouched.
    """
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        with open(tmp, "rb+") as done:  # the other writer closed it; make it durable before the rename
            os.fsync(done.fileno())
        _replace(tmp, target)
    except BaseException:
        _remove(tmp)
        raise


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str], *, text: bool = True) -> Iterator[IO[Any]]:
    """An open file (text in UTF-8, or binary) whose content replaces ``path`` when the block ends without error."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w" if text else "wb", **({"encoding": "utf-8", "newline": ""} if text else {})) as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        _replace(tmp, target)
    except BaseException:
        _remove(tmp)
        raise


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> None:
    """Write ``data`` (text is written as UTF-8) to ``path`` whole, or leave ``path`` as it was.

    Raises
    ------
    OSError
        The folder is missing or read-only, the disk is full, ...: ``path`` is unchanged.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_writer(path, text=False) as out:
        out.write(payload)


def _replace(tmp: str, target: Path) -> None:
    mode = _mode(target)
    os.chmod(tmp, mode)
    os.replace(tmp, target)
    _sync_dir(target.parent)


def _mode(target: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0o666 less the umask."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_dir(folder: Path) -> None:
    """Make the rename itself durable (where the platform allows syncing a folder)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _remove(tmp: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(tmp)
