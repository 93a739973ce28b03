"""The shared figure wrapper and chapter 1's figure: numbers straight from data/, text alternative present."""

from __future__ import annotations

import os

import pandas as pd
import plotly.graph_objects as go
import pytest

from metastasis.chapters import what_is_metastatic_cancer as intro
from metastasis.core import data, figures
from metastasis.core.figures import CourseFigure


def _tiny(**kw):
    args = dict(figure=go.Figure(go.Bar(x=[1], y=[2])), caption="A finding.", table=pd.DataFrame({"a": [1]}),
                source="<a href='https://example.org'>Example</a>", alt="A bar.", name="tiny")
    args.update(kw)
    return CourseFigure(**args)


def test_figure_requires_a_text_alternative():
    with pytest.raises(ValueError, match="data table is required"):
        _tiny(table=pd.DataFrame())
    with pytest.raises(ValueError, match="'caption' must not be empty"):
        _tiny(caption=" ")


def test_figure_html_is_labelled_and_carries_no_plotly_library():
    html = _tiny().figure_html()
    assert 'role="figure"' in html and 'aria-label="A bar."' in html
    assert "plotly-graph-div" in html
    assert len(html) < 20_000, "plotly.js must not be inlined into the page"


def test_div_id_is_stable_across_rebuilds_and_follows_the_figure():
    """Rebuilds run in new processes: the id must not depend on anything but the figure (not on hash seeds or
    object ids), and a figure that changes gets a new id."""
    import subprocess
    import sys

    code = ("import plotly.graph_objects as go; from metastasis.core.figures import stable_id; "
            "print(stable_id(go.Figure(go.Bar(x=[1], y=[2])), 'tiny'))")
    ids = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONHASHSEED": seed}).stdout.strip() for seed in ("1", "2")}
    assert len(ids) == 1 and next(iter(ids)).startswith("fig-tiny-")
    assert figures.stable_id(go.Figure(go.Bar(x=[1], y=[3])), "tiny") not in ids


def test_text_alternative_has_caption_table_and_source():
    text = _tiny().text_html()
    assert "<details" in text and "<table" in text and 'scope="col"' in text and "Example</a>" in text


def test_stage_figure_values_come_from_the_seer_data():
    fig = intro.stage_at_diagnosis()
    seer = data.load("seer_stage_survival")
    distant = seer[seer["stage"] == "Distant"].set_index("site_label")["pct_of_cases_at_stage"]
    trace = next(t for t in fig.figure.data if t.name == "Distant")
    for site, value in zip(trace.y, trace.x, strict=True):
        assert value == distant[site]
    assert list(trace.x) == sorted(trace.x), "bars are sorted by the distant share"


def test_stage_buttons_show_exactly_one_stage_each():
    fig = intro.stage_at_diagnosis().figure
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == ["Localized", "Regional", "Distant"]
    for i, button in enumerate(buttons):
        visible = button.args[0]["visible"]
        assert visible.count(True) == 1 and visible[i]
        assert "title.text" in button.args[1] and "title" not in button.args[1]


def test_stage_caption_states_the_extremes_from_data():
    fig = intro.stage_at_diagnosis()
    top = fig.table.iloc[0]
    assert f"{top['Distant (%)']:g}%" in fig.caption
