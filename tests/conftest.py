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


# --- Phone width, dark mode, open menus (issue 19) ------------------------------------------------------------
# Every view a reader meets: a phone (390 px, the width of a common phone) or a desktop, in light or dark mode.
# Dark mode is the device's setting (prefers-color-scheme), as a phone set to dark gives it; the theme follows it.
PHONE, DESKTOP = 390, 1280
VIEWS = {"phone-light": (PHONE, "light"), "phone-dark": (PHONE, "dark"),
         "desktop-light": (DESKTOP, "light"), "desktop-dark": (DESKTOP, "dark")}
SIDEBARS = {  # toggle in the article header -> the dialog the theme opens on a phone
    "primary": (".bd-header-article .primary-toggle", "#pst-primary-sidebar-modal"),
    "secondary": (".bd-header-article .secondary-toggle", "#pst-secondary-sidebar-modal"),
}


@pytest.fixture
def open_view(chromium, site_url):
    """Open a page at ``width`` in ``theme`` ("light" or "dark"); return (page, log). One browser context per
    page, width and theme (``touch`` makes it a touch screen); all are closed after the test."""
    contexts = []

    def _open(path: str, width: int = PHONE, theme: str = "light", touch: bool = False):
        context = chromium.new_context(viewport={"width": width, "height": 844 if width <= PHONE else 900},
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
