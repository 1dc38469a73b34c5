"""``hipknee app``: start the explorer from an installed package (no checkout needed).

Runs Streamlit on ``entry.py`` inside the package with the settings of
``config.toml`` beside it (offline, no usage statistics, no first-run prompt).
Options given after ``app`` go to Streamlit and win over ours.
"""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Sequence
from importlib.resources import as_file, files
from pathlib import Path

__all__ = ["command", "flags", "run"]


def flags() -> list[str]:
    """Our settings as Streamlit command-line flags (``--server.maxUploadSize=5``, ...)."""
    config = tomllib.loads((files(__package__) / "config.toml").read_text(encoding="utf-8"))
    out = []
    for section, options in config.items():
        for name, value in options.items():
            text = str(value).lower() if isinstance(value, bool) else str(value)
            out.append(f"--{section}.{name}={text}")
    return out


def _option(arg: str) -> str:
    return arg.split("=", 1)[0]


def command(script: str, streamlit_args: Sequence[str] = (), data: Path | None = None) -> list[str]:
    """Streamlit's argv: our settings, minus any the user gave, then the user's (``--server.address 0.0.0.0``).

    >>> "--server.address=127.0.0.1" in command("entry.py")
    True
    >>> [a for a in command("entry.py", ["--server.address", "0.0.0.0"]) if "server.address" in a]
    ['--server.address']
    """
    given = {_option(a) for a in streamlit_args if a.startswith("--")}
    argv = ["streamlit", "run", script, *(f for f in flags() if _option(f) not in given), *streamlit_args]
    if data is not None:
        argv += ["--", "--data", str(Path(data).resolve())]
    return argv


def run(streamlit_args: Sequence[str] = (), data: Path | None = None) -> int:
    """Serve the explorer until interrupted; returns Streamlit's exit status."""
    from streamlit.web import cli as stcli

    with as_file(files(__package__) / "entry.py") as script:
        sys.argv = command(str(script), streamlit_args, data)
        try:
            stcli.main()
        except SystemExit as exc:
            return exc.code if isinstance(exc.code, int) else 0
    return 0
