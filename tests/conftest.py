"""Shared fixtures: one book build per test session, one local server and one Chromium for the browser tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from metastasis import REPO_ROOT
from metastasis.site import browser
from metastasis.site.build import BUILD_DIR, build_book

HTML_DIR = BUILD_DIR / "html"
ARTIFACTS = REPO_ROOT / "tests" / "artifacts"
# Messages that come from upstream code we do not control, allowed by exact text and nowhere else.
ALLOWED_CONSOLE = (
    "Got invalid theme mode: . Resetting to auto.",  # sphinx-book-theme, on every page
)
# In JupyterLab 4 only: JupyterQuiz's script reads MathJax.version[0], and JupyterLab defines window.MathJax without
# a version. It throws after the quiz has rendered; the quiz works (our quizzes have no math).
ALLOWED_LAB_PAGE_ERRORS = ("Cannot read properties of undefined (reading '0')",)


def book_pages() -> list[str]:
    """Every page in the table of contents, as paths relative to the site root."""
    from metastasis.site.benchmark import toc_pages

    return toc_pages()


def chapter_stems() -> list[str]:
    """The course's chapters in book order (from ``_toc.yml``)."""
    from metastasis.core.book import chapter_stems as stems

    return stems()


@pytest.fixture(scope="session")
def built_site() -> Path:
    """Build the book once (warnings are errors); the build is cached between runs."""
    seconds = build_book()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "build-seconds.json").write_text(json.dumps({"seconds": seconds}))
    return HTML_DIR


@pytest.fixture(scope="session")
def site_url(built_site):
    with browser.serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    with browser.chromium() as instance:
        yield instance


@pytest.fixture
def open_page(chromium, site_url):
    """Open a page of the site; return (page, log). The page is closed after the test."""
    contexts = []

    def _open(path: str, width: int = 1280, height: int = 900):
        context = chromium.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        log = browser.watch(page, site_url)
        page.goto(f"{site_url}/{path}", wait_until="load")
        wait_for_figures(page)
        return page, log

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture
def open_figure(open_page):
    """Open a page and bring one figure into view; return (page, figure). After the test, the page must have
    raised no JavaScript error."""
    logs = []

    def _open(path: str, selector: str, **viewport):
        page, log = open_page(path, **viewport)
        figure = page.locator(selector)
        figure.scroll_into_view_if_needed()
        logs.append((path, log))
        return page, figure

    yield _open
    for path, log in logs:
        assert log.page_errors == [], f"{path} raised: {log.page_errors}"


def wait_for_figures(page, timeout_ms: int = 15000):
    """Wait until every plotly figure on the page has drawn its SVG and its controls are keyboard-operable."""
    page.wait_for_function(
        """() => Array.from(document.querySelectorAll('div.plotly-graph-div'))
                 .every(d => d.querySelector('svg.main-svg'))
              && document.querySelectorAll(
                 '.updatemenu-header:not([data-a11y]), .updatemenu-button:not([data-a11y])').length === 0""",
        timeout=timeout_ms,
    )


def unexpected_console(log) -> list[str]:
    return [m for m in log.console_errors if m not in ALLOWED_CONSOLE and "404" not in m]


# What a figure shows, read from the drawn plot (for the chapters' browser tests).
def figure_selector(figure_id: str) -> str:
    """The CSS selector of a course figure by its id as written in the chapter (the build adds a suffix)."""
    return f"div.plotly-graph-div[id^='fig-{figure_id}']"


def figure_selectors(*figure_ids: str) -> tuple[str, ...]:
    return tuple(figure_selector(i) for i in figure_ids)


VISIBLE_NAMES = "gd => gd.data.filter(t => t.visible !== false && t.visible !== 'legendonly').map(t => t.name)"
SEEN_TEXT = """gd => Array.from(gd.querySelectorAll('g.textpoint'))
                 .filter(t => getComputedStyle(t.closest('g.trace')).opacity !== '0'
                              && t.closest('g.trace').style.display !== 'none')
                 .map(t => t.textContent).join(' | ')"""


