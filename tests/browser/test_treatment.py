"""Chapter 5 in headless Chromium: every figure's controls change what is drawn, the live panel is a note in the
static page, the quiz gives feedback, and the figures fit a phone."""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS, PHONE, assert_fits_phone, choose_from_menu, figure_selectors

from metastasis.chapters import treatment

pytestmark = pytest.mark.browser
PAGE = "book/treatment.html"
EXPLORER, MODEL, MELANOMA, MATRIX, SABR = figure_selectors(
    "therapy-explorer", "resistance-model", "melanoma-milestones", "side-effects-matrix", "sabr-comet")

TICKS = "gd => Array.from(gd.querySelectorAll('g.ytick text')).map(t => t.textContent)"
TITLE = "gd => gd.layout.title.text"
VISIBLE_NAMES = "gd => gd.data.filter(t => t.visible === true).map(t => t.name)"


def _click_button(page, figure, label: str):
    figure.locator(".updatemenu-button", has_text=label).first.click()
    page.wait_for_timeout(200)


def test_explorer_filters_by_cancer_and_by_class(open_figure):
    page, figure = open_figure(PAGE, EXPLORER)
    assert len(figure.evaluate(TICKS)) == len(treatment.timeline_examples())
    choose_from_menu(page, figure, menu=1, option="Lung")  # menu 1 is "Filter by cancer" (drawn on top)
    ticks = figure.evaluate(TICKS)
    assert [t.split("EGFR")[0].split("ALK")[0].split("KRAS")[0] for t in ticks] == [
        "crizotinib", "osimertinib", "sotorasib"]
    assert "Lung: 3 approvals" in figure.evaluate(TITLE)
    figure.screenshot(path=str(ARTIFACTS / "chapter5-explorer-lung.png"))
    choose_from_menu(page, figure, menu=0, option="Cell therapy")
    assert len(figure.evaluate(TICKS)) == 3
    assert "Cell therapy: 3 approvals" in figure.evaluate(TITLE)


def test_model_scenarios_switch_and_draw_the_second_drug(open_figure):
    page, figure = open_figure(PAGE, MODEL)
    assert figure.evaluate(VISIBLE_NAMES)[0] == "No resistant cells: whole tumor"
    shapes_before = figure.locator("g.shapelayer path").count()
    choose_from_menu(page, figure, menu=0, option="Switch to a second drug")
    assert figure.evaluate(VISIBLE_NAMES)[0] == "Switch to a second drug: whole tumor"
    assert "switch to a second drug" in figure.evaluate(TITLE)
    assert figure.locator("g.shapelayer path").count() == shapes_before + 1
    assert "drug B from week" in figure.locator("g.annotation").first.text_content()
    figure.screenshot(path=str(ARTIFACTS / "chapter5-model-switch.png"))
    choose_from_menu(page, figure, menu=0, option="Compare all")
    assert len(figure.evaluate(VISIBLE_NAMES)) == 3


def test_live_panel_is_a_note_pointing_to_the_live_version(open_page):
    page, _ = open_page(PAGE)
    note = page.locator("aside.course-live-note")
    assert note.count() == 1
    assert "Why a drug stops working" in note.text_content()
    assert page.locator(".widget-slider, .jupyter-widgets").count() == 0


def test_melanoma_button_switches_to_five_year_survival(open_figure):
    page, figure = open_figure(PAGE, MELANOMA)
    assert "died by this time" in figure.evaluate(TITLE)
    choose_from_menu(page, figure, menu=0, option="Alive at 5 years")
    assert "alive 5 years later" in figure.evaluate(TITLE)
    labels = figure.locator("g.textpoint").all_text_contents()
    assert "52%" in labels and "4.9%" in labels
    figure.screenshot(path=str(ARTIFACTS / "chapter5-melanoma-5y.png"))


def test_matrix_menu_shows_serious_only_and_one_class(open_figure):
    page, figure = open_figure(PAGE, MATRIX)

    def filled():
        return len([t for t in figure.locator("g.heatmaplayer text").all_text_contents() if t.strip()])

    assert filled() == 28
    choose_from_menu(page, figure, menu=0, option="All classes: serious only")
    assert filled() == 5
    choose_from_menu(page, figure, menu=0, option="Chemotherapy")
    assert filled() == 4
    assert figure.locator("g.xtick text").count() == 1
    figure.screenshot(path=str(ARTIFACTS / "chapter5-matrix-chemo.png"))


def test_sabr_buttons_show_harms_only(open_figure):
    page, figure = open_figure(PAGE, SABR)
    assert len(figure.locator("g.trace.bars g.point").all()) == 6
    _click_button(page, figure, "Harms")
    assert "harms" in figure.evaluate(TITLE).lower()
    assert len(figure.locator("g.trace.bars g.point").all()) == 4
    assert not any("Alive" in t for t in figure.evaluate(TICKS))


def test_chapter_figures_fit_a_phone(open_page):
    page, _ = open_page(PAGE, **PHONE)
    assert_fits_phone(page, [page.locator(s) for s in (EXPLORER, MODEL, MELANOMA, MATRIX, SABR)])
    page.locator(EXPLORER).scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "chapter5-phone.png"))
