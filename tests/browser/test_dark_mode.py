"""Dark mode as a first-class theme (issue 19): the figures switch to a dark template with the page (and back),
their text keeps AA contrast, and a quiz answered in dark mode stays readable. axe-core checks every page in dark
mode in test_site.py."""

from __future__ import annotations

import pytest
from conftest import DESKTOP_WIDTH, PHONE_WIDTH, answer_two_quiz_questions, chapter_stems

pytestmark = pytest.mark.browser
CHAPTERS = [f"book/{stem}.html" for stem in chapter_stems()]

# Text plotly draws on the figure's paper (titles, axis labels and ticks, legends, annotations, menus), with its
# fill and the colour behind it: the annotation's or menu's own box if it has one, else the paper.
PAPER_TEXT = r"""gd => {
  const rgb = c => (c.match(/[\d.]+/g) || []).map(Number);
  const paper = gd._fullLayout.paper_bgcolor;
  const out = [];
  const selector = '.infolayer text, .xaxislayer-above text, .yaxislayer-above text, .updatemenu-container text';
  for (const text of gd.querySelectorAll(selector)) {
    if (!text.textContent.trim() || text.closest('[style*="display: none"]')) continue;
    const group = text.closest('.annotation, .updatemenu-button, .updatemenu-header');
    const box = group && group.querySelector('rect');
    const boxFill = box && getComputedStyle(box).fill;
    const opaque = boxFill && boxFill !== 'none' && (rgb(boxFill)[3] === undefined || rgb(boxFill)[3] > 0.9)
      && parseFloat(getComputedStyle(box).fillOpacity || '1') > 0.9;
    out.push({text: text.textContent.trim().slice(0, 40), fill: getComputedStyle(text).fill,
              behind: opaque ? boxFill : paper});
  }
  return {paper, texts: out};
}"""
COLOURS_OF = r"""gd => {
  const out = {};
  const walk = (v, path) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, path + '[' + i + ']'));
    else if (v && typeof v === 'object') {
      Object.keys(v).filter(k => k !== 'template' && k[0] !== '_').forEach(k => walk(v[k], path + '.' + k));
    }
    else if (typeof v === 'string' && /colou?r/i.test(path)) out[path] = v;
  };
  walk(gd.data, 'data'); walk(gd.layout, 'layout');
  return out;
}"""


NAMED = {"white": "#ffffff", "black": "#000000"}


def _rgb(colour: str) -> tuple[float, float, float]:
    colour = NAMED.get(colour.strip().lower(), colour.strip())
    if colour.startswith("#"):
        h = colour[1:]
        h = "".join(c * 2 for c in h) if len(h) == 3 else h
        return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))
    parts = colour[colour.index("(") + 1:colour.index(")")].split(",")
    return tuple(float(p) for p in parts[:3])


def _luminance(colour: str) -> float:
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_helper_matches_wcag():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54


@pytest.mark.parametrize("width", [PHONE_WIDTH, DESKTOP_WIDTH])
@pytest.mark.parametrize("path", CHAPTERS)
def test_figures_are_dark_with_readable_text_in_dark_mode(open_view, path, width):
    page, log = open_view(path, width, "dark")
    # a figure drawn before the theme script hooked in is converted just after (Plotly.react): wait for every one
    page.wait_for_function("""() => Array.from(document.querySelectorAll('div.plotly-graph-div'))
        .every(gd => gd.__courseTheme && gd.__courseTheme.dark && !gd.__courseTheme.busy)""", timeout=20000)
    figures = page.locator("div.plotly-graph-div")
    for i in range(figures.count()):
        paper = figures.nth(i).evaluate("gd => gd._fullLayout.paper_bgcolor")
        assert _luminance(paper) < 0.02, f"{path} figure {i}: paper {paper} in dark mode"
        low = _low_contrast_texts(figures.nth(i))
        assert low == [], f"{path} figure {i} ({width}px): text below 4.5:1 in dark mode: {low[:5]}"
    assert log.page_errors == []


LAYOUT_OF = """gd => Object.keys(gd._fullLayout).filter(k => /^[xy]axis\\d*$/.test(k)).sort()
  .map(k => [k, gd._fullLayout[k].showline, gd._fullLayout[k].showgrid, gd._fullLayout[k]._tickAngles])"""