# ------------------------------------------------------------------ shared steps a reader takes on a figure
PHONE = {"width": 390, "height": 844}


def choose_from_menu(page, figure, option: str, *, menu: int = 0, keyboard: bool = False):
    """Open the figure's ``menu``-th dropdown and choose ``option``, with the mouse or, as a keyboard user does,
    by focusing the header (a focusable button), pressing Enter, focusing the option and pressing Enter."""
    header = figure.locator(".updatemenu-header-group").nth(menu)
    choice = figure.locator(".updatemenu-dropdown-button", has_text=option).first
    if not keyboard:
        header.click()
        choice.click()
        page.wait_for_timeout(150)  # plotly folds the menu and restyles after the click event
        return
    focusable = figure.locator(".updatemenu-header").nth(menu)
    assert focusable.get_attribute("tabindex") == "0" and focusable.get_attribute("role") == "button"
    focusable.focus()
    page.keyboard.press("Enter")
    choice.wait_for()
    assert choice.get_attribute("tabindex") == "0", f"menu option '{option}' cannot be reached by keyboard"
    choice.focus()
    page.keyboard.press("Enter")


def choose_and_read(page, figure, option: str, title_has: str, *, keyboard: bool = False) -> tuple[list, str]:
    """Choose ``option`` in the figure's first menu, wait until its title shows ``title_has``, and return what the
    reader now sees: the visible traces' names and the text drawn on the markers."""
    choose_from_menu(page, figure, option, keyboard=keyboard)
    wait_for_figure_text(page, figure, title_has)
    return figure.evaluate(VISIBLE_NAMES), figure.evaluate(SEEN_TEXT)


def press_figure_button(page, figure, label: str, *, keyboard: bool = False):
    """Press one of the figure's buttons (plotly updatemenu buttons) by mouse or by keyboard (focus, Enter)."""
    button = figure.locator(".updatemenu-button", has_text=label).first
    if not keyboard:
        button.click()
        return
    assert button.get_attribute("tabindex") == "0", f"button '{label}' cannot be reached by keyboard"
    button.focus()
    page.keyboard.press("Enter")


def hover_and_read(page, figure, target: str, expect: str, *, at: tuple[float, float] = (0.5, 0.5)) -> str:
    """Move the mouse onto the first visible ``target`` inside the figure (at that fraction of its box) and wait
    until plotly's hover label shows ``expect``; return the label's text."""
    element = next(e for e in figure.locator(target).all() if e.is_visible())
    box = element.bounding_box()
    page.mouse.move(box["x"] + box["width"] * at[0], box["y"] + box["height"] * at[1], steps=5)
    page.wait_for_function("([gd, text]) => (gd.querySelector('.hovertext') || {}).textContent?.includes(text)",
                           arg=[figure.element_handle(), expect])
    return figure.locator(".hovertext").first.text_content()


def answer_two_quiz_questions(page, stem: str) -> list[tuple[object, dict]]:
    """Answer the chapter's first one-answer quiz question correctly and the next one wrongly, by clicking the
    bank's answers; return each question's box with the answer clicked (as in the bank)."""
    from metastasis.core import quiz as quiz_bank

    singles = [q for q in quiz_bank.load_bank(stem) if q["type"] == "multiple_choice"][:2]
    answered = []
    for question, correct in zip(singles, (True, False), strict=True):
        box = page.locator(".Quiz").filter(has_text=question["question"][:40]).first
        box.scroll_into_view_if_needed()
        answer = next(a for a in question["answers"] if a["correct"] is correct)
        box.locator(".MCButton").filter(has_text=answer["answer"][:40]).first.click()
        answered.append((box, answer))
    return answered


def wait_for_figure_text(page, figure, text: str, part: str = ".gtitle", *, lower: bool = False):
    """Wait until the figure's ``part`` (its title by default; "" for anywhere in it) shows ``text``."""
    page.wait_for_function(
        "([gd, part, text, lower]) => { const t = ((part ? gd.querySelector(part) : gd) || {}).textContent || '';"
        " return (lower ? t.toLowerCase() : t).includes(text); }",
        arg=[figure.element_handle(), part, text, lower])


