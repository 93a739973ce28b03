"""Chapter 6 in headless Chromium: the ladder's menu and the timeline's buttons (mouse and keyboard), the quiz,
and the phone layout."""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS, PHONE, assert_fits_phone, figure_selectors

from metastasis.core import data

pytestmark = pytest.mark.browser
PAGE = "book/research-frontiers.html"
LADDER, TIMELINE = figure_selectors("evidence-ladder", "milestones-timeline")

SHOWN = "gd => gd.data.filter(t => t.visible !== false && t.visible !== 'legendonly').map(t => t.name)"
BOX = "gd => gd.layout.annotations[gd.layout.annotations.length - 1].text.replace(/<[^>]+>/g, ' ')"


def _claim(claim_id: str) -> dict:
    claims = data.load("evidence_claims").set_index("claim_id")
    return claims.loc[claim_id].to_dict()


def _title_changes(page, selector: str, before: str):
    page.wait_for_function(f"t => document.querySelector(\"{selector} .gtitle\").textContent !== t", arg=before)


def test_choosing_a_claim_marks_it_and_explains_its_rung(open_figure):
    page, figure = open_figure(PAGE, LADDER)
    title = figure.locator(".gtitle")
    assert title.text_content() == "The evidence ladder"
    assert figure.evaluate(SHOWN) == ["All claims"]
    gemys = _claim("gemys_2021")
    figure.locator(".updatemenu-header").click()
    figure.locator(".updatemenu-dropdown-button", has_text=gemys["label"]).click()
    _title_changes(page, LADDER, "The evidence ladder")
    assert title.text_content() == f"Rung {gemys['rung']} of 6: animals"
    assert figure.evaluate(SHOWN) == ["All claims", gemys["label"]]
    box = " ".join(figure.evaluate(BOX).split())
    assert "Every result so far is from mice" in box and "Rung 2 of 6: Animals" in box
    # The star is drawn where the data put it: one point in the highlighted trace.
    assert figure.locator(".scatterlayer .trace").nth(1).locator("path.point").count() == 1
    figure.screenshot(path=str(ARTIFACTS / "chapter6-ladder-gemys.png"))
    # A second choice replaces the first.
    lifileucel = _claim("lifileucel_2024")
    before = title.text_content()
    figure.locator(".updatemenu-header").click()
    figure.locator(".updatemenu-dropdown-button", has_text=lifileucel["label"]).click()
    _title_changes(page, LADDER, before)
    assert title.text_content() == "Rung 6 of 6: approved"
    assert "accelerated approval" in figure.evaluate(BOX)
    assert figure.evaluate(SHOWN) == ["All claims", lifileucel["label"]]


def test_timeline_buttons_filter_by_kind(open_figure):
    page, figure = open_figure(PAGE, TIMELINE)
    milestones = data.load("milestones")
    points = figure.locator(".scatterlayer path.point")
    assert points.count() == len(milestones)
    figure.locator(".updatemenu-button", has_text="Diagnosis").click()
    _title_changes(page, TIMELINE, "Milestones: all kinds")
    assert figure.locator(".gtitle").text_content() == "Milestones: diagnosis"
    assert figure.evaluate(SHOWN) == ["Diagnosis"]
    page.wait_for_function(f"n => document.querySelectorAll(\"{TIMELINE} .scatterlayer path.point\").length === n",
                           arg=int((milestones["kind"] == "diagnosis").sum()))
    labels = [t.text_content() for t in figure.locator(".scatterlayer text").all()]
    assert any("ctDNA" in label for label in labels) and not any("Paget" in label for label in labels)
    figure.screenshot(path=str(ARTIFACTS / "chapter6-timeline-diagnosis.png"))
    figure.locator(".updatemenu-button", has_text="All").click()
    page.wait_for_function(f"n => document.querySelectorAll(\"{TIMELINE} .scatterlayer path.point\").length === n",
                           arg=len(milestones))
    assert figure.evaluate(SHOWN) == ["Biology", "Diagnosis", "Treatment"]


def test_chapter_fits_a_phone(open_page):
    page, _ = open_page(PAGE, **PHONE)
    assert_fits_phone(page, [page.locator(s) for s in (LADDER, TIMELINE)])
    page.locator(LADDER).scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "chapter6-phone.png"))
