"""What the light-page overrides must remove, and what must keep working without it (not timings: bytes)."""

from __future__ import annotations

import gzip
import re

import pytest
from conftest import book_pages, chapter_stems

from metastasis.site import plotly_bundle

pytestmark = pytest.mark.browser
SCRIPT_SRC = re.compile(r'<script[^>]*src="([^"?]+)')
CHAPTER_BUDGET_GZIP = 600_000  # bytes, empty cache, issue "Light pages"


def _scripts(built_site, path):
    return SCRIPT_SRC.findall((built_site / path).read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", book_pages())
def test_no_heavy_theme_scripts(built_site, path):
    scripts = _scripts(built_site, path)
    assert not [s for s in scripts if "fontawesome" in s], "fontawesome.js is back (a theme upgrade?)"
    assert not [s for s in scripts if "thebe" in s]
    assert not [s for s in scripts if "searchtools" in s or "searchindex" in s], "search scripts off the search page"
    assert not [s for s in scripts if "mathjax" in s.lower()]


@pytest.mark.parametrize("path", book_pages())
def test_bootstrap_is_not_loaded_with_the_page(built_site, path):
    """The theme's bootstrap.js waits, as an inert tag, until a reader reaches for a header menu or tooltip."""
    html = (built_site / path).read_text(encoding="utf-8")
    eager = re.findall(r'<script[^>]*\ssrc="([^"]*bootstrap[^"]*)"', html)
    assert eager == [], f"{path}: bootstrap.js loads with the page"
    assert re.search(r'<script type="text/x-course-on-demand" data-src="[^"]*scripts/bootstrap\.js', html), path


def test_header_menus_and_tooltips_work_once_used(chromium, site_url):
    """A header menu opens on the first click and on Enter, though bootstrap.js was not loaded with the page;
    Escape closes it; a tooltip shows on hover."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{site_url}/book/treatment.html", wait_until="load")
    assert page.evaluate("() => window.bootstrap === undefined")
    download = page.locator(".dropdown-download-buttons > button")
    download.click()
    page.wait_for_function("() => document.querySelector('.dropdown-download-buttons .dropdown-menu.show')")
    assert download.get_attribute("aria-expanded") == "true"
    download.focus()
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.querySelector('.dropdown-menu.show')")
    page.locator(".dropdown-launch-buttons > button").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('.dropdown-launch-buttons .dropdown-menu.show')")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.closest('.dropdown-menu') !== null")
    page.keyboard.press("Escape")
    page.mouse.move(0, 600)
    page.locator('.bd-header-article [data-bs-toggle="tooltip"]').first.hover()
    page.wait_for_selector(".tooltip.show", timeout=5000)
    context.close()


@pytest.mark.parametrize("path", book_pages())
def test_plotly_only_where_figures_are_and_only_the_course_bundle(built_site, path):
    """plotly.js is never a script tag (the figure loader fetches it); the loader names the course bundle."""
    html = (built_site / path).read_text(encoding="utf-8")
    assert [s for s in _scripts(built_site, path) if "plotly" in s] == []
    wanted = re.findall(r'data-plotly="([^"]+)"', html)
    if "plotly-graph-div" in html:
        types = set(",".join(re.findall(r'data-trace-types="([^"]*)"', html)).split(",")) - {""}
        assert types <= set(plotly_bundle.traces()), f"the bundle lacks {types - set(plotly_bundle.traces())}"
        assert wanted == [f"vendor/{plotly_bundle.bundle_path().name}"]
        assert (built_site / "_static" / wanted[0]).is_file()
    else:
        assert wanted == []


def test_bundle_is_much_smaller_than_full_plotly(built_site):
    bundle = built_site / "_static" / "vendor" / plotly_bundle.bundle_path().name
    assert bundle.stat().st_size < 1_500_000
    assert len(gzip.compress(bundle.read_bytes())) < 500_000


def test_search_page_keeps_search_working(open_page):
    page, log = open_page("search.html?q=metastasis")
    page.wait_for_selector("#search-results li", timeout=15000)
    assert page.locator("#search-results li").count() >= 1
    assert log.page_errors == []


def test_icons_still_render_from_the_subset_font(open_page):
    page, _ = open_page("book/intro.html")
    icon = page.locator(".bd-header-article .fa-solid:visible, header .fa-solid:visible, i.fa-bars:visible").first
    icon.wait_for()
    page.evaluate("() => document.fonts.ready")
    loaded = page.evaluate("""() => Array.from(document.fonts).filter(f => f.status === 'loaded')
                                     .map(f => f.family)""")
    assert any("Font Awesome" in family for family in loaded), loaded
    box = icon.bounding_box()
    assert box and box["width"] > 4 and box["height"] > 4
    # The glyph is drawn from the icon font, not a fallback box: its ::before content maps to a kept glyph.
    content = page.evaluate("el => getComputedStyle(el, '::before').content", icon.element_handle())
    assert content not in ("none", "normal", '""')


@pytest.mark.parametrize("path", [f"book/{stem}.html" for stem in chapter_stems()])
def test_page_weight_within_budget(path, chromium, site_url, built_site):
    from metastasis.site.benchmark import measure

    context = chromium.new_context()
    result = measure(context, f"{site_url}/{path}")
    context.close()
    assert result["transfer"] <= CHAPTER_BUDGET_GZIP, f"{path}: {result['transfer']} bytes sent on an empty cache"
