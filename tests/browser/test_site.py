"""The built site as a student meets it, in headless Chromium: offline, drawn, operable, accessible."""

from __future__ import annotations

import pytest
from conftest import (
    ARTIFACTS,
    VIEWS,
    answer_two_quiz_questions,
    book_pages,
    chapter_stems,
    open_every_details,
    unexpected_console,
)

pytestmark = pytest.mark.browser
PAGES = book_pages()


def _figures_in_built_html(built_site, path) -> int:
    """How many course figures the built page holds (each is shown through metastasis.core.figures)."""
    return (built_site / path).read_text(encoding="utf-8").count("data-trace-types=")


def test_the_figure_pages_are_the_chapters(built_site):
    """Guards the next test's page list: every chapter has figures, and pages without figures load no plotly."""
    with_figures = {p for p in PAGES if _figures_in_built_html(built_site, p)}
    assert {f"book/{stem}.html" for stem in chapter_stems()} <= with_figures


@pytest.mark.parametrize("path", PAGES)
def test_page_is_self_contained_and_error_free(open_page, path):
    page, log = open_page(path)
    assert log.offsite == [], f"{path} requested other hosts: {log.offsite}"
    assert log.page_errors == [], f"{path} raised: {log.page_errors}"
    assert unexpected_console(log) == [], f"{path} logged errors: {log.console_errors}"
    assert log.not_found == [], f"{path} hit 404s: {log.not_found}"


@pytest.mark.parametrize("path", [f"book/{stem}.html" for stem in chapter_stems()])
def test_every_figure_draws(open_page, built_site, path):
    page, _ = open_page(path)
    figures = page.locator("div.plotly-graph-div")
    expected = _figures_in_built_html(built_site, path)
    assert expected >= 1 and figures.count() == expected, f"{path}: {figures.count()} of {expected} figures shown"
    for i in range(expected):
        figure = figures.nth(i)
        assert figure.locator("svg.main-svg").count() >= 1
        box = figure.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 200, f"figure {i} on {path} is not visible"


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violation(open_view, path, view):
    """axe-core on every page as a phone and a desktop show it, in light and dark mode, with every text alternative
    (data tables) open: no violation of any impact."""
    from axe_playwright_python.sync_playwright import Axe

    width, theme = VIEWS[view]
    page, _ = open_view(path, width, theme)
    open_every_details(page)
    violations = Axe().run(page).response["violations"]
    details = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    assert violations == [], f"{path} ({view}): {details}"


@pytest.mark.parametrize("stem", chapter_stems())
def test_quiz_shows_the_banks_feedback_for_right_and_wrong_answers(open_page, stem):
    """Click the bank's correct answer of its first one-answer question and a wrong answer of the next one:
    each shows that answer's own feedback, marked correct or incorrect."""
    page, log = open_page(f"book/{stem}.html")
    answered = answer_two_quiz_questions(page, stem)
    assert [answer["correct"] for _, answer in answered] == [True, False]
    for box, answer in answered:
        feedback = box.locator(".Feedback")
        expected = "correct" if answer["correct"] else "incorrect"
        page.wait_for_function("([el, cls]) => el.classList.contains(cls)", arg=[feedback.element_handle(), expected])
        shown = " ".join(feedback.text_content().split())
        assert " ".join(answer["feedback"].split())[:60] in shown, (stem, shown[:120])
    page.locator(".Quiz").first.screenshot(path=str(ARTIFACTS / f"{stem}-quiz.png"))
    assert log.page_errors == []
