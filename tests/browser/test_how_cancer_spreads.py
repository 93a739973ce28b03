"""Chapter 2 in headless Chromium: every control of every figure (mouse and keyboard), hover text, the live-panel
note, the quiz, and the phone layout."""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS, PHONE, assert_fits_phone, choose_from_menu, figure_selectors, hover_and_read

pytestmark = pytest.mark.browser
PAGE = "book/how-cancer-spreads.html"
ROUTES, BODY, MEASURED, SIMULATOR = figure_selectors(
    "spread-routes-", "spread-body-map-", "cascade-measured-", "cascade-simulator-")
FIGURES = (MEASURED, SIMULATOR, ROUTES, BODY)

FLOW_LABELS = """gd => gd.data.filter(t => t.visible === true && t.mode === 'text')
                            .flatMap(t => t.text.map(s => s.replace(/<[^>]+>/g, ' ')))"""
VISIBLE_TEXT = """gd => gd.data.filter(t => t.visible === true && t.text)
                             .flatMap(t => Array.isArray(t.text) ? t.text : [t.text])"""
ARROWS = "gd => gd.layout.annotations.filter(a => a.showarrow).length"
NOTE = "gd => gd.layout.annotations.map(a => a.text).join(' ').replace(/<[^>]+>/g, ' ')"


def _title(figure) -> str:
    return figure.locator(".gtitle").text_content()


def test_route_diagram_follows_the_chosen_primary(open_figure):
    page, figure = open_figure(PAGE, ROUTES)
    labels = figure.evaluate(FLOW_LABELS)
    assert "Liver 15.34%" in labels and "By blood (hematogenous)" in labels
    drawn = " ".join(t.text_content() for t in figure.locator("g.textpoint").all() if t.is_visible())
    assert "Liver 15.34%" in drawn
    assert "colorectal" in _title(figure)
    choose_from_menu(page, figure, "Pancreas")
    page.wait_for_function(f"() => ({FLOW_LABELS})(document.querySelector(\"{ROUTES}\")).includes('Liver 39.96%')")
    labels = figure.evaluate(FLOW_LABELS)
    assert "Liver 15.34%" not in labels and "Lung 11.19%" in labels
    assert "pancreatic" in _title(figure)
    choose_from_menu(page, figure, "Prostate, if already spread")
    page.wait_for_function(f"() => ({FLOW_LABELS})(document.querySelector(\"{ROUTES}\")).includes('Bone 88.74%')")
    assert "already spread" in _title(figure)
    figure.screenshot(path=str(ARTIFACTS / "chapter2-routes-prostate-spread.png"))


def test_route_diagram_hover_names_denominator_and_source(open_page):
    page, _ = open_page(PAGE)
    figure = page.locator(ROUTES)
    figure.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    # the liver ribbon is the first filled shape: hover inside it, a quarter of the way from the primary
    text = hover_and_read(page, figure, "g.trace.scatter path.js-fill", "%", at=(0.25, 0.5))
    assert "15.34%" in text and "of everyone diagnosed" in text and "Source" in text


def test_body_map_hover_names_denominator_and_source(open_page):
    page, _ = open_page(PAGE)
    figure = page.locator(BODY)
    figure.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    text = hover_and_read(page, figure, "g.trace.scatter g.points path.point", "Source")
    assert "of everyone diagnosed with colorectal cancer" in text


def test_body_map_moves_its_arrows(open_figure):
    page, figure = open_figure(PAGE, BODY)
    assert figure.evaluate(ARROWS) == 4
    assert "Liver 15.34%" in figure.evaluate(VISIBLE_TEXT)
    choose_from_menu(page, figure, "Pancreas")
    page.wait_for_function(f"() => ({ARROWS})(document.querySelector(\"{BODY}\")) === 2")
    shown = figure.evaluate(VISIBLE_TEXT)
    assert "Liver 39.96%" in shown and "Primary: Pancreas" in shown
    drawn = [t.text_content() for t in figure.locator("g.textpoint").all() if t.is_visible()]
    assert any("Liver 39.96%" in t for t in drawn)
    assert figure.locator("g.annotation-arrow-g").count() == 2
    figure.screenshot(path=str(ARTIFACTS / "chapter2-body-map-pancreas.png"))


def test_measured_buttons_switch_to_counts(open_page):
    page, _ = open_page(PAGE)
    figure = page.locator(MEASURED)
    shown = " ".join(t.text_content() for t in figure.locator("g.trace.bars").all() if t.is_visible())
    assert "more than 80%" in shown and "about 1%" in shown
    figure.locator(".updatemenu-button").nth(1).click()
    page.wait_for_function(f"() => document.querySelector(\"{MEASURED} .ytitle\").textContent.includes('Number')")
    text = " ".join(t.text_content() for t in figure.locator("g.trace.bars").all() if t.is_visible())
    assert "about 3.2 million" in text and "on average 78" in text
    assert "Counts" in _title(figure)


def test_simulator_scenarios_change_the_runs(open_figure):
    page, figure = open_figure(PAGE, SIMULATOR)
    assert "median 3 macrometastases" in figure.evaluate(NOTE)
    ticks_before = figure.locator(".x2tick text").all_text_contents()
    choose_from_menu(page, figure, "Every step 50%")
    page.wait_for_function(f"() => ({NOTE})(document.querySelector(\"{SIMULATOR}\")).includes('median 31,272')")
    assert "Teaching model" in figure.evaluate(NOTE)
    choose_from_menu(page, figure, "Welcoming soil")
    page.wait_for_function(f"() => ({NOTE})(document.querySelector(\"{SIMULATOR}\")).includes('median 80 ')")
    ticks = figure.locator(".x2tick text").all_text_contents()
    assert ticks and ticks != ticks_before, "the histogram shows the new scenario's runs"
    figure.screenshot(path=str(ARTIFACTS / "chapter2-simulator-soil.png"))


def test_live_panel_points_to_binder_and_every_figure_has_its_table(open_page):
    page, _ = open_page(PAGE)
    note = page.locator("aside.course-live-note")
    assert "Try it live: Cascade simulator" in note.text_content()
    assert "mybinder.org" in note.locator("a").first.get_attribute("href")
    assert page.locator("details.course-figure-data").count() == 4
    assert "teaching model" in page.locator(".course-figure-caption").nth(1).text_content().lower()


def test_chapter_fits_a_phone(open_page):
    page, _ = open_page(PAGE, **PHONE)
    assert_fits_phone(page, [page.locator(s) for s in FIGURES])
    page.locator(ROUTES).scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "chapter2-phone-routes.png"))
    page.locator(SIMULATOR).scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "chapter2-phone-simulator.png"))
