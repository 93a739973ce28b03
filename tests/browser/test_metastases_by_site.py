"""Metastases by site in headless Chromium: the body map and the organ chart driven by mouse and keyboard, and a
phone-sized screen (the quiz is covered by the shared quiz test)."""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS, SEEN_TEXT, VISIBLE_NAMES

pytestmark = pytest.mark.browser
PAGE = "book/metastases-by-site.html"
MAP = "div.plotly-graph-div[id^='fig-site-local-options']"
ORGAN = "div.plotly-graph-div[id^='fig-organ-by-primary']"

TITLE = "sel => document.querySelector(sel + ' .gtitle').textContent"


def _press_option(page, figure, option: str):
    """Open the figure's menu and choose an option with the keyboard only, once the option is focusable."""
    header = figure.locator(".updatemenu-header")
    header.focus()
    page.keyboard.press("Enter")
    button = figure.locator(".updatemenu-dropdown-button[tabindex='0']", has_text=option)
    button.wait_for()
    button.focus()
    page.keyboard.press("Enter")


def _choose(page, figure, option: str):
    figure.locator(".updatemenu-header-group").nth(0).click()
    figure.locator(".updatemenu-dropdown-button", has_text=option).click()
    page.wait_for_timeout(200)


def test_body_map_lists_a_sites_options_with_sources_and_switches_by_mouse(open_page):
    page, log = open_page(PAGE)
    figure = page.locator(MAP)
    figure.scroll_into_view_if_needed()
    assert "Brain: options" in figure.evaluate(VISIBLE_NAMES)
    seen = figure.evaluate(SEEN_TEXT)
    assert "Stereotactic radiosurgery" in seen and "Source:" in seen
    _choose(page, figure, "Pleura (fluid around the lungs)")
    page.wait_for_function(f"() => ({TITLE})(\"{MAP}\").includes('Pleura')")
    names = figure.evaluate(VISIBLE_NAMES)
    assert "Pleura (fluid around the lungs): options" in names and "Brain: options" not in names
    seen = figure.evaluate(SEEN_TEXT)
    assert "Indwelling pleural catheter" in seen and "Pleurodesis" in seen
    assert "Stereotactic radiosurgery" not in seen
    figure.screenshot(path=str(ARTIFACTS / "metastases-by-site-map-pleura.png"))
    assert log.page_errors == []


def test_body_map_menu_works_from_the_keyboard(open_page):
    page, _ = open_page(PAGE)
    figure = page.locator(MAP)
    figure.scroll_into_view_if_needed()
    header = figure.locator(".updatemenu-header")
    assert header.get_attribute("tabindex") == "0" and header.get_attribute("role") == "button"
    _press_option(page, figure, "Bone and spine")
    page.wait_for_function(f"() => ({TITLE})(\"{MAP}\").includes('Bone')")
    seen = figure.evaluate(SEEN_TEXT)
    assert "Bone and spine: options" in figure.evaluate(VISIBLE_NAMES)
    assert "Urgent: Urgent MRI" in seen and "8 Gy" in seen


def test_organ_chart_switches_organ_by_mouse_and_keyboard(open_page):
    page, log = open_page(PAGE)
    figure = page.locator(ORGAN)
    figure.scroll_into_view_if_needed()
    ticks = "gd => Array.from(gd.querySelectorAll('g.ytick text')).map(t => t.textContent)"
    brain = figure.evaluate(ticks)
    assert "Melanoma (skin)" in brain
    _choose(page, figure, "Liver")
    page.wait_for_function(f"() => ({TITLE})(\"{ORGAN}\").includes('liver')")
    liver = figure.evaluate(ticks)
    assert "Pancreas" in liver and "Melanoma (skin)" not in liver
    _press_option(page, figure, "Bone")
    page.wait_for_function(f"() => ({TITLE})(\"{ORGAN}\").includes('bone')")
    assert "Prostate" in figure.evaluate(ticks)
    assert log.page_errors == []


def test_chapter_fits_a_phone(open_page):
    page, _ = open_page(PAGE, width=390, height=844)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways on a phone"
    for selector in (MAP, ORGAN):
        figure = page.locator(selector)
        figure.scroll_into_view_if_needed()
        box = figure.bounding_box()
        assert box["width"] <= 390, f"{selector} must fit a phone screen"
        menu = figure.locator(".updatemenu-header-group").bounding_box()
        assert menu["x"] >= 0 and menu["x"] + menu["width"] <= 390 + 1, f"the menu of {selector} runs off the screen"
        texts = figure.locator("g.textpoint text")
        for i in range(texts.count()):
            t = texts.nth(i).bounding_box()
            if t and t["width"] > 0:
                assert t["x"] >= -1 and t["x"] + t["width"] <= 390 + 1, f"text in {selector} runs off the screen"
    page.locator(MAP).scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "metastases-by-site-phone.png"))
