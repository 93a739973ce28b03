"""Every figure on every page fits, on a phone (390 px) and on a desktop (1280 px), in headless Chromium.

Measured on the drawn SVG, relative to each figure's own box:

- no control (dropdown, button row, slider) overlaps another control, a plot area, the title, the legend or a
  text note (annotation);
- an opened dropdown stays inside its figure (a long list would otherwise spill over the caption below);
- no text (title, legend, axis titles, tick labels, annotations, control labels) is cut at the figure's edges;
- no two tick labels of an axis run into each other (plotly tilts crowded labels itself; tilted ones are left).

A screenshot of every figure at both widths goes to ``tests/artifacts/figures/`` to be looked at.
"""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS, book_pages

pytestmark = pytest.mark.browser
WIDTHS = (390, 1280)
SHOTS = ARTIFACTS / "figures"
TOLERANCE = 1.0  # px: anti-aliasing and rounding

# Boxes in px relative to the figure's top-left corner, from what plotly drew.
MEASURE = r"""
(gd) => {
  const fig = gd.getBoundingClientRect();
  const box = (r) => ({x0: r.left - fig.left, y0: r.top - fig.top, x1: r.right - fig.left, y1: r.bottom - fig.top});
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width < 0.5 || r.height < 0.5) return false;
    for (let e = el; e && e !== gd; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0) return false;
    }
    return true;
  };
  const boxes = (selector) => Array.from(gd.querySelectorAll(selector)).filter(shown)
    .map((el) => box(el.getBoundingClientRect()));
  const controls = [];
  gd.querySelectorAll('g.updatemenu-header-group').forEach((g, i) => {
    if (shown(g)) controls.push({kind: 'menu ' + (i + 1), ...box(g.getBoundingClientRect()),
                                 text: g.textContent.trim().slice(0, 40)});
  });
  gd.querySelectorAll('g.slider-group').forEach((g, i) => {
    if (shown(g)) controls.push({kind: 'slider ' + (i + 1), ...box(g.getBoundingClientRect()), text: ''});
  });
  const texts = Array.from(gd.querySelectorAll('svg.main-svg text'))
    .filter((t) => !t.closest('.hoverlayer') && t.textContent.trim() && shown(t))
    .map((t) => ({...box(t.getBoundingClientRect()), text: t.textContent.trim().slice(0, 50),
                  where: (t.closest('[class]:not(text)') || {}).getAttribute?.('class') || '',
                  rotated: /rotate\((?!0[,)])/.test(t.getAttribute('transform') || '')}));
  // Plot areas from plotly's own layout (a fixed-range axis draws no drag rectangle to measure).
  const plots = Object.values(gd._fullLayout._plots || {}).map((p) => ({
    x0: p.xaxis._offset, x1: p.xaxis._offset + p.xaxis._length,
    y0: p.yaxis._offset, y1: p.yaxis._offset + p.yaxis._length}));
  return {width: fig.width, height: fig.height, plots,
          titles: boxes('.g-gtitle text'), legends: boxes('g.legend'), notes: boxes('g.annotation-text-g'),
          controls, texts};
}
"""


# figure-fit.js has put every figure with a phone variant in the variant for its width.
WAIT_FOR_VARIANTS = """() => Array.from(document.querySelectorAll('div.plotly-graph-div')).every((gd) =>
    !(gd.layout && gd.layout.meta && gd.layout.meta.narrow)
    || ['narrow', 'wide'].includes(gd.getAttribute('data-layout-variant')))"""


def _overlap(a: dict, b: dict) -> bool:
    return (min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > TOLERANCE
            and min(a["y1"], b["y1"]) - max(a["y0"], b["y0"]) > TOLERANCE)


def _outside(a: dict, width: float, height: float) -> bool:
    return a["x0"] < -TOLERANCE or a["y0"] < -TOLERANCE or a["x1"] > width + TOLERANCE or a["y1"] > height + TOLERANCE


def layout_problems(m: dict) -> list[str]:
    """Every overlap and every cut text in one figure's measurements (empty when the figure fits)."""
    problems = []
    controls = m["controls"]
    for i, a in enumerate(controls):
        for b in controls[i + 1:]:
            if _overlap(a, b):
                problems.append(f"{a['kind']} ({a['text']!r}) overlaps {b['kind']} ({b['text']!r})")
        for name, others in (("the plot area", m["plots"]), ("the title", m["titles"]), ("the legend", m["legends"]),
                             ("a text note", m["notes"])):
            if any(_overlap(a, o) for o in others):
                problems.append(f"{a['kind']} ({a['text']!r}) overlaps {name}")
        if _outside(a, m["width"], m["height"]):
            problems.append(f"{a['kind']} ({a['text']!r}) reaches outside the figure")
    ticks = [t for t in m["texts"] if t["where"] in ("xtick", "ytick") and not t["rotated"]]
    for i, a in enumerate(ticks):
        for b in ticks[i + 1:]:
            if a["where"] == b["where"] and _overlap(a, b):
                problems.append(f"tick labels {a['text']!r} and {b['text']!r} run into each other")
    for t in m["texts"]:
        if _outside(t, m["width"], m["height"]):
            problems.append(f"text {t['text']!r} ({t['where']}) is cut at the figure's edge: "
                            f"x {t['x0']:.0f}..{t['x1']:.0f}, y {t['y0']:.0f}..{t['y1']:.0f} in a "
                            f"{m['width']:.0f} x {m['height']:.0f} figure")
    return problems


def open_menu_problems(page, figure) -> list[str]:
    """Open each dropdown in turn: its list must stay inside the figure (not over the caption below it)."""
    problems = []
    headers = figure.locator("g.updatemenu-header")
    for i in range(headers.count()):
        headers.nth(i).click()
        page.wait_for_timeout(150)
        listed = figure.evaluate("""(gd) => {
            const fig = gd.getBoundingClientRect();
            const g = gd.querySelector('g.updatemenu-dropdown-button-group');
            if (!g || !g.querySelector('.updatemenu-button')) return null;
            const r = g.getBoundingClientRect();
            return {bottom: r.bottom - fig.top, right: r.right - fig.left, height: fig.height, width: fig.width,
                    items: g.querySelectorAll('.updatemenu-button').length};
        }""")
        spills = listed and (listed["bottom"] > listed["height"] + TOLERANCE
                             or listed["right"] > listed["width"] + TOLERANCE)
        if spills:
            problems.append(f"menu {i + 1} opened ({listed['items']} items) reaches "
                            f"{listed['bottom'] - listed['height']:.0f} px below / "
                            f"{listed['right'] - listed['width']:.0f} px right of the figure")
        headers.nth(i).click()  # close it again
        page.wait_for_timeout(150)
    return problems


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", book_pages())
def test_every_figure_fits_its_box(open_page, path, width):
    page, _ = open_page(path, width=width)
    figures = page.locator("div.plotly-graph-div")
    page.wait_for_function(WAIT_FOR_VARIANTS)
    if figures.count() == 0:
        pytest.skip(f"{path} has no figure")
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for i in range(figures.count()):
        figure = figures.nth(i)
        figure.scroll_into_view_if_needed()
        name = figure.get_attribute("id").rsplit("-", 1)[0]
        figure.screenshot(path=str(SHOTS / f"{name}-{width}.png"))
        found = layout_problems(figure.evaluate(MEASURE)) + open_menu_problems(page, figure)
        problems += [f"{name} at {width} px: {p}" for p in found]
    assert problems == [], f"{path}:\n" + "\n".join(problems)