@pytest.mark.parametrize("path", CHAPTERS)
def test_dark_mode_changes_colours_only(open_view, path):
    """A figure drawn dark is laid out as in light mode: the same axis lines and grids, and tick labels at the same
    angle (a dark axis-line colour once drew lines the light figures lack, which tilted the labels into the legend)."""
    layouts = {}
    for theme in ("light", "dark"):
        page, _ = open_view(path, PHONE_WIDTH, theme)
        figures = page.locator("div.plotly-graph-div")
        layouts[theme] = [figures.nth(i).evaluate(LAYOUT_OF) for i in range(figures.count())]
    assert layouts["dark"] == layouts["light"]


def _low_contrast_texts(figure) -> list[tuple[str, str, float]]:
    """The figure's drawn texts below AA contrast on what is behind them: (text, fill, ratio)."""
    drawn = figure.evaluate(PAPER_TEXT)
    return [(t["text"], t["fill"], round(contrast(t["fill"], t["behind"]), 2)) for t in drawn["texts"]
            if contrast(t["fill"], t["behind"]) < 4.5]


def _set_theme(page, figure, theme: str):
    page.evaluate("t => { document.documentElement.dataset.theme = t; }", theme)
    page.wait_for_function("([gd, dark]) => gd.__courseTheme.dark === dark && !gd.__courseTheme.busy",
                           arg=[figure.element_handle(), theme == "dark"])
    page.wait_for_timeout(200)


def test_figures_follow_the_theme_switch_and_come_back_unchanged(open_view):
    page, log = open_view("book/diagnosis.html", DESKTOP_WIDTH, "light")
    figure = page.locator("div.plotly-graph-div").first
    light = figure.evaluate(COLOURS_OF)
    assert _luminance(figure.evaluate("gd => gd._fullLayout.paper_bgcolor")) > 0.9
    switch = page.locator(".theme-switch-button").first
    for _ in range(3):  # the theme's button cycles light -> dark -> auto
        if page.evaluate("() => document.documentElement.dataset.theme") == "dark":
            break
        switch.click()
    page.wait_for_function("() => document.documentElement.dataset.theme === 'dark'")
    page.wait_for_function("gd => gd._fullLayout.paper_bgcolor !== '#fff' && gd._fullLayout.paper_bgcolor !== "
                           "'white' && !gd.__courseTheme.busy", arg=figure.element_handle())
    assert _luminance(figure.evaluate("gd => gd._fullLayout.paper_bgcolor")) < 0.02
    # every text is readable after the switch too, including what plotly draws once only (the menus' arrows)
    assert _low_contrast_texts(figure) == []
    dark = figure.evaluate(COLOURS_OF)
    assert dark != light
    # Back to light: every colour is the original one again.
    _set_theme(page, figure, "light")
    assert figure.evaluate(COLOURS_OF) == light
    # Dark again, and an option chosen in dark mode keeps the figure dark (the menus' arguments are converted too).
    _set_theme(page, figure, "dark")
    figure.locator(".updatemenu-header-group").first.click()
    figure.locator(".updatemenu-dropdown-button").nth(2).click()
    page.wait_for_timeout(300)
    assert _luminance(figure.evaluate("gd => gd._fullLayout.paper_bgcolor")) < 0.02
    backgrounds = {k: v for k, v in figure.evaluate(COLOURS_OF).items() if k.endswith(("bgcolor", "fillcolor"))}
    bright = {k: v for k, v in backgrounds.items() if _luminance(v) > 0.6}
    assert bright == {}, f"light backgrounds came back after choosing an option in dark mode: {bright}"
    assert log.page_errors == []


def test_a_quiz_answered_in_dark_mode_has_no_axe_violation(open_view):
    from axe_playwright_python.sync_playwright import Axe

    stem = chapter_stems()[0]
    page, _ = open_view(f"book/{stem}.html", PHONE_WIDTH, "dark")
    assert len(answer_two_quiz_questions(page, stem)) == 2
    page.wait_for_timeout(300)
    violations = Axe().run(page, context=".Quiz").response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
