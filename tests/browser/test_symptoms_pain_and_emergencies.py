"""The symptoms chapter and the start-here page in headless Chromium: the when-to-get-help card filters by mouse
and by keyboard, prints whole, fits a phone, and is the same card on the start-here page, which the landing page
links first."""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS, figure_selector, unexpected_console

pytestmark = pytest.mark.browser
PAGE = "book/symptoms-pain-and-emergencies.html"
START = "book/start-here.html"
CARD = "section.help-card"
PAIN = figure_selector("pain-prevalence")
VISIBLE_LEVELS = """card => Array.from(card.querySelectorAll('tbody tr[data-level]'))
    .filter(r => r.offsetParent !== null).map(r => r.dataset.level)"""
ALL_LEVELS = "card => Array.from(card.querySelectorAll('tbody tr[data-level]')).map(r => r.dataset.level)"
PRESSED = """card => Array.from(card.querySelectorAll('button.help-filter'))
    .filter(b => b.getAttribute('aria-pressed') === 'true').map(b => b.dataset.level)"""


def _card(page, selector: str = CARD):
    card = page.locator(selector).first
    card.locator(".help-filters").wait_for(state="visible")  # the script has run
    return card


def test_card_filters_by_level_with_the_mouse(open_page):
    page, log = open_page(PAGE)
    card = _card(page)
    every = card.evaluate(ALL_LEVELS)
    assert card.evaluate(VISIBLE_LEVELS) == every and len(every) >= 10
    card.locator("button.help-filter[data-level='emergency']").click()
    shown = card.evaluate(VISIBLE_LEVELS)
    assert shown and set(shown) == {"emergency"} and len(shown) == every.count("emergency")
    assert card.evaluate(PRESSED) == ["emergency"]
    assert card.locator(".help-status").text_content() == (
        f"Showing {every.count('emergency')} of {len(every)} warning signs.")
    card.screenshot(path=str(ARTIFACTS / "help-card-emergency.png"))
    card.locator("button.help-filter[data-level='all']").click()
    assert card.evaluate(VISIBLE_LEVELS) == every
    assert log.page_errors == [] and unexpected_console(log) == []


def test_card_filters_by_level_with_the_keyboard(open_page):
    page, log = open_page(PAGE)
    card = _card(page)
    every = card.evaluate(ALL_LEVELS)
    card.locator("button.help-filter[data-level='all']").focus()
    page.keyboard.press("Tab")  # the next button: "Call emergency services now"
    page.keyboard.press("Tab")  # then "Call the care team today, at any hour"
    assert page.evaluate("document.activeElement.dataset.level") == "care-team-today"
    page.keyboard.press("Enter")
    assert set(card.evaluate(VISIBLE_LEVELS)) == {"care-team-today"}
    assert card.evaluate(PRESSED) == ["care-team-today"]
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert card.evaluate(VISIBLE_LEVELS) == ["next-visit"] * every.count("next-visit")
    focus_ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focus_ring != "none", "the focused button shows where the keyboard is"
    assert log.page_errors == []


def test_card_prints_every_row_even_when_filtered(open_page):
    page, _ = open_page(PAGE)
    card = _card(page)
    card.locator("button.help-filter[data-level='emergency']").click()
    page.emulate_media(media="print")
    assert card.evaluate(VISIBLE_LEVELS) == card.evaluate(ALL_LEVELS)
    assert card.locator(".help-filters").is_hidden()
    assert page.locator(".bd-sidebar-primary").first.is_hidden()
    page.emulate_media(media="screen")


def test_card_fits_a_phone_and_stacks_each_sign(open_page):
    page, log = open_page(PAGE, width=390, height=844)
    card = _card(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    box = card.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 391
    first = card.locator("tbody tr").first
    assert first.evaluate("r => getComputedStyle(r).display") == "block"
    label = first.locator("td").first.evaluate("td => getComputedStyle(td, '::before').content")
    assert "Level" in label
    caption = card.locator("caption").bounding_box()
    assert caption["width"] >= box["width"] * 0.8, "the caption spans the card, not a narrow column"
    button = card.locator("button.help-filter").first.bounding_box()
    assert button["height"] >= 44, "buttons are big enough to tap"
    page.screenshot(path=str(ARTIFACTS / "help-card-phone.png"), full_page=False)
    assert log.page_errors == []


def test_pain_figure_draws_and_its_menu_switches_reviews(open_page):
    page, log = open_page(PAGE)
    figure = page.locator(PAIN)
    assert figure.locator("svg.main-svg").count() >= 1
    assert figure.evaluate("gd => gd.data.map(t => t.visible === false)") == [False, False]
    figure.locator(".updatemenu-header-group").first.click()
    figure.locator(".updatemenu-dropdown-button", has_text="2007 review only").first.click()
    page.wait_for_timeout(200)
    assert figure.evaluate("gd => gd.data.map(t => t.visible)") == [False, True]
    assert log.page_errors == []


def test_start_here_has_the_same_card_and_it_works(open_page, site_url):
    page, log = open_page(START)
    card = _card(page, "section#start-help-card")
    assert card.locator("text=Where sources differ").count() == 0
    card.locator("button.help-filter[data-level='emergency']").click()
    assert set(card.evaluate(VISIBLE_LEVELS)) == {"emergency"}
    for heading in ("What the words mean", "What usually happens next", "Questions you might ask",
                    "Where to go in this book"):
        assert page.locator("h2", has_text=heading).count() == 1
    assert page.locator("a[href*='symptoms-pain-and-emergencies.html']").count() >= 1
    chapter, _ = open_page(PAGE)
    chapter_rows = _card(chapter).evaluate(ALL_LEVELS)
    assert card.evaluate(ALL_LEVELS) == chapter_rows
    assert log.page_errors == [] and unexpected_console(log) == []


def test_landing_page_links_start_here_first(open_page):
    page, _ = open_page("index.html")
    first = page.locator("article.bd-article a.internal[href$='.html']").first
    assert first.get_attribute("href").endswith("start-here.html")
    assert first.locator("xpath=ancestor::div[contains(@class, 'admonition')]").count() == 1, "in a box, first"
    nav = page.locator("nav.bd-docs-nav a.reference.internal[href$='.html']").first
    assert nav.get_attribute("href").endswith("start-here.html")


@pytest.mark.parametrize("path", [PAGE, START])
@pytest.mark.parametrize("scheme, width", [("dark", 390), ("light", 390), ("dark", 1280)])
def test_card_is_axe_clean_in_light_and_dark_on_phone_and_desktop(open_page, path, scheme, width):
    from axe_playwright_python.sync_playwright import Axe

    page, _ = open_page(path, width=width, height=844)
    page.evaluate("s => { document.documentElement.dataset.theme = s; document.documentElement.dataset.mode = s; }",
                  scheme)
    card = _card(page)
    card.locator("button.help-filter[data-level='care-team-today']").click()
    card.locator("button.help-filter[data-level='care-team-today']").focus()
    results = Axe().run(page, context={"include": [["section.help-card"]]})
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    details = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in serious]
    assert serious == [], f"{path} ({scheme}, {width}px): {details}"
    if scheme == "dark" and width == 390:
        card.screenshot(path=str(ARTIFACTS / f"help-card-dark-{path.split('/')[-1]}.png"))
