"""Chapter 3 in headless Chromium: every figure's controls (mouse and keyboard), the live note, the quiz, a phone."""

from __future__ import annotations

import pytest
from conftest import (
    ARTIFACTS,
    PHONE,
    SEEN_TEXT,
    VISIBLE_NAMES,
    assert_fits_phone,
    choose_and_read,
    choose_from_menu,
    figure_selectors,
)

pytestmark = pytest.mark.browser
PAGE = "book/diagnosis.html"
BODY, DISTANT, GROWTH, PATHWAY = figure_selectors(
    "symptoms-body-map", "distant-at-diagnosis", "growth-to-detection", "diagnostic-pathway")



def test_body_map_choosing_a_site_shows_its_symptoms(open_figure):
    page, figure = open_figure(PAGE, BODY)
    assert "Bone: symptoms" in figure.evaluate(VISIBLE_NAMES)
    names, seen = choose_and_read(page, figure, "Brain", "brain")
    assert "Brain: symptoms" in names and "Bone: symptoms" not in names
    assert "Emergency: A seizure" in seen and "Headaches" in seen
    assert "A constant, aching pain" not in seen
    choose_and_read(page, figure, "Spine (cord compression)", "emergencies")
    figure.screenshot(path=str(ARTIFACTS / "chapter3-body-map-spine.png"))


def test_distant_chart_sorts(open_figure):
    page, figure = open_figure(PAGE, DISTANT)
    ticks = "gd => Array.from(gd.querySelectorAll('g.ytick text')).map(t => t.textContent)"
    before = figure.evaluate(ticks)
    choose_from_menu(page, figure, menu=0, option="A to Z")
    page.wait_for_function(f"b => JSON.stringify(({ticks})(document.querySelector(\"{DISTANT}\"))) !== b",
                           arg=__import__("json").dumps(before))
    after = figure.evaluate(ticks)
    assert sorted(after) == sorted(before) and after != before
    # ticks are listed bottom to top: A to Z reads from the top down
    assert after == sorted(after, reverse=True)
    figure.screenshot(path=str(ARTIFACTS / "chapter3-distant-a-to-z.png"))


def test_growth_presets_and_density_change_the_figure(open_figure):
    page, figure = open_figure(PAGE, GROWTH)
    opacities = "gd => gd.data.filter(t => t.legendgroup === 'curves').map(t => t.opacity)"
    assert set(figure.evaluate(opacities)) <= {None, 1}
    choose_from_menu(page, figure, menu=0, option="164 days")
    page.wait_for_function(f"() => ({opacities})(document.querySelector(\"{GROWTH}\")).includes(0.2)")
    shown = figure.evaluate(opacities)
    assert shown.count(1) == 1 and shown.count(0.2) == len(shown) - 1
    fills = "gd => Array.from(gd.querySelectorAll('path.js-fill')).map(p => p.getAttribute('d')).join('|')"
    bands_before = figure.evaluate(fills)
    choose_from_menu(page, figure, menu=1, option="100 million")
    page.wait_for_function(f"b => ({fills})(document.querySelector(\"{GROWTH}\")) !== b", arg=bands_before)
    figure.screenshot(path=str(ARTIFACTS / "chapter3-growth-breast-100-million.png"))


def test_growth_live_version_is_offered_not_faked(open_page):
    page, _ = open_page(PAGE)
    note = page.locator("aside.course-live-note")
    assert note.count() == 1
    assert "Try it live: Change the doubling time" in note.text_content()
    assert "diagnosis.md" in note.locator("a").get_attribute("href")
    assert page.locator(".widget-slider, .jupyter-widgets").count() == 0


def test_pathway_steps_with_the_keyboard_and_switches_journey(open_figure):
    page, figure = open_figure(PAGE, PATHWAY)
    assert "Step 1: Symptoms" in figure.evaluate(SEEN_TEXT)
    slider = figure.locator("[role='slider']")
    slider.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"() => ({SEEN_TEXT})(document.querySelector(\"{PATHWAY}\")).includes('Step 3: Imaging')")
    assert "Cannot tell: A scan shows a spot" in figure.evaluate(SEEN_TEXT).replace("<br>", " ")
    choose_from_menu(page, figure, menu=0, option="Journey: breast cancer")
    page.wait_for_function(f"() => document.querySelector(\"{PATHWAY} .gtitle\").textContent.includes('not a real')")
    seen = figure.evaluate(SEEN_TEXT)
    assert "MRI of the whole spine" in seen
    assert "Step 3: Imaging" in seen  # the slider's choice survives the journey switch
    figure.screenshot(path=str(ARTIFACTS / "chapter3-pathway-back-pain-step3.png"))


def test_pathway_slider_works_with_the_mouse(open_page):
    page, _ = open_page(PAGE)
    figure = page.locator(PATHWAY)
    figure.scroll_into_view_if_needed()
    rail = figure.locator(".slider-rail-rect")
    box = rail.bounding_box()
    page.mouse.click(box["x"] + box["width"] - 2, box["y"] + box["height"] / 2)
    page.wait_for_function(f"() => ({SEEN_TEXT})(document.querySelector(\"{PATHWAY}\")).includes('Step 7')")


def test_chapter_fits_a_phone(open_page):
    page, _ = open_page(PAGE, **PHONE)
    assert_fits_phone(page, [page.locator(s) for s in (BODY, DISTANT, GROWTH, PATHWAY)])
    page.locator(BODY).scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "chapter3-phone.png"))
