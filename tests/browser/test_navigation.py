"""Site navigation on a phone and a desktop (issue 19): the ☰ and page-contents sidebars open and close by touch,
mouse and keyboard on every page, focus moves into them and back, Escape closes them; no empty header strip or
second search box on a desktop."""

from __future__ import annotations

import pytest
from conftest import (
    DESKTOP_WIDTH,
    PHONE_WIDTH,
    SIDEBARS,
    book_pages,
    chapter_stems,
    focus_is_inside,
    open_sidebar,
    sidebar_is_open,
)

pytestmark = pytest.mark.browser
PAGES = book_pages()
CHAPTERS = [f"book/{stem}.html" for stem in chapter_stems()]


def _closed_with_focus_back(page, which: str):
    page.wait_for_function("sel => !document.querySelector(sel).open", arg=SIDEBARS[which][1], timeout=5000)
    page.wait_for_function("sel => document.activeElement === document.querySelector(sel)", arg=SIDEBARS[which][0],
                           timeout=5000)


def _assert_open_on_screen(page, which: str, path: str, how: str):
    dialog = SIDEBARS[which][1]
    assert sidebar_is_open(page, which), f"{path}: {which} sidebar did not open by {how}"
    box = page.locator(dialog).bounding_box()
    assert box and box["x"] >= 0 and box["width"] >= 200, (path, which, box)
    assert box["x"] + box["width"] <= PHONE_WIDTH + 1, (path, which, box)
    assert page.locator(f"{dialog} a[href]").first.is_visible(), f"{path}: the {which} sidebar shows no links"
    assert focus_is_inside(page, dialog), f"{path}: focus stayed outside the {which} sidebar ({how})"
    toggle = page.locator(SIDEBARS[which][0])
    assert toggle.get_attribute("aria-expanded") == "true"


@pytest.mark.parametrize("path", PAGES)
def test_phone_sidebars_open_and_close_by_touch_mouse_and_keyboard(open_view, path):
    page, log = open_view(path, PHONE_WIDTH, touch=True)
    sidebars = [w for w in SIDEBARS if page.locator(SIDEBARS[w][0]).count()]
    assert "primary" in sidebars, f"{path}: no ☰ button"
    if path in CHAPTERS:
        assert "secondary" in sidebars, f"{path}: no page-contents button"
    for which in sidebars:
        toggle = page.locator(SIDEBARS[which][0])
        assert toggle.is_visible() and toggle.get_attribute("aria-label"), (path, which)
        assert not sidebar_is_open(page, which)
        # Touch: tap the button, then the Close button.
        open_sidebar(page, which, "tap")
        _assert_open_on_screen(page, which, path, "tap")
        page.locator(f"{SIDEBARS[which][1]} .course-sidebar-close").tap()
        _closed_with_focus_back(page, which)
        assert toggle.get_attribute("aria-expanded") == "false"
        # Mouse: click the button, then outside the sidebar (on the dimmed page).
        open_sidebar(page, which, "click")
        _assert_open_on_screen(page, which, path, "click")
        box = page.locator(SIDEBARS[which][1]).bounding_box()
        outside_x = box["x"] + box["width"] + 10 if box["x"] < 20 else box["x"] - 10
        page.mouse.click(outside_x, 400)
        _closed_with_focus_back(page, which)
        # Keyboard: Enter on the focused button, then Escape.
        open_sidebar(page, which, "keyboard")
        _assert_open_on_screen(page, which, path, "keyboard")
        page.keyboard.press("Tab")
        assert focus_is_inside(page, SIDEBARS[which][1]), f"{path}: Tab left the open {which} sidebar"
        page.keyboard.press("Escape")
        _closed_with_focus_back(page, which)
    assert log.page_errors == [], log.page_errors


def test_choosing_a_section_in_page_contents_closes_it_and_goes_there(open_view):
    page, _ = open_view("book/diagnosis.html", PHONE_WIDTH, touch=True)
    open_sidebar(page, "secondary", "tap")
    link = page.locator(f"{SIDEBARS['secondary'][1]} a[href^='#']").nth(3)
    target = link.get_attribute("href")
    link.tap()
    page.wait_for_function("sel => !document.querySelector(sel).open", arg=SIDEBARS["secondary"][1])
    page.wait_for_function("h => location.hash === h", arg=target)
    heading_top = page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", target[1:])
    assert 0 <= heading_top < 300, f"{target} is at {heading_top}px after choosing it"


def test_choosing_a_page_in_site_navigation_opens_it(open_view):
    page, _ = open_view("book/diagnosis.html", PHONE_WIDTH, touch=True)
    open_sidebar(page, "primary", "tap")
    page.locator(f"{SIDEBARS['primary'][1]} a[href='glossary.html']").tap()
    page.wait_for_url("**/book/glossary.html")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_desktop_has_one_search_box_no_empty_header_and_a_working_sidebar_toggle(open_view, theme):
    page, _ = open_view("book/diagnosis.html", DESKTOP_WIDTH, theme)
    header = page.evaluate("() => document.querySelector('#pst-header')?.getBoundingClientRect().height || 0")
    assert header == 0, f"the theme's empty header strip is back ({header}px)"
    assert page.locator(".search-button-field:visible").count() == 1
    sidebar = page.locator("#pst-primary-sidebar")
    assert sidebar.is_visible()
    toggle = page.locator(SIDEBARS["primary"][0])
    assert toggle.get_attribute("aria-expanded") == "true"
    toggle.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#pst-primary-sidebar').getBoundingClientRect().right <= 0")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.evaluate("sel => document.activeElement === document.querySelector(sel)", SIDEBARS["primary"][0])
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#pst-primary-sidebar').getBoundingClientRect().left >= 0")
    assert toggle.get_attribute("aria-expanded") == "true"
