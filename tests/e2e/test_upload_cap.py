"""The upload cap in the browser (issue 20): 5,242,880 bytes load, one byte more gets our own one-line message."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from benchmarks.legibility import wait_graph

from ..test_limits import FIVE_MIB, padded
from .conftest import Server, open_dataset_panel


def test_the_upload_cap_in_the_page_is_five_mib_to_the_byte(server: Server, page: Any, tmp_path: Path) -> None:
    at, over = tmp_path / "at.yaml", tmp_path / "over.yaml"
    at.write_bytes(padded(FIVE_MIB))
    over.write_bytes(padded(FIVE_MIB + 1))
    page.goto(server.url)
    wait_graph(page)
    open_dataset_panel(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(at))
    page.get_by_text("Now exploring at.yaml (8 nodes)").wait_for(timeout=30_000)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(over))
    page.get_by_text("over.yaml: file is too large: 5,242,881 bytes; the limit is 5 MiB (5,242,880 bytes)").wait_for(
        timeout=30_000
    )
