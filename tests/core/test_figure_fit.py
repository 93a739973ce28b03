"""The shared figure wrapper's layout rules and the live panels' figure view."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from metastasis.core import figures, live


def _figure(**kwargs) -> figures.CourseFigure:
    fig = go.Figure(go.Bar(x=[1, 2], y=[3, 4], text=["a", "b"]))
    fig.update_layout(**figures.base_layout(title={"text": "Two<br>lines", "font": {"size": 15}, "y": 0.9},
                                            updatemenus=[figures.dropdown([{"label": "A", "method": "skip"}])]))
    return figures.CourseFigure(figure=fig, caption="c", table=pd.DataFrame({"a": [1]}), source="s", alt="a",
                                name="n", **kwargs)


def test_a_title_hangs_from_the_top_with_room_for_its_first_line():
    title = _figure().figure.layout.title
    assert (title.yref, title.y, title.yanchor) == ("container", 1, "top")
    assert title.pad.t == figures.TITLE_GAP_PX + round(0.95 * 15)  # plotly puts the first baseline at the pad


def test_phone_variant_keeps_the_desktop_values_it_replaces():
    course = _figure(narrow_layout={"updatemenus[0].y": 1.3, "margin.t": 200},
                     narrow_traces={"text": [["x", "y"]]})
    meta = course.figure.layout.meta
    assert meta["narrow"] == [{"text": [["x", "y"]]}, {"updatemenus[0].y": 1.3, "margin.t": 200}]
    assert meta["wide"] == [{"text": [["a", "b"]]}, {"updatemenus[0].y": 1.02, "margin.t": 70}]
    assert _figure().figure.layout.meta is None


def test_a_taller_phone_variant_gives_the_placeholder_its_phone_height():
    course = _figure(narrow_layout={"height": 700})
    course.figure.update_layout(height=500)
    html = figures.figure_html(course.figure, "fig-n", "label")
    assert 'class="course-figure-plot has-narrow-height" style="height:500px;--narrow-height:700px"' in html
    plain = figures.figure_html(_figure().figure, "fig-n", "label")
    assert f'class="course-figure-plot" style="height:{figures.PLOTLY_DEFAULT_HEIGHT}px"' in plain


def test_the_phone_width_is_the_same_in_python_css_and_javascript():
    from metastasis.site.sphinx_ext import ASSETS

    fit = (ASSETS / "figure-fit.js").read_text(encoding="utf-8")
    css = (ASSETS / "course.css").read_text(encoding="utf-8")
    assert f"var NARROW = {figures.NARROW_WIDTH_PX};" in fit
    assert f"@container (max-width: {figures.NARROW_WIDTH_PX - 0.02}px)" in css


def test_figure_view_sets_its_outputs_without_capturing(monkeypatch):
    captured = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: captured.append(a))
    view = live.FigureView()
    view.show(_figure())
    first = view.widget.outputs
    assert [o["output_type"] for o in first] == ["display_data", "display_data"]
    assert "application/vnd.plotly.v1+json" in first[0]["data"] and "text/html" in first[1]["data"]
    view.show(_figure(narrow_layout={"margin.t": 9}))
    assert view.widget.outputs != first and len(view.widget.outputs) == 2  # replaced, not appended
    assert captured == [] and not view.widget.msg_id  # never in capture mode: nothing for nbclient to mirror
