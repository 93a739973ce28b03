"""Every chapter executes with nbclient, as ``jupyter nbconvert --execute``, ``jupytext --execute`` and many
instructors' and forks' CI run it, live (panels built), without a stall.

nbclient mimics a front end for ipywidgets ``Output`` widgets: it sends every output an Output widget captures
back to the kernel as a comm message on the shell socket, while it awaits the cell's reply on that same socket.
With pyzmq's asyncio sockets that send can swallow the wake-up for the reply, and the cell then waits exactly its
timeout (the issue's "hangs at 240 s", or "OK after 340 s" with a 300 s timeout). Live panels therefore draw with
``live.FigureView``, which sets an Output widget's contents instead of capturing into it; this test checks both the
cause (nothing mirrored) and the symptom (no cell near the timeout) for every chapter.
"""

from __future__ import annotations

import json
import time

import pytest
from conftest import ARTIFACTS, chapter_stems

from metastasis.core import book, live

pytestmark = pytest.mark.live
CELL_TIMEOUT = 120  # a stalled cell waits exactly this long, so a stall cannot pass for a slow cell
NOTEBOOK_BUDGET = 90  # seconds for a whole chapter on a busy 2-core machine; about 15-25 s when it is idle


@pytest.mark.parametrize("stem", chapter_stems())
def test_chapter_executes_with_nbclient_without_stalling(stem, monkeypatch):
    import jupytext
    from nbclient import NotebookClient, output_widget

    monkeypatch.delenv(live.STATIC_ENV, raising=False)  # build the live panels, as a reader's kernel does
    path = book.chapter_path(stem)
    started: dict[int, float] = {}
    seconds: dict[int, float] = {}

    def on_start(cell, cell_index):
        started[cell_index] = time.perf_counter()

    def on_executed(cell, cell_index, execute_reply):
        seconds[cell_index] = time.perf_counter() - started[cell_index]

    mirrored: list[str] = []  # what nbclient sends back to the kernel for a capturing Output widget
    original = output_widget.OutputWidget.sync_state
    monkeypatch.setattr(output_widget.OutputWidget, "sync_state",
                        lambda self: (mirrored.append(self.comm_id), original(self))[1])
    client = NotebookClient(jupytext.read(path), timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}},
                            on_cell_execute=on_start, on_cell_executed=on_executed)
    start = time.perf_counter()
    client.execute()
    total = time.perf_counter() - start

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    slowest = max(seconds, key=seconds.get)
    record = {"notebook": path.name, "seconds": round(total, 1), "slowest_cell": slowest,
              "slowest_cell_seconds": round(seconds[slowest], 1), "cells": len(seconds)}
    with (ARTIFACTS / "nbclient-runs.jsonl").open("a", encoding="utf-8") as log:
        log.write(json.dumps(record) + "\n")

    assert not mirrored, (f"{path.name}: a live panel captured output in an ipywidgets Output widget (with "
                          "output: display(...)), which nbclient mirrors back to the kernel (the cause of the "
                          "stalls); draw with live.FigureView instead")
    assert seconds[slowest] < CELL_TIMEOUT - 10, (
        f"{path.name}: cell {slowest} ran {seconds[slowest]:.0f} s, close to the {CELL_TIMEOUT} s timeout: a stall")
    assert total < NOTEBOOK_BUDGET, f"{path.name} took {total:.0f} s with nbclient (budget {NOTEBOOK_BUDGET} s)"
    for cell in client.nb.cells:
        if cell.cell_type == "code" and "live.panel(" in cell.source:
            kinds = [kind for output in cell.get("outputs", []) for kind in output.get("data", {})]
            assert "application/vnd.jupyter.widget-view+json" in kinds, f"{path.name}: a live panel was not built"
    figures = [s for s in client.widget_state.values() if s.get("_model_name") == "OutputModel"
               and any("application/vnd.plotly.v1+json" in o.get("data", {}) for o in s.get("outputs", []))]
    if "live.panel(" in path.read_text(encoding="utf-8"):
        assert figures, f"{path.name}: no live panel drew its figure"
