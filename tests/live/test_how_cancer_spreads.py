"""Chapter 2's notebook in a live Jupyter kernel (as in JupyterLab or Binder): it runs top to bottom, the cascade
simulator shows real widgets, and moving a slider re-runs the simulation and changes the figure."""

from __future__ import annotations

import os

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient

from metastasis import REPO_ROOT
from metastasis.core import live

pytestmark = pytest.mark.live
NOTEBOOK = REPO_ROOT / "book" / "how-cancer-spreads.md"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

CHECK = '''
panel = cascade.live_simulator()
before = panel.current_figure().figure.data[2].y[-1]
growth = next(w for w in panel.children if getattr(w, "description", "") == cascade.STEPS[4])
growth.value = 0.5                     # an easier last growth step
after = panel.current_figure().figure.data[2].y[-1]
assert after > before, (before, after)
reset = next(w for w in panel.children if getattr(w, "description", "") == "Reset to defaults")
reset.click()
assert panel.current_figure().figure.data[2].y[-1] == before
print("LIVE-OK", before, after)
'''


def test_notebook_runs_live_and_the_simulator_responds(monkeypatch):
    monkeypatch.delenv(live.STATIC_ENV, raising=False)
    notebook = jupytext.read(NOTEBOOK)
    notebook.cells.append(nbformat.v4.new_code_cell(CHECK))
    client = NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    assert live.STATIC_ENV not in os.environ, "the kernel must start as a live one, not a book build"
    client.execute()
    panel_cell = next(c for c in notebook.cells if "live.panel(" in c.source)
    assert any(WIDGET_MIME in o.get("data", {}) for o in panel_cell.outputs), "the live cell shows widgets"
    printed = "".join(o.get("text", "") for o in notebook.cells[-1].outputs if o.output_type == "stream")
    assert "LIVE-OK" in printed
