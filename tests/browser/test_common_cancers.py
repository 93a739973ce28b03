"""Chapter "The common cancers when they spread" in headless Chromium: each figure's menu by mouse (the keyboard
path of the same menus is in test_keyboard.py), hover text naming the source, the data tables opened by mouse and
keyboard, the quiz, and the page at phone width."""

from __future__ import annotations

import pytest
from conftest import (
    ARTIFACTS,
    PHONE,
    assert_fits_phone,
    choose_from_menu,
    figure_selectors,
    hover_and_read,
    wait_for_figure_text,
)

from metastasis.core import data

pytestmark = pytest.mark.browser
PAGE = "book/common-cancers.html"
BY_CANCER, AGNOSTIC, BREAST = figure_selectors("approvals-by-cancer", "tumor-agnostic", "breast-subtype-survival")
FIGURES = (BREAST, BY_CANCER, AGNOSTIC)

TITLE = "gd => gd.layout.title.text"
TICKS = "gd => Array.from(gd.querySelectorAll('g.ytick text')).map(t => t.textContent)"
BAR_TEXT = "gd => Array.from(gd.querySelectorAll('g.trace.bars text')).map(t => t.textContent)"


def test_breast_menu_switches_the_stage(open_figure):
    page, figure = open_figure(PAGE, BREAST)
    assert "Distant spread" in figure.evaluate(TITLE)
    assert "12.8%" in figure.evaluate(BAR_TEXT)
    choose_from_menu(page, figure, "Localized")
    wait_for_figure_text(page, figure, "Localized")
    assert "99.3%" in figure.evaluate(BAR_TEXT)
    choose_from_menu(page, figure, "All stages")
    wait_for_figure_text(page, figure, "2014-2020")


def test_approvals_menu_shows_one_cancer(open_figure):
    page, figure = open_figure(PAGE, BY_CANCER)
    assert "Breast:" in figure.evaluate(TITLE)
    choose_from_menu(page, figure, "Prostate")
    wait_for_figure_text(page, figure, "Prostate")
    ticks = " ".join(figure.evaluate(TICKS))
    assert "docetaxel" in ticks and "lutetium" in ticks
    assert "radioligand" in ticks  # the class is named under each drug
    choose_from_menu(page, figure, "Melanoma")
    melanoma = int((data.load("therapy_approvals")["cancer_group"] == "melanoma").sum())
    wait_for_figure_text(page, figure, f"Melanoma: {melanoma} approval")


def test_tumor_agnostic_menu_filters_by_class(open_figure):
    page, figure = open_figure(PAGE, AGNOSTIC)
    assert "All classes: 9 approvals" in figure.evaluate(TITLE)
    choose_from_menu(page, figure, "Checkpoint inhibitor")
    wait_for_figure_text(page, figure, "Checkpoint inhibitor: 3 approvals")
    assert sum("pembrolizumab" in t for t in figure.evaluate(TICKS)) == 2


def test_hover_names_the_source(open_figure):
    page, figure = open_figure(PAGE, AGNOSTIC)
    assert "pembrolizumab" in hover_and_read(page, figure, "g.points path", "Source")


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
    assert boxes.nth(2).locator("tbody tr").count() == 9
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
    page, _ = open_page(PAGE, **PHONE)
    figures = [page.locator(selector) for selector in FIGURES]
    assert_fits_phone(page, figures)
    for figure in figures:
        figure.scroll_into_view_if_needed()
        box, title = figure.bounding_box(), figure.locator(".gtitle").first.bounding_box()
        assert title["x"] + title["width"] <= PHONE["width"] + 1, "a figure title runs off the screen"
        assert title["y"] >= box["y"], "a figure title is cut off at the top"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator(BREAST).scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "common-cancers-phone.png"))
