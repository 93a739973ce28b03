"""What makes a chapter page fast on a phone (issue "Fast on a phone"), checked as facts, not timings:

- nothing in ``<head>`` blocks the first paint: no external script without ``defer``/``async``, no inline script
  beyond the theme's few lines, plotly.js only fetched by the deferred figure loader, no inline drawing script;
- every figure's placeholder already has the figure's height, so nothing moves when it draws, and the caption and
  data table are on the page before plotly.js arrives;
- every figure still draws without scrolling (for print and fast scrolling), and before printing at once.
"""

from __future__ import annotations

import io
import json
import re

import pytest
from bs4 import BeautifulSoup
from conftest import chapter_stems, wait_for_figures

from metastasis.core.figures import NARROW_WIDTH_PX, PLOTLY_DEFAULT_HEIGHT

pytestmark = pytest.mark.browser
CHAPTERS = [f"book/{stem}.html" for stem in chapter_stems()]
INLINE_HEAD_SCRIPT_LIMIT = 1500  # characters: the theme's light/dark switch and Sphinx's small settings


def _soup(built_site, path) -> BeautifulSoup:
    return BeautifulSoup((built_site / path).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("path", CHAPTERS)
def test_no_script_blocks_the_first_paint(built_site, path):
    head = _soup(built_site, path).head
    blocking = [s["src"] for s in head.find_all("script", src=True)
                if not (s.has_attr("defer") or s.has_attr("async") or s.get("type") == "module")]
    assert blocking == [], f"{path}: render-blocking scripts in <head>: {blocking}"
    inline = sum(len(s.get_text()) for s in head.find_all("script", src=False)
                 if s.get("type") in (None, "", "text/javascript"))
    assert inline <= INLINE_HEAD_SCRIPT_LIMIT, f"{path}: {inline} characters of inline script in <head>"
    html = str(_soup(built_site, path))
    assert "Plotly.newPlot" not in html, f"{path}: an inline script draws a figure while the page parses"


@pytest.mark.parametrize("path", CHAPTERS)
def test_every_figure_placeholder_has_the_figures_height(built_site, path):
    soup = _soup(built_site, path)
    figures = soup.select("div.course-figure")
    assert figures, f"{path} has no course figure"
    for figure in figures:
        box = figure.select_one("div.course-figure-plot")
        spec = figure.select_one('script.course-figure-spec[type="application/json"]')
        assert box is not None and spec is not None, f"{path}: a figure without placeholder or data"
        assert box.select_one("div.plotly-graph-div")["id"] == spec["data-figure"]
        layout = json.loads(spec.string)["figure"]["layout"]
        height = re.fullmatch(r"height:(\d+)px(?:;--narrow-height:(\d+)px)?", box["style"])
        assert height, f"{path}: placeholder style {box['style']!r} sets no height in px"
        assert int(height.group(1)) == (layout.get("height") or PLOTLY_DEFAULT_HEIGHT)
        narrow = (layout.get("meta") or {}).get("narrow")
        if narrow and narrow[1].get("height", layout.get("height")) != layout.get("height"):
            assert int(height.group(2) or 0) == narrow[1]["height"], f"{path}: no phone height for a taller variant"
            assert "has-narrow-height" in box["class"]


def _open_with_plotly_held(chromium, url: str, settle_ms: int = 200, **context_options):
    """Load ``url`` (parsed, then ``settle_ms``) with plotly.js held back; return the context, the page and a
    function that lets plotly.js through and waits until every figure has drawn."""
    context = chromium.new_context(**context_options)
    page = context.new_page()
    held = []
    page.route("**/_static/vendor/plotly-*.js", lambda route: held.append(route))
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_function("() => document.readyState !== 'loading'")
    page.wait_for_timeout(settle_ms)
    assert held, "the figure loader did not ask for plotly.js"

    def release():
        for route in held:
            route.continue_()
        wait_for_figures(page)

    return context, page, release


@pytest.mark.parametrize("path", CHAPTERS)
def test_text_shows_before_plotly_and_nothing_moves_when_figures_draw(chromium, site_url, path):
    """Hold plotly.js back: the captions and data tables are already laid out; then let it through: every figure
    draws (none is scrolled to) and no caption moves."""
    context, page, release = _open_with_plotly_held(chromium, f"{site_url}/{path}",
                                                    viewport={"width": 390, "height": 844}, is_mobile=True,
                                                    has_touch=True)
    captions = page.locator(".course-figure-caption")
    assert captions.count() == page.locator("div.plotly-graph-div").count()
    assert page.locator("svg.main-svg").count() == 0
    tops = page.evaluate("""() => Array.from(document.querySelectorAll('.course-figure-caption'))
                              .map(c => c.getBoundingClientRect().top + window.scrollY)""")
    assert all(captions.nth(i).is_visible() for i in range(captions.count()))
    release()
    after = page.evaluate("""() => Array.from(document.querySelectorAll('.course-figure-caption'))
                               .map(c => c.getBoundingClientRect().top + window.scrollY)""")
    assert after == pytest.approx(tops, abs=1), f"{path}: captions moved when the figures drew"
    context.close()


# Records every plotly call that draws or redraws a figure, by figure id, from the moment plotly.js defines itself.
COUNT_DRAWS = """(() => {
  const calls = window.__draws = {};
  const record = (name, gd) => {
    const id = typeof gd === "string" ? gd : gd.id; (calls[id] = calls[id] || []).push(name);
  };
  let plotly;
  Object.defineProperty(window, 'Plotly', {configurable: true, get: () => plotly, set: value => {
    plotly = value;
    for (const name of ['newPlot', 'react', 'update', 'relayout', 'restyle']) {
      const original = value[name];
      value[name] = function (gd) { record(name, gd); return original.apply(this, arguments); };
    }
    const resize = value.Plots.resize;
    value.Plots.resize = function (gd) { record('resize', gd); return resize.apply(this, arguments); };
  }});
})();"""


@pytest.mark.parametrize("path", ["book/treatment.html", "book/diagnosis.html"])
def test_each_figure_is_drawn_once_dark_and_in_its_phone_layout_even_when_plotly_comes_first(chromium, site_url, path):
    """On a phone set to dark, with plotly.js arriving before the page's deferred figure scripts (the theme's and
    the phone layout's), the loader waits for them: each figure is drawn once, dark and already in its phone
    layout, not drawn for a white desktop page and then redrawn."""
    context = chromium.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark", is_mobile=True)
    page = context.new_page()
    page.add_init_script(COUNT_DRAWS)
    held = []
    page.route(re.compile(r"/_static/figure-(theme|fit)\.js"), lambda route: held.append(route))
    page.goto(f"{site_url}/{path}", wait_until="commit")
    page.wait_for_function("() => window.Plotly && document.readyState !== 'loading'")
    page.wait_for_timeout(500)
    assert len(held) == 2, "the page did not ask for figure-theme.js and figure-fit.js"
    assert page.locator("svg.main-svg").count() == 0, "figures were drawn before the theme and layout scripts ran"
    for route in held:
        route.continue_()
    wait_for_figures(page)
    page.wait_for_timeout(500)
    calls = page.evaluate("() => window.__draws")
    figures = page.locator("div.plotly-graph-div")
    assert len(calls) == figures.count() > 0
    assert all(names == ["newPlot"] for names in calls.values()), f"{path}: figures drawn more than once: {calls}"
    for i in range(figures.count()):
        gd = figures.nth(i)
        assert gd.evaluate("gd => gd.__courseTheme && gd.__courseTheme.dark"), f"{path}: figure {i} not drawn dark"
        if gd.evaluate("gd => !!(gd.layout.meta && gd.layout.meta.narrow)"):
            assert gd.get_attribute("data-layout-variant") == "narrow", f"{path}: figure {i} not in its phone layout"
    context.close()


def test_before_print_every_figure_is_drawn(chromium, site_url):
    """A reader who prints at once still gets every figure: beforeprint draws all that are not drawn yet."""
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    # Keep the loader to its first figure: every clock reading looks 1 s later than the last (so each batch ends
    # after one figure) and the next batch is never scheduled; only beforeprint can then draw the rest.
    page.add_init_script("""(() => { let t = 0; performance.now = () => (t += 1000);
                              window.setTimeout = function () { return 0; }; })();""")
    page.goto(f"{site_url}/book/treatment.html", wait_until="load")
    page.wait_for_function("() => document.querySelectorAll('svg.main-svg').length > 0")
    figures = page.locator("div.plotly-graph-div").count()
    assert page.locator("div.plotly-graph-div:has(svg.main-svg)").count() < figures
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("div.plotly-graph-div:has(svg.main-svg)").count() == figures
    context.close()


STYLE_SIGNATURE = """
() => {
  const props = Array.from(getComputedStyle(document.documentElement)).filter(k => !k.startsWith('--'));
  const sig = el => ['', '::before', '::after'].map(p => {
    const s = getComputedStyle(el, p || null);
    return props.map(k => s.getPropertyValue(k)).join('|');
  }).join('#');
  return Array.from(document.querySelectorAll('body *'))
    .filter(el => !el.closest('.plotly-graph-div'))
    .map(el => el.tagName + ' ' + sig(el));  // not ids: the quizzes draw random ones
}
"""


@pytest.mark.parametrize(("path", "width", "mode"), [("book/treatment.html", 390, "light"),
                                                      ("book/intro.html", 1280, "dark")])
def test_trimmed_theme_stylesheet_styles_every_element_as_the_full_one(chromium, site_url, path, width, mode):
    """Every element (and its ::before/::after) has the same computed style with the trimmed stylesheet as with the
    theme's full one: the trim removed only rules that match nothing."""
    from pathlib import Path

    import pydata_sphinx_theme

    full = Path(pydata_sphinx_theme.__file__).parent / "theme/pydata_sphinx_theme/static/styles/pydata-sphinx-theme.css"
    signatures = []
    for serve_full in (False, True):
        context = chromium.new_context(viewport={"width": width, "height": 900}, color_scheme=mode)
        page = context.new_page()
        page.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
        page.route("**/pydata-sphinx-theme.css*", lambda route: route.fulfill(path=full, content_type="text/css"))
        if not serve_full:
            page.unroute("**/pydata-sphinx-theme.css*")
        page.goto(f"{site_url}/{path}", wait_until="load")
        page.wait_for_function("() => document.fonts.status === 'loaded'")
        wait_for_figures(page)
        signatures.append(page.evaluate(STYLE_SIGNATURE))
        context.close()
    trimmed, untrimmed = signatures
    assert len(trimmed) == len(untrimmed) > 100
    differing = [(a[:80], i) for i, (a, b) in enumerate(zip(trimmed, untrimmed, strict=True)) if a != b]
    assert differing == [], f"{path}: {len(differing)} elements styled differently, e.g. {differing[:3]}"


VIEWBOX = re.compile(r"0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)")
URL_REF = re.compile(r"url\(#([^)]+)\)")


@pytest.mark.parametrize("path", CHAPTERS)
def test_every_figure_has_a_light_and_a_dark_phone_frame(built_site, path):
    """Each figure's placeholder holds its first frames (figure_frames.py): one picture per theme, of the phone
    layout's height, hidden from screen readers, with ids of their own that no other element of the page has."""
    soup = _soup(built_site, path)
    ids = [el["id"] for el in soup.select("[id]")]
    assert sorted({i for i in ids if ids.count(i) > 1}) == [], f"{path}: ids used twice"
    for figure in soup.select("div.course-figure"):
        box = figure.select_one("div.course-figure-plot")
        frames = box.find_all("div", class_="figure-frame", recursive=False)
        assert len(frames) == 1, f"{path}: {len(frames)} phone frames for one figure"
        assert frames[0]["aria-hidden"] == "true"
        pictures = frames[0].find_all("svg", recursive=False)
        assert [p["class"] for p in pictures] == [["figure-frame-light"], ["figure-frame-dark"]]
        heights = re.fullmatch(r"height:(\d+)px(?:;--narrow-height:(\d+)px)?", box["style"])
        phone_height = int(heights.group(2) or heights.group(1))
        for picture in pictures:
            width, height = (float(v) for v in VIEWBOX.fullmatch(picture["viewbox"]).groups())
            assert width < NARROW_WIDTH_PX and height == phone_height, f"{path}: frame {width} x {height}"
            inside = {el["id"] for el in picture.select("[id]")}
            assert set(URL_REF.findall(str(picture))) <= inside, f"{path}: a frame points outside itself"
            assert picture.select("text"), f"{path}: a frame with no text in it"
        light, dark = (p["style"] for p in pictures)
        assert light != dark, f"{path}: the dark frame has the light one's background"


FRAMES_SHOWN = """() => Array.from(document.querySelectorAll('.course-figure-plot')).map(box => {
  const frame = box.querySelector(':scope > .figure-frame');
  const visible = frame ? Array.from(frame.children).filter(s => s.getBoundingClientRect().height > 0) : [];
  const a = box.getBoundingClientRect(), b = visible.length ? visible[0].getBoundingClientRect() : null;
  return {themes: visible.map(s => s.getAttribute('class')),
          fills: !!b && Math.abs(a.width - b.width) < 1 && Math.abs(a.height - b.height) < 1};
})"""


def _frames_before_and_after_plotly(chromium, site_url, width: int, mode: str) -> list[dict]:
    """Which frame each figure shows while plotly.js is held back; checks that none is left once it has drawn."""
    context, page, release = _open_with_plotly_held(chromium, f"{site_url}/book/treatment.html",
                                                    viewport={"width": width, "height": 844}, color_scheme=mode)
    boxes = page.evaluate(FRAMES_SHOWN)
    assert page.locator("svg.main-svg").count() == 0, "plotly.js was not held back"
    release()
    assert page.locator(".figure-frame").count() == 0, "a frame stayed after its figure was drawn"
    context.close()
    return boxes


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_on_a_phone_each_figure_shows_its_frame_until_plotly_has_drawn_it(chromium, site_url, mode):
    """With plotly.js held back, a phone shows every figure's frame in the reader's theme, filling the placeholder
    (so nothing moves), and a desktop shows none; once plotly.js arrives each frame gives way to its figure."""
    phone = _frames_before_and_after_plotly(chromium, site_url, 390, mode)
    assert len(phone) == 5
    assert all(b["themes"] == [f"figure-frame-{mode}"] and b["fills"] for b in phone), phone
    desktop = _frames_before_and_after_plotly(chromium, site_url, 1280, mode)
    assert all(b["themes"] == [] for b in desktop), f"a desktop shows phone frames: {desktop}"


FRAME_PIXELS_OFF = 0.005  # share of a figure's pixels its frame may show differently (text anti-aliasing)


def _pixels_off(before: bytes, after: bytes) -> float:
    from PIL import Image, ImageChops

    a, b = (Image.open(io.BytesIO(png)).convert("RGB") for png in (before, after))
    if a.size != b.size:
        return 1.0
    diff = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > 40 else 0)
    return diff.histogram()[255] / (a.size[0] * a.size[1])


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("path", CHAPTERS)
def test_each_phone_frame_looks_like_the_figure_it_stands_in_for(chromium, site_url, path, mode):
    """On a 390 px phone, each figure's box looks the same with its frame (plotly.js held back) as with the figure
    plotly.js then draws: the colours of the reader's theme, the phone layout, the same text in the same places."""
    context, page, release = _open_with_plotly_held(chromium, f"{site_url}/{path}", settle_ms=300,
                                                    viewport={"width": 390, "height": 844}, color_scheme=mode,
                                                    device_scale_factor=1)
    boxes = page.locator(".course-figure-plot")
    frames = [boxes.nth(i).screenshot() for i in range(boxes.count())]
    release()
    page.mouse.move(0, 0)
    page.wait_for_timeout(300)
    drawn = [boxes.nth(i).screenshot() for i in range(boxes.count())]
    off = [round(_pixels_off(f, d), 4) for f, d in zip(frames, drawn, strict=True)]
    assert max(off) <= FRAME_PIXELS_OFF, f"{path} ({mode}): share of pixels that differ, by figure: {off}"
    context.close()
