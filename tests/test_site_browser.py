"""The built site as a student meets it, in headless Chromium: offline, drawn, operable, accessible."""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS, book_pages, unexpected_console

pytestmark = pytest.mark.browser
PAGES = book_pages()


@pytest.mark.parametrize("path", PAGES)
def test_page_is_self_contained_and_error_free(open_page, path):
    page, log = open_page(path)
    assert log.offsite == [], f"{path} requested other hosts: {log.offsite}"
    assert log.page_errors == [], f"{path} raised: {log.page_errors}"
    assert unexpected_console(log) == [], f"{path} logged errors: {log.console_errors}"
    assert log.not_found == [], f"{path} hit 404s: {log.not_found}"


@pytest.mark.parametrize("path", PAGES)
def test_every_figure_draws(open_page, path):
    page, _ = open_page(path)
    figures = page.locator("div.plotly-graph-div")
    for i in range(figures.count()):
        figure = figures.nth(i)
        assert figure.locator("svg.main-svg").count() >= 1
        box = figure.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 200, f"figure {i} on {path} is not visible"


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_serious_violation(open_page, path):
    from axe_playwright_python.sync_playwright import Axe

    page, _ = open_page(path)
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    details = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in serious]
    assert serious == [], f"{path}: {details}"


def test_stage_buttons_change_the_figure(open_page):
    page, log = open_page("book/what-is-metastatic-cancer.html")
    figure = page.locator("div.plotly-graph-div").first
    title = figure.locator(".gtitle")
    before = title.text_content()
    bars_before = figure.locator("g.trace.bars").first.text_content()
    figure.locator(".updatemenu-header").click()
    figure.locator(".updatemenu-dropdown-button", has_text="Localized").click()
    page.wait_for_function("t => document.querySelector('.gtitle').textContent !== t", arg=before)
    assert "localized" in title.text_content().lower()
    assert figure.locator("g.trace.bars").first.text_content() != bars_before
    page.screenshot(path=str(ARTIFACTS / "chapter1-stage-localized.png"), full_page=False)
    assert log.page_errors == []


def test_stage_menu_works_from_the_keyboard(open_page):
    page, _ = open_page("book/what-is-metastatic-cancer.html")
    figure = page.locator("div.plotly-graph-div").first
    header = figure.locator(".updatemenu-header")
    assert header.get_attribute("tabindex") == "0" and header.get_attribute("role") == "button"
    header.focus()
    page.keyboard.press("Enter")
    option = figure.locator(".updatemenu-dropdown-button", has_text="Regional")
    option.wait_for()
    assert option.get_attribute("tabindex") == "0"
    option.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('.gtitle').textContent.toLowerCase().includes('regional')")


def test_quiz_gives_feedback_on_a_click(open_page):
    page, _ = open_page("book/what-is-metastatic-cancer.html")
    quiz = page.locator(".Quiz").first
    quiz.scroll_into_view_if_needed()
    answer = quiz.locator(".MCButton").first
    answer.click()
    feedback = quiz.locator(".Feedback").first
    page.wait_for_function("el => el.textContent.trim().length > 10", arg=feedback.element_handle())
    assert len(feedback.text_content().strip()) > 10
    quiz.screenshot(path=str(ARTIFACTS / "chapter1-quiz.png"))


def test_chapter_screenshot_on_a_phone(open_page):
    page, _ = open_page("book/what-is-metastatic-cancer.html", width=390, height=844)
    page.locator("div.plotly-graph-div").first.scroll_into_view_if_needed()
    box = page.locator("div.plotly-graph-div").first.bounding_box()
    assert box["width"] <= 390, "the figure must fit a phone screen"
    page.screenshot(path=str(ARTIFACTS / "chapter1-phone.png"))
