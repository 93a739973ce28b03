"""Metastases by site in headless Chromium: the body map and the organ chart driven by mouse and keyboard, and a
phone-sized screen (the quiz is covered by the shared quiz test)."""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS, SEEN_TEXT, VISIBLE_NAMES, assert_fits_phone, choose_and_read, figure_selectors

pytestmark = pytest.mark.browser
PAGE = "book/metastases-by-site.html"
MAP, ORGAN = figure_selectors("site-local-options", "organ-by-primary")

TICKS = "gd => Array.from(gd.querySelectorAll('g.ytick text')).map(t => t.textContent)"


def test_body_map_lists_a_sites_options_with_sources_and_switches_by_mouse(open_page):
    page, log = open_page(PAGE)
    figure = page.locator(MAP)
    figure.scroll_into_view_if_needed()
    assert "Brain: options" in figure.evaluate(VISIBLE_NAMES)
    seen = figure.evaluate(SEEN_TEXT)
    assert "Stereotactic radiosurgery" in seen and "Source:" in seen
    names, seen = choose_and_read(page, figure, "Pleura (fluid around the lungs)", "Pleura")
    assert "Pleura (fluid around the lungs): options" in names and "Brain: options" not in names
    assert "Indwelling pleural catheter" in seen and "Pleurodesis" in seen
    assert "Stereotactic radiosurgery" not in seen
    figure.screenshot(path=str(ARTIFACTS / "metastases-by-site-map-pleura.png"))
    assert log.page_errors == []


def test_body_map_menu_works_from_the_keyboard(open_page):
    page, _ = open_page(PAGE)
    figure = page.locator(MAP)
    figure.scroll_into_view_if_needed()
    names, seen = choose_and_read(page, figure, "Bone and spine", "Bone", keyboard=True)
    assert "Bone and spine: options" in names
    assert "Urgent: Urgent MRI" in seen and "8 Gy" in seen


def test_organ_chart_switches_organ_by_mouse_and_keyboard(open_page):
    page, log = open_page(PAGE)
    figure = page.locator(ORGAN)
    figure.scroll_into_view_if_needed()
    assert "Melanoma (skin)" in figure.evaluate(TICKS)
    choose_and_read(page, figure, "Liver", "liver")
    liver = figure.evaluate(TICKS)
    assert "Pancreas" in liver and "Melanoma (skin)" not in liver
    choose_and_read(page, figure, "Bone", "bone", keyboard=True)
    assert "Prostate" in figure.evaluate(TICKS)
    assert log.page_errors == []


def test_chapter_fits_a_phone(open_page):
    page, _ = open_page(PAGE, width=390, height=844)
    assert_fits_phone(page, [page.locator(MAP), page.locator(ORGAN)])
    for selector in (MAP, ORGAN):
        texts = page.locator(selector).locator("g.textpoint text")
        for i in range(texts.count()):
            t = texts.nth(i).bounding_box()
            if t and t["width"] > 0:
                assert t["x"] >= -1 and t["x"] + t["width"] <= 390 + 1, f"text in {selector} runs off the screen"
    page.locator(MAP).scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "metastases-by-site-phone.png"))
