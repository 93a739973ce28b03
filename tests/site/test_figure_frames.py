"""The build's first frames (figure_frames.py): what it does with pages it cannot give frames, and when it runs."""

from __future__ import annotations

import pytest

from metastasis.core.figures import NARROW_WIDTH_PX
from metastasis.site import figure_frames

PLACEHOLDER = ('<div class="course-figure-plot" style="height:400px"><div id="fig-a" class="plotly-graph-div" '
               'style="height:100%; width:100%;"></div></div><script type="application/json" '
               'class="course-figure-spec" data-figure="fig-a">{}</script>')
FRAMES = {"fig-a": {"light": '<svg class="figure-frame-light"></svg>', "dark": '<svg class="figure-frame-dark"></svg>'}}


def test_frames_are_drawn_in_the_phone_layout():
    assert figure_frames.FRAME_VIEWPORT["width"] < NARROW_WIDTH_PX


def test_a_frame_goes_in_front_of_its_placeholder_once(tmp_path):
    page = tmp_path / "chapter.html"
    page.write_text(f"<html><body>{PLACEHOLDER}</body></html>", encoding="utf-8")
    assert figure_frames.pages_needing_frames(tmp_path) == [page]
    figure_frames.insert_frames(page, FRAMES)
    html = page.read_text(encoding="utf-8")
    assert html.index('<div class="figure-frame" aria-hidden="true"><svg class="figure-frame-light">') < html.index(
        'id="fig-a"')
    assert '<svg class="figure-frame-light"></svg><svg class="figure-frame-dark"></svg></div>' in html
    assert figure_frames.pages_needing_frames(tmp_path) == [], "a page with frames would get them twice"


def test_a_figure_without_its_placeholder_fails_naming_page_and_figure(tmp_path):
    page = tmp_path / "chapter.html"
    page.write_text(f"<html><body>{PLACEHOLDER.replace('fig-a', 'fig-b')}</body></html>", encoding="utf-8")
    with pytest.raises(figure_frames.FrameError, match=r"chapter\.html.*fig-a.*found 0"):
        figure_frames.insert_frames(page, FRAMES)
