"""Chapter 4 in headless Chromium: every figure's controls (mouse and keyboard), the slider, the quiz, the live
note and the phone layout."""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS, PHONE, assert_fits_phone, choose_from_menu, figure_selectors

pytestmark = pytest.mark.browser
PAGE = "book/survival-and-prognosis.html"
STAGE, KM, MEDIAN, TRIALS = figure_selectors("stage-survival", "km-explorer", "median-message", "trial-landmarks")
VISIBLE_NAMES = "gd => gd.data.filter(t => t.visible === true || t.visible === undefined).map(t => t.name)"


def test_stage_menus_filter_and_sort(open_figure):
    page, figure = open_figure(PAGE, STAGE)
    assert len(figure.evaluate(VISIBLE_NAMES)) == 4
    points_before = figure.locator("g.trace.scatter path.point").count()
    choose_from_menu(page, figure, menu=0, option="Stage: distant")
    assert figure.evaluate(VISIBLE_NAMES) == ["Distant"]
    assert figure.locator("g.trace.scatter path.point").count() < points_before
    top_before = figure.evaluate("gd => gd._fullLayout.yaxis._categories.slice(-1)[0]")
    order_before = figure.evaluate("gd => gd.layout.yaxis.categoryarray.slice()")
    choose_from_menu(page, figure, menu=1, option="Sort: A to Z")
    order_after = figure.evaluate("gd => gd.layout.yaxis.categoryarray.slice()")
    assert order_after != order_before and order_after[::-1] == sorted(order_after)
    ticks = [t.text_content() for t in figure.locator("g.ytick text").all()]
    assert ticks[-1] != top_before or ticks != sorted(ticks)
    figure.screenshot(path=str(ARTIFACTS / "chapter4-stage-distant-az.png"))


def test_km_menu_switches_grouping_curves_and_table(open_figure):
    page, figure = open_figure(PAGE, KM)
    title = figure.locator(".gtitle")
    assert "Karnofsky" in title.text_content()
    legend_before = figure.locator("g.legend").text_content()
    risk_before = figure.evaluate("gd => gd.data.filter(t => t.visible === true && t.meta === 'at-risk')[0].text")
    choose_from_menu(page, figure, menu=0, option="Prostate: bone metastases")
    page.wait_for_function(f"() => document.querySelector(\"{KM} .gtitle\").textContent.includes('bone')")
    assert "Bone metastases (median 21.0 months)" in figure.locator("g.legend").text_content()
    assert figure.locator("g.legend").text_content() != legend_before
    risk_after = figure.evaluate("gd => gd.data.filter(t => t.visible === true && t.meta === 'at-risk')[0].text")
    assert risk_after != risk_before and "420" in risk_after
    assert "72" in [t.text_content() for t in figure.locator("g.xtick text").all()]
    choose_from_menu(page, figure, menu=0, option="NCCTG: drop censored?")
    legend = figure.locator("g.legend").text_content()
    assert "Right: all 228 people" in legend and "Wrong: censored dropped (165 left)" in legend
    figure.screenshot(path=str(ARTIFACTS / "chapter4-km-drop-censored.png"))


def test_median_slider_moves_the_time_line_and_readout(open_figure):
    page, figure = open_figure(PAGE, MEDIAN)
    readout = "gd => gd.layout.annotations[2].text"
    line = "gd => gd.layout.shapes[2].x0"
    assert figure.evaluate(line) == 12 and "At 12 months" in figure.evaluate(readout)
    rail = figure.locator(".slider-rail-rect")
    box = rail.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.98, box["y"] + box["height"] / 2)
    page.wait_for_function(f"() => document.querySelector(\"{MEDIAN}\").layout.shapes[2].x0 > 24")
    assert "At 12 months" not in figure.evaluate(readout)
    page.mouse.click(box["x"] + 2, box["y"] + box["height"] / 2)
    page.wait_for_function(f"() => document.querySelector(\"{MEDIAN}\").layout.shapes[2].x0 === 0")
    assert "100% still alive" in figure.evaluate(readout)
    assert "137 of 137" in figure.locator(".annotation-text").nth(2).text_content()
    figure.screenshot(path=str(ARTIFACTS / "chapter4-median-slider.png"))


def test_trial_menu_switches_trials(open_figure):
    page, figure = open_figure(PAGE, TRIALS)
    bars = figure.locator("g.trace.bars")
    assert "52%" in bars.first.text_content()
    choose_from_menu(page, figure, menu=0, option="SABR-COMET, alive")
    page.wait_for_function(f"() => document.querySelector(\"{TRIALS} .gtitle\").textContent.includes('SABR')")
    shown = " ".join(b.text_content() for b in bars.all())
    assert "42.3%" in shown and "17.7%" in shown
    assert any("SABR" in t.text_content() for t in figure.locator("g.xtick text").all())
    choose_from_menu(page, figure, menu=0, option="CheckMate 067, no growth")
    assert "36%" in " ".join(b.text_content() for b in bars.all())


def test_live_panel_note_and_skip_link(open_page):
    page, _ = open_page(PAGE)
    note = page.locator("aside.course-live-note")
    assert note.count() == 1 and "Try it live" in note.text_content()
    link = page.locator("a[href$='#surv-skip-numbers']").first
    assert link.count() == 1
    link.click()
    page.wait_for_function("() => location.hash === '#surv-skip-numbers'")


def test_chapter_fits_a_phone(open_page):
    page, _ = open_page(PAGE, **PHONE)
    assert_fits_phone(page, [page.locator(s) for s in (STAGE, KM, MEDIAN, TRIALS)])
    page.locator(KM).scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "chapter4-phone.png"))