def assert_fits_phone(page, figures, *, menus: bool = True):
    """Each figure, and each of its menus, fits a 390 px screen; the page does not scroll sideways."""
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "the page scrolls sideways"
    for figure in figures:
        figure.scroll_into_view_if_needed()
        box = figure.bounding_box()
        assert box and box["width"] <= PHONE["width"], "a figure is wider than a phone screen"
        if not menus:
            continue
        for i in range(figure.locator(".updatemenu-header-group, .updatemenu-button").count()):
            m = figure.locator(".updatemenu-header-group, .updatemenu-button").nth(i).bounding_box()
            if m:
                assert m["x"] >= 0 and m["x"] + m["width"] <= PHONE["width"] + 1, "a menu runs off the screen"


# --- Phone width, dark mode, open menus (issue 19) ------------------------------------------------------------
# Every view a reader meets: a phone (390 px, the width of a common phone) or a desktop, in light or dark mode.
# Dark mode is the device's setting (prefers-color-scheme), as a phone set to dark gives it; the theme follows it.
PHONE_WIDTH, DESKTOP_WIDTH = PHONE["width"], 1280
VIEWS = {"phone-light": (PHONE_WIDTH, "light"), "phone-dark": (PHONE_WIDTH, "dark"),
         "desktop-light": (DESKTOP_WIDTH, "light"), "desktop-dark": (DESKTOP_WIDTH, "dark")}
SIDEBARS = {  # toggle in the article header -> the dialog the theme opens on a phone
    "primary": (".bd-header-article .primary-toggle", "#pst-primary-sidebar-modal"),
    "secondary": (".bd-header-article .secondary-toggle", "#pst-secondary-sidebar-modal"),
}


@pytest.fixture
def open_view(chromium, site_url):
    """Open a page at ``width`` in ``theme`` ("light" or "dark"); return (page, log). One browser context per
    page, width and theme (``touch`` makes it a touch screen); all are closed after the test."""
    contexts = []

    def _open(path: str, width: int = PHONE_WIDTH, theme: str = "light", touch: bool = False):
        context = chromium.new_context(viewport={"width": width, "height": 844 if width <= PHONE_WIDTH else 900},
                                       color_scheme=theme, has_touch=touch)
        contexts.append(context)
        page = context.new_page()
        log = browser.watch(page, site_url)
        page.goto(f"{site_url}/{path}", wait_until="load")
        wait_for_theme(page, theme)
        wait_for_figures(page)
        return page, log

    yield _open
    for context in contexts:
        context.close()


def wait_for_theme(page, theme: str, timeout_ms: int = 10000):
    """Wait until the theme has applied ``theme`` to the page (html[data-theme])."""
    page.wait_for_function("t => document.documentElement.dataset.theme === t", arg=theme, timeout=timeout_ms)


def open_every_details(page):
    """Open every <details> (figures' "Data table and source", sources): their tables are checked too. Waits for
    the page's own "toggle" handlers to run."""
    page.evaluate("""async () => {
        document.querySelectorAll('details').forEach(d => { d.open = true; });
        await new Promise(done => requestAnimationFrame(() => setTimeout(done, 50)));
    }""")


def sidebar_is_open(page, which: str) -> bool:
    return page.evaluate("sel => !!document.querySelector(sel)?.open", SIDEBARS[which][1])


def focus_is_inside(page, selector: str) -> bool:
    return page.evaluate("sel => !!document.querySelector(sel)?.contains(document.activeElement)", selector)


def open_sidebar(page, which: str, how: str = "click"):
    """Open the phone sidebar ``which`` ("primary" or "secondary") by "click", "tap" or "keyboard"."""
    toggle = page.locator(SIDEBARS[which][0])
    if how == "tap":
        toggle.tap()
    elif how == "keyboard":
        toggle.focus()
        page.keyboard.press("Enter")
    else:
        toggle.click()
    page.wait_for_function("sel => document.querySelector(sel)?.open", arg=SIDEBARS[which][1], timeout=5000)
# --- end Phone width, dark mode, open menus --------------------------------------------------------------------
