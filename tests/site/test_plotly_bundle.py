"""The committed plotly.js bundle: intact, the version the pinned plotly package ships, and every trace type the
course's figures use (a missing trace type draws a blank figure with no error)."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil

import plotly.graph_objects as go
import pytest

from metastasis import chapters
from metastasis.site import plotly_bundle


def test_committed_bundle_is_intact_and_matches_the_pinned_plotly():
    path = plotly_bundle.check()
    head = path.read_text(encoding="utf-8")[:300]
    assert f"plotly.js {plotly_bundle.plotly_js_version()}" in head
    assert plotly_bundle.provenance()["npm_lock_sha256"] == plotly_bundle._sha256(
        plotly_bundle.TOOL_DIR / "package-lock.json"), "the bundle was not built from the committed npm lock"


def test_a_tampered_bundle_is_refused(tmp_path, monkeypatch):
    record = plotly_bundle.provenance()
    copy = tmp_path / record["file"]
    copy.write_bytes(plotly_bundle.bundle_path().read_bytes() + b"\n")
    (tmp_path / "plotly-bundle.json").write_text(json.dumps(record))
    monkeypatch.setattr(plotly_bundle, "VENDOR_DIR", tmp_path)
    monkeypatch.setattr(plotly_bundle, "PROVENANCE", tmp_path / "plotly-bundle.json")
    with pytest.raises(plotly_bundle.BundleError, match="sha256"):
        plotly_bundle.check()


def _course_figures():
    """Every figure the chapters' builders make with their defaults (builders that need no arguments)."""
    for info in pkgutil.walk_packages(chapters.__path__, prefix="metastasis.chapters."):
        module = importlib.import_module(info.name)
        for name, func in inspect.getmembers(module, inspect.isfunction):
            if func.__module__ != module.__name__ or name.startswith("_") or "live" in name:
                continue
            if any(p.default is p.empty for p in inspect.signature(func).parameters.values()):
                continue
            fig = getattr(func(), "figure", None)
            if isinstance(fig, go.Figure):
                yield f"{module.__name__}.{name}", fig


def test_the_bundle_holds_every_trace_type_the_figures_use():
    held = set(plotly_bundle.traces())
    seen = {}
    for name, fig in _course_figures():
        seen[name] = {trace.type for trace in fig.data}
    assert len(seen) >= 10, f"too few figures found to check: {sorted(seen)}"
    missing = {name: types - held for name, types in seen.items() if types - held}
    assert not missing, f"figures use trace types the committed bundle lacks: {missing}"
