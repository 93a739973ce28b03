"""Chapter 7 in headless Chromium: every control changes its figure, the checklist ticks, prints and downloads
offline, the quiz answers, and the page fits a phone."""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS, choose_from_menu, figure_selector

from metastasis.chapters import living_with_metastasis as living

pytestmark = pytest.mark.browser
PAGE = "book/living-with-metastasis.html"


def _figure(page, name):
    return page.locator(figure_selector(f"{name}-"))


def test_outcome_menu_changes_the_evidence_chart(open_page):
    page, log = open_page(PAGE)
    figure = _figure(page, "palliative-evidence")
    assert "98.0" in figure.text_content()
    choose_from_menu(page, figure, "Depressive symptoms")
    page.wait_for_function("f => f.textContent.includes('38%')", arg=figure.element_handle())
    text = figure.text_content()
    assert "16%" in text and "38%" in text and "Depressive" in text and "98.0" not in text
    choose_from_menu(page, figure, "Survival")
    page.wait_for_function("f => f.textContent.includes('11.6 months')", arg=figure.element_handle())
    assert "secondary finding" in figure.text_content()
    figure.screenshot(path=str(ARTIFACTS / "chapter7-evidence-survival.png"))
    assert log.page_errors == []


def test_model_buttons_toggle_the_care_diagram(open_page):
    page, _ = open_page(PAGE)
    figure = _figure(page, "care-across-illness")
    assert "Bereavement support" in figure.text_content() and "not data" in figure.text_content()
    figure.locator(".updatemenu-button", has_text="Sequential").click()
    page.wait_for_function("f => !f.textContent.includes('Bereavement support')", arg=figure.element_handle())
    text = figure.text_content()
    assert "Sequential (older) model" in text and "Palliative care" not in text and "not data" in text
    figure.screenshot(path=str(ARTIFACTS / "chapter7-models-sequential.png"))
    figure.locator(".updatemenu-button", has_text="Integrated").click()
    page.wait_for_function("f => f.textContent.includes('Bereavement support')", arg=figure.element_handle())


def test_role_menu_shows_what_each_team_member_does(open_page):
    page, _ = open_page(PAGE)
    figure = _figure(page, "care-team")
    assert "counseling" not in figure.text_content()
    choose_from_menu(page, figure, "Social worker")
    page.wait_for_function("f => f.textContent.includes('counseling')", arg=figure.element_handle())
    assert "You might ask" in figure.text_content()
    choose_from_menu(page, figure, "Dietitian")
    page.wait_for_function("f => f.textContent.includes('appetite')", arg=figure.element_handle())
    assert "counseling" not in figure.text_content()
    figure.screenshot(path=str(ARTIFACTS / "chapter7-care-team-dietitian.png"))


def test_checklist_ticks_print_and_download_offline(open_page):
    page, log = open_page(PAGE)
    page.context.set_default_timeout(10000)
    root = page.locator("#course-questions-checklist")
    root.scroll_into_view_if_needed()
    palliative = "Could I see a palliative care team now"
    costs = "What will my treatment cost me"
    root.locator("#course-questions-checklist-q06").check()
    root.locator("#course-questions-checklist-q11").check()
    panel = root.locator(".mylist")
    assert palliative in panel.text_content() and costs in panel.text_content()
    assert "How can we talk with our children" not in panel.text_content()
    assert root.locator(".count").text_content() == "2"
    root.screenshot(path=str(ARTIFACTS / "chapter7-checklist.png"))

    with page.expect_download() as download:
        root.locator("button.download").click()
    text = open(download.value.path(), encoding="utf-8").read()
    assert download.value.suggested_filename == "questions-for-my-care-team.txt"
    assert palliative in text and costs in text and "children" not in text

    page.emulate_media(media="print")
    assert panel.evaluate("e => getComputedStyle(e).visibility") == "visible"
    assert root.locator("fieldset").first.evaluate("e => getComputedStyle(e).visibility") == "hidden"
    page.emulate_media(media="screen")

    page.reload(wait_until="load")
    assert page.locator("#course-questions-checklist-q06").is_checked(), "ticks survive a reload in this browser"
    page.locator("#course-questions-checklist button.clear").click()
    assert page.evaluate(f"localStorage.getItem('{living.STORAGE_KEY}')") is None
    assert not page.locator("#course-questions-checklist-q06").is_checked()
    assert log.offsite == [] and log.page_errors == []


def test_help_table_and_quiz(open_page):
    page, _ = open_page(PAGE)
    table = page.locator("table.course-help-table")
    assert "United Kingdom" in table.text_content() and "0808 808 00 00" in table.text_content()
    quiz = page.locator(".Quiz").first
    quiz.scroll_into_view_if_needed()
    quiz.locator(".MCButton").first.click()
    feedback = quiz.locator(".Feedback").first
    page.wait_for_function("el => el.textContent.trim().length > 10", arg=feedback.element_handle())
    assert "alongside" in feedback.text_content()


def test_chapter_fits_a_phone(open_page):
    page, _ = open_page(PAGE, width=390, height=844)
    for name in ("palliative-evidence", "care-across-illness", "care-team", "chemo-understanding"):
        box = _figure(page, name).bounding_box()
        assert box and box["width"] <= 390, name
    checklist = page.locator("#course-questions-checklist").bounding_box()
    assert checklist["width"] <= 390
    _figure(page, "care-team").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "chapter7-phone-care-team.png"))
