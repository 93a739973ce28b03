"""Chapter 1 in headless Chromium: both figures' controls (mouse and keyboard), the quiz, and the phone layout."""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS, PHONE, assert_fits_phone, choose_from_menu, figure_selectors

pytestmark = pytest.mark.browser
PAGE = "book/what-is-metastatic-cancer.html"
NAMING, STAGES = figure_selectors("primary-or-secondary", "stage-at-diagnosis")

SHOWN_ANSWER = """gd => gd.data.filter(t => t.mode === 'text' && t.visible === true && t.opacity > 0)
                                  .map(t => t.name)"""
SHOWN_ICON = "gd => gd.data.filter(t => t.mode === 'markers' && t.visible === true).map(t => t.name)"
PANEL_TITLES = "gd => gd.layout.annotations.slice(0, 2).map(a => a.text.replace(/<[^>]+>/g, ' '))"


def test_naming_figure_combines_both_menus(open_figure):
    page, figure = open_figure(PAGE, NAMING)
    assert figure.evaluate(SHOWN_ANSWER) == ["metastatic breast cancer in the bone"]
    choose_from_menu(page, figure, menu=0, option="Started in: Colon")
    choose_from_menu(page, figure, menu=1, option="Found in: Liver")
    assert figure.evaluate(SHOWN_ANSWER) == ["metastatic colon cancer in the liver"]
    assert figure.evaluate(SHOWN_ICON) == ["Colon cancer cell"]
    assert [t.split()[-1] for t in figure.evaluate(PANEL_TITLES)] == ["Colon", "Liver"]
    # The opaque answer text is what the reader sees.
    seen = [t.text_content() for t in figure.locator("g.textpoint").all()
            if float(t.evaluate("e => getComputedStyle(e.closest('g.trace')).opacity")) > 0]
    assert any("Metastatic colon cancer in the liver" in s for s in seen)
    # Changing one menu keeps the other's choice.
    choose_from_menu(page, figure, menu=0, option="Started in: Lung")
    assert figure.evaluate(SHOWN_ANSWER) == ["metastatic lung cancer in the liver"]
    figure.screenshot(path=str(ARTIFACTS / "chapter1-naming-lung-liver.png"))


def test_naming_menus_work_from_the_keyboard(open_page):
    page, _ = open_page(PAGE)
    figure = page.locator(NAMING)
    header = figure.locator(".updatemenu-header").nth(1)
    assert header.get_attribute("tabindex") == "0" and header.get_attribute("role") == "button"
    assert "Where it was found" in header.get_attribute("aria-label")
    header.focus()
    page.keyboard.press("Enter")
    option = figure.locator(".updatemenu-dropdown-button", has_text="Found in: Brain")
    option.wait_for()
    page.wait_for_function("el => (el.getAttribute('aria-label') || '').startsWith('Where it was found')",
                           arg=option.element_handle())
    option.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => ({SHOWN_ANSWER})(document.querySelector(\"{NAMING}\"))[0]"
                           ".endsWith('in the brain')")
    assert figure.evaluate(SHOWN_ANSWER) == ["metastatic breast cancer in the brain"]


def test_stage_buttons_change_the_figure(open_figure):
    page, figure = open_figure(PAGE, STAGES)
    title = figure.locator(".gtitle")
    before = title.text_content()
    bars_before = figure.locator("g.trace.bars").first.text_content()
    figure.locator(".updatemenu-header").click()
    figure.locator(".updatemenu-dropdown-button", has_text="Localized").click()
    page.wait_for_function(f"t => document.querySelector(\"{STAGES} .gtitle\").textContent !== t", arg=before)
    assert "localized" in title.text_content().lower()
    assert figure.locator("g.trace.bars").first.text_content() != bars_before
    figure.screenshot(path=str(ARTIFACTS / "chapter1-stage-localized.png"))


def test_chapter_fits_a_phone(open_page):
    page, _ = open_page(PAGE, **PHONE)
    assert_fits_phone(page, [page.locator(s) for s in (NAMING, STAGES)])
    page.locator(NAMING).scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "chapter1-phone.png"))
