"""Chapter "The common cancers when they spread" in headless Chromium: each figure's menu by mouse and by keyboard,
hover text naming the source, the data tables, the quiz, and the page at phone width."""

from __future__ import annotations

import pytest

from metastasis import REPO_ROOT

pytestmark = pytest.mark.browser
ARTIFACTS = REPO_ROOT / "tests" / "artifacts"
PAGE = "book/common-cancers.html"
BY_CANCER = "div.plotly-graph-div[id^='fig-approvals-by-cancer']"
AGNOSTIC = "div.plotly-graph-div[id^='fig-tumor-agnostic']"
BREAST = "div.plotly-graph-div[id^='fig-breast-subtype-survival']"
FIGURES = (BREAST, BY_CANCER, AGNOSTIC)

TITLE = "gd => gd.layout.title.text"
TICKS = "gd => Array.from(gd.querySelectorAll('g.ytick text')).map(t => t.textContent)"
BAR_TEXT = "gd => Array.from(gd.querySelectorAll('g.trace.bars text')).map(t => t.textContent)"


def _choose_by_mouse(page, figure, option: str):
    figure.locator(".updatemenu-header-group").first.click()
    figure.locator(".updatemenu-dropdown-button", has_text=option).first.click()
    page.wait_for_timeout(200)


def _choose_by_keyboard(page, figure, option: str):
    header = figure.locator(".updatemenu-header")
    assert header.get_attribute("tabindex") == "0" and header.get_attribute("role") == "button"
    header.focus()
    page.keyboard.press("Enter")
    # The course's script makes each option keyboard-operable once plotly has drawn it: wait for that.
    button = figure.locator(".updatemenu-dropdown-button[data-a11y='1']", has_text=option).first
    button.wait_for()
    assert button.get_attribute("role") == "button"
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(200)


@pytest.mark.parametrize("choose", [_choose_by_mouse, _choose_by_keyboard], ids=["mouse", "keyboard"])
def test_breast_menu_switches_the_stage(open_page, choose):
    page, log = open_page(PAGE)
    figure = page.locator(BREAST)
    assert "Distant spread" in figure.evaluate(TITLE)
    assert "12.8%" in figure.evaluate(BAR_TEXT)
    choose(page, figure, "Localized")
    page.wait_for_function(f"() => document.querySelector(\"{BREAST}\").layout.title.text.includes('Localized')")
    assert "99.3%" in figure.evaluate(BAR_TEXT)
    choose(page, figure, "All stages")
    assert "2014-2020" in figure.evaluate(TITLE)
    assert log.page_errors == []


@pytest.mark.parametrize("choose", [_choose_by_mouse, _choose_by_keyboard], ids=["mouse", "keyboard"])
def test_approvals_menu_shows_one_cancer(open_page, choose):
    page, log = open_page(PAGE)
    figure = page.locator(BY_CANCER)
    assert "Breast:" in figure.evaluate(TITLE)
    choose(page, figure, "Prostate")
    page.wait_for_function(f"() => document.querySelector(\"{BY_CANCER}\").layout.title.text.includes('Prostate')")
    ticks = " ".join(figure.evaluate(TICKS))
    assert "radioligand" in ticks  # the class is named under each drug
    assert "docetaxel" in ticks and "lutetium" in ticks
    choose(page, figure, "Melanoma")
    page.wait_for_function(f"() => document.querySelector(\"{BY_CANCER}\").layout.title.text.includes('Melanoma')")
    assert "Melanoma: 5 approvals" in figure.evaluate(TITLE)
    assert log.page_errors == []


@pytest.mark.parametrize("choose", [_choose_by_mouse, _choose_by_keyboard], ids=["mouse", "keyboard"])
def test_tumor_agnostic_menu_filters_by_class(open_page, choose):
    page, log = open_page(PAGE)
    figure = page.locator(AGNOSTIC)
    assert "All classes: 9 approvals" in figure.evaluate(TITLE)
    choose(page, figure, "Checkpoint inhibitor")
    page.wait_for_function(f"() => document.querySelector(\"{AGNOSTIC}\").layout.title.text.includes('Checkpoint')")
    assert "Checkpoint inhibitor: 3 approvals" in figure.evaluate(TITLE)
    assert sum("pembrolizumab" in t for t in figure.evaluate(TICKS)) == 2
    assert log.page_errors == []


def test_hover_names_the_source(open_page):
    page, _ = open_page(PAGE)
    figure = page.locator(AGNOSTIC)
    figure.scroll_into_view_if_needed()
    marker = figure.locator("g.points path").first
    box = marker.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=5)
    page.wait_for_function(f"() => (document.querySelector(\"{AGNOSTIC} .hovertext\") || {{}}).textContent"
                           "?.includes('Source')")
    assert "pembrolizumab" in figure.locator(".hovertext").first.text_content()


def test_every_figure_has_its_data_table_and_source(open_page):
    """Each figure's "Data table and source" opens (the first by mouse, the others by keyboard) and shows its table."""
    page, _ = open_page(PAGE)
    captions = ("Five-year relative survival, female breast cancer, by subtype and SEER stage",
                "Selected FDA approvals for the five common cancers",
                "Tumor-agnostic FDA approvals, with dates and sources")
    boxes = page.locator("details.course-figure-data")
    assert boxes.count() == len(captions)
    for i, caption in enumerate(captions):
        summary = boxes.nth(i).locator("summary")
        summary.scroll_into_view_if_needed()
        if i == 0:
            summary.click()
        else:
            summary.focus()
            page.keyboard.press("Enter")
        table = boxes.nth(i).locator("table.course-data-table")
        table.wait_for(state="visible")
        assert caption in table.locator("caption").inner_text()
    agnostic_rows = boxes.nth(2).locator("tbody tr")
    assert agnostic_rows.count() == 9
    assert "entrectinib" in boxes.nth(2).inner_text() and "secondary" in boxes.nth(2).inner_text()
    assert page.locator("a[href*='seer.cancer.gov/statfacts/html/breast-subtypes']").count() >= 1
    assert "Last reviewed: December 2026" in page.locator("main").inner_text()


def test_quiz_gives_the_banks_feedback(open_page):
    from metastasis.core import quiz as quiz_bank

    page, log = open_page(PAGE)
    question = quiz_bank.load_bank("common-cancers")[0]
    answer = next(a for a in question["answers"] if a["correct"])
    box = page.locator(".Quiz").filter(has_text=question["question"][:40]).first
    box.scroll_into_view_if_needed()
    box.locator(".MCButton").filter(has_text=answer["answer"][:40]).first.click()
    feedback = box.locator(".Feedback")
    page.wait_for_function("el => el.classList.contains('correct')", arg=feedback.element_handle())
    assert answer["feedback"][:40] in " ".join(feedback.text_content().split())
    assert log.page_errors == []


def test_chapter_fits_a_phone(open_page):
    page, _ = open_page(PAGE, width=390, height=844)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways on a phone"
    for selector in FIGURES:
        figure = page.locator(selector)
        figure.scroll_into_view_if_needed()
        box = figure.bounding_box()
        assert box["width"] <= 390, f"{selector} must fit a phone screen"
        menu = figure.locator(".updatemenu-header-group").first.bounding_box()
        assert menu["x"] >= 0 and menu["x"] + menu["width"] <= 391, f"the menu of {selector} runs off the screen"
        title = figure.locator(".gtitle").first.bounding_box()
        assert title["x"] + title["width"] <= 391, f"the title of {selector} runs off the screen"
        assert title["y"] >= box["y"], f"the title of {selector} is cut off at the top"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator(BREAST).scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "common-cancers-phone.png"))
