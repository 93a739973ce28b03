"""Chapter 4 in headless Chromium: every figure's controls (mouse and keyboard), the slider, the quiz, the live
note and the phone layout."""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS

pytestmark = pytest.mark.browser
PAGE = "book/survival-and-prognosis.html"
STAGE = "div.plotly-graph-div[id^='fig-stage-survival']"
KM = "div.plotly-graph-div[id^='fig-km-explorer']"
MEDIAN = "div.plotly-graph-div[id^='fig-median-message']"
TRIALS = "div.plotly-graph-div[id^='fig-trial-landmarks']"
VISIBLE_NAMES = "gd => gd.data.filter(t => t.visible === true || t.visible === undefined).map(t => t.name)"


def _choose(page, figure, menu: int, option: str):
    figure.locator(".updatemenu-header-group").nth(menu).click()
    figure.locator(".updatemenu-dropdown-button", has_text=option).first.click()
    page.wait_for_timeout(200)


def test_stage_menus_filter_and_sort(open_page):
    page, log = open_page(PAGE)
    figure = page.locator(STAGE)
    figure.scroll_into_view_if_needed()
    assert len(figure.evaluate(VISIBLE_NAMES)) == 4
    points_before = figure.locator("g.trace.scatter path.point").count()
    _choose(page, figure, 0, "Stage: distant")
    assert figure.evaluate(VISIBLE_NAMES) == ["Distant"]
    assert figure.locator("g.trace.scatter path.point").count() < points_before
    top_before = figure.evaluate("gd => gd._fullLayout.yaxis._categories.slice(-1)[0]")
    order_before = figure.evaluate("gd => gd.layout.yaxis.categoryarray.slice()")
    _choose(page, figure, 1, "Sort: A to Z")
    order_after = figure.evaluate("gd => gd.layout.yaxis.categoryarray.slice()")
    assert order_after != order_before and order_after[::-1] == sorted(order_after)
    ticks = [t.text_content() for t in figure.locator("g.ytick text").all()]
    assert ticks[-1] != top_before or ticks != sorted(ticks)
    figure.screenshot(path=str(ARTIFACTS / "chapter4-stage-distant-az.png"))
    assert log.page_errors == []


def test_km_menu_switches_grouping_curves_and_table(open_page):
    page, log = open_page(PAGE)
    figure = page.locator(KM)
    figure.scroll_into_view_if_needed()
    title = figure.locator(".gtitle")
    assert "Karnofsky" in title.text_content()
    legend_before = figure.locator("g.legend").text_content()
    risk_before = figure.evaluate("gd => gd.data.filter(t => t.visible === true && t.meta === 'at-risk')[0].text")
    _choose(page, figure, 0, "Prostate: bone metastases")
    page.wait_for_function(f"() => document.querySelector(\"{KM} .gtitle\").textContent.includes('bone')")
    assert "Bone metastases (median 21.0 months)" in figure.locator("g.legend").text_content()
    assert figure.locator("g.legend").text_content() != legend_before
    risk_after = figure.evaluate("gd => gd.data.filter(t => t.visible === true && t.meta === 'at-risk')[0].text")
    assert risk_after != risk_before and "420" in risk_after
    assert "72" in [t.text_content() for t in figure.locator("g.xtick text").all()]
    _choose(page, figure, 0, "NCCTG: drop censored?")
    legend = figure.locator("g.legend").text_content()
    assert "Right: all 228 people" in legend and "Wrong: censored dropped (165 left)" in legend
    figure.screenshot(path=str(ARTIFACTS / "chapter4-km-drop-censored.png"))
    assert log.page_errors == []


def test_km_menu_works_from_the_keyboard(open_page):
    page, _ = open_page(PAGE)
    figure = page.locator(KM)
    header = figure.locator(".updatemenu-header")
    assert header.get_attribute("tabindex") == "0" and header.get_attribute("role") == "button"
    header.focus()
    page.keyboard.press("Enter")
    option = figure.locator(".updatemenu-dropdown-button", has_text="NCCTG: ECOG score")
    option.wait_for()
    option.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.querySelector(\"{KM} .gtitle\").textContent.includes('ECOG')")


def test_median_slider_moves_the_time_line_and_readout(open_page):
    page, log = open_page(PAGE)
    figure = page.locator(MEDIAN)
    figure.scroll_into_view_if_needed()
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
    assert log.page_errors == []


def test_trial_menu_switches_trials(open_page):
    page, log = open_page(PAGE)
    figure = page.locator(TRIALS)
    figure.scroll_into_view_if_needed()
    bars = figure.locator("g.trace.bars")
    assert "52%" in bars.first.text_content()
    _choose(page, figure, 0, "SABR-COMET, alive")
    page.wait_for_function(f"() => document.querySelector(\"{TRIALS} .gtitle\").textContent.includes('SABR')")
    shown = " ".join(b.text_content() for b in bars.all())
    assert "42.3%" in shown and "17.7%" in shown
    assert any("SABR" in t.text_content() for t in figure.locator("g.xtick text").all())
    _choose(page, figure, 0, "CheckMate 067, no growth")
    assert "36%" in " ".join(b.text_content() for b in bars.all())
    assert log.page_errors == []


def test_live_panel_note_and_skip_link(open_page):
    page, _ = open_page(PAGE)
    note = page.locator("aside.course-live-note")
    assert note.count() == 1 and "Try it live" in note.text_content()
    link = page.locator("a[href$='#surv-skip-numbers']").first
    assert link.count() == 1
    link.click()
    page.wait_for_function("() => location.hash === '#surv-skip-numbers'")


def test_chapter_fits_a_phone(open_page):
    page, _ = open_page(PAGE, width=390, height=844)
    for selector in (STAGE, KM, MEDIAN, TRIALS):
        figure = page.locator(selector)
        figure.scroll_into_view_if_needed()
        box = figure.bounding_box()
        assert box["width"] <= 390, f"{selector} must fit a phone screen"
        menus = figure.locator(".updatemenu-header")
        for i in range(menus.count()):
            menu = menus.nth(i).bounding_box()
            assert menu["x"] >= 0 and menu["x"] + menu["width"] <= 390, f"{selector}: menu {i} off screen"
    page.locator(KM).scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "chapter4-phone.png"))
