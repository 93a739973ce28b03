"""The built site as a student meets it, in headless Chromium: offline, drawn, operable, accessible."""

from __future__ import annotations

import pytest
from conftest import book_pages, unexpected_console

pytestmark = pytest.mark.browser
PAGES = book_pages()


@pytest.mark.parametrize("path", PAGES)
def test_page_is_self_contained_and_error_free(open_page, path):
    page, log = open_page(path)
    assert log.offsite == [], f"{path} requested other hosts: {log.offsite}"
    assert log.page_errors == [], f"{path} raised: {log.page_errors}"
    assert unexpected_console(log) == [], f"{path} logged errors: {log.console_errors}"
    assert log.not_found == [], f"{path} hit 404s: {log.not_found}"


@pytest.mark.parametrize("path", PAGES)
def test_every_figure_draws(open_page, path):
    page, _ = open_page(path)
    figures = page.locator("div.plotly-graph-div")
    for i in range(figures.count()):
        figure = figures.nth(i)
        assert figure.locator("svg.main-svg").count() >= 1
        box = figure.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 200, f"figure {i} on {path} is not visible"


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_serious_violation(open_page, path):
    from axe_playwright_python.sync_playwright import Axe

    page, _ = open_page(path)
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    details = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in serious]
    assert serious == [], f"{path}: {details}"
