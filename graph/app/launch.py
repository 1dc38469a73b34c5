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

__all__ = ["flags", "run"]


def flags() -> list[str]:
    """Our settings as Streamlit command-line flags (``--server.maxUploadSize=5``, ...)."""
    config = tomllib.loads((files(__package__) / "config.toml").read_text(encoding="utf-8"))
    out = []
    for section, options in config.items():
        for name, value in options.items():
            text = str(value).lower() if isinstance(value, bool) else str(value)
            out.append(f"--{section}.{name}={text}")
    return out


def run(streamlit_args: Sequence[str] = (), data: Path | None = None) -> int:
    """Serve the explorer until interrupted; returns Streamlit's exit status."""
    from streamlit.web import cli as stcli

    with as_file(files(__package__) / "entry.py") as script:
        argv = ["streamlit", "run", str(script), *flags(), *streamlit_args]
        if data is not None:
            argv += ["--", "--data", str(Path(data).resolve())]
        sys.argv = argv
        try:
            stcli.main()
        except SystemExit as exc:
            return exc.code if isinstance(exc.code, int) else 0
    return 0
