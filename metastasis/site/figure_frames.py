"""First frames for phones: each course figure's picture, drawn at build time, shown until plotly.js draws it.

On a phone over mobile data, plotly.js (0.41 MB gzip) takes more than 2 s to arrive, and drawing five figures on a
slow CPU 1 to 2 s more. So after the book is built, each page with figures is opened in headless Chromium at a
phone's width (390 px), light and dark, and every figure's drawn SVG is copied into the page in front of its
placeholder (``<div class="figure-frame">``). course.css shows the frame of the reader's theme while the figure's
box is narrower than ``NARROW_WIDTH_PX`` and not yet drawn; lazy-figures.js removes it once plotly.js has drawn
the interactive figure. The frame is a picture only: it is hidden from screen readers (the caption and data table
carry the figure's content) and takes no input. Wider screens never show it: a desktop draws in under a second.
"""

from __future__ import annotations

from pathlib import Path

FRAME_VIEWPORT = {"width": 390, "height": 844}  # the phone every layout test uses
THEMES = ("light", "dark")
MARKER = 'class="figure-frame"'
SPEC_MARKER = 'class="course-figure-spec"'
DRAW_TIMEOUT_MS = 60000


class FrameError(RuntimeError):
    """A figure did not draw at build time; the message names the page and the figure."""


# Every figure drawn, no phone variant still being applied, fonts in: the page looks as a reader's phone shows it.
ALL_DRAWN = """() => {
  const specs = document.querySelectorAll('script.course-figure-spec');
  const drawn = document.querySelectorAll('.course-figure-plot.is-drawn');
  return document.readyState === 'complete' && drawn.length === specs.length
    && !document.querySelector('[data-layout-variant="pending"]');
}"""

# Copy each figure's SVG layers into one scalable <svg>. Plotly's layers for input (drag, hover, selection) are
# left out; the ids plotly gives its clip paths (random per draw) are renamed after the figure and theme, so the
# copies are the same on every build and no two elements of a page share an id.
EXTRACT = r"""(theme) => {
  // A frame is a picture: it drops what only plotly's script and stylesheet use (classes, data attributes), what
  // draws nothing (empty groups, paths with no outline), style values that are defaults or concern input, and
  // digits past the hundredth of a pixel. The figure's font family and white-space are set once, on the frame.
  function minify(frame, family) {
    const INHERITED = {'font-family': family, 'white-space': 'pre', 'font-weight': 'normal', 'font-style': 'normal',
                       'font-variant': 'normal'};
    for (const el of Array.from(frame.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        if (attr.name === 'class' || attr.name.startsWith('data-') || attr.name.startsWith('xmlns')) {
          el.removeAttribute(attr.name);
        } else if (/\d\.\d{3}/.test(attr.value) && attr.name !== 'href' && attr.name !== 'xlink:href') {
          el.setAttribute(attr.name, attr.value.replace(/\d+\.\d{3,}/g, n => String(Math.round(+n * 100) / 100)));
        }
      }
      const style = el.style;
      if (!style) continue;
      for (let i = style.length - 1; i >= 0; i--) {
        const prop = style[i], value = style.getPropertyValue(prop).trim();
        if (['vector-effect', 'pointer-events', 'cursor'].includes(prop) || (/opacity$/.test(prop) && value === '1')
            || INHERITED[prop] === value) {
          style.removeProperty(prop);
        }
      }
      if (!style.length) el.removeAttribute('style');
    }
    let removed = true;
    while (removed) {
      removed = false;
      for (const el of Array.from(frame.querySelectorAll('g, path, defs, clipPath'))) {
        const empty = el.tagName === 'path' ? !(el.getAttribute('d') || '').trim() : !el.firstElementChild;
        if (empty && !el.id) { el.remove(); removed = true; }
      }
    }
    for (const g of Array.from(frame.querySelectorAll('g'))) {  // a group with no attributes groups nothing
      if (!g.attributes.length) g.replaceWith(...g.childNodes);
    }
  }
  const out = {};
  for (const script of document.querySelectorAll('script.course-figure-spec')) {
    const id = script.getAttribute('data-figure');
    const gd = document.getElementById(id);
    const layout = gd && gd._fullLayout;
    if (!layout) { out[id] = null; continue; }
    const width = layout.width, height = layout.height;
    const frame = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    frame.setAttribute('class', 'figure-frame-' + theme);
    frame.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    frame.setAttribute('preserveAspectRatio', 'xMidYMin meet');
    frame.setAttribute('focusable', 'false');
    frame.setAttribute('style', 'background:' + layout.paper_bgcolor);
    for (const layer of gd.querySelectorAll('.svg-container > svg.main-svg')) {
      const copy = layer.cloneNode(true);
      // The page's stylesheet can recolour plotly's drawing (course-theme.css darkens the chosen menu option in dark
      // mode); a frame sits outside plotly's classes, so it takes the colours as drawn.
      const drawn = layer.querySelectorAll('*'), copied = copy.querySelectorAll('*');
      drawn.forEach((el, i) => {
        if (!el.style) return;
        const computed = getComputedStyle(el);
        for (const prop of ['fill', 'stroke']) {
          const inline = el.style.getPropertyValue(prop);
          const shown = computed.getPropertyValue(prop);
          if (inline && inline !== shown) copied[i].style.setProperty(prop, shown);
        }
      });
      copy.querySelectorAll('.draglayer, .hoverlayer, .selectionlayer, .zoomlayer, .layer-above .imagelayer:empty')
        .forEach(n => n.remove());
      copy.removeAttribute('style');
      copy.setAttribute('x', '0');
      copy.setAttribute('y', '0');
      frame.appendChild(copy);
    }
    const text = gd.querySelector('.svg-container > svg.main-svg text');
    const family = text ? text.style.getPropertyValue('font-family') : '';
    frame.setAttribute('style', frame.getAttribute('style') + ';white-space:pre'
      + (family ? ';font-family:' + family : ''));
    minify(frame, family);
    const renamed = new Map();
    let n = 0;
    frame.querySelectorAll('[id]').forEach(el => {
      renamed.set(el.id, 'ff' + id.slice(-6) + theme[0] + (n++));
      el.id = renamed.get(el.id);
    });
    frame.querySelectorAll('*').forEach(el => {
      for (const attr of Array.from(el.attributes)) {
        if (!attr.value.includes('#')) continue;
        let value = attr.value.replace(/url\((['"]?)#([^'")]+)\1\)/g,
          (whole, quote, ref) => renamed.has(ref) ? 'url(#' + renamed.get(ref) + ')' : whole);
        if (/href$/.test(attr.name) && value[0] === '#' && renamed.has(value.slice(1))) {
          value = '#' + renamed.get(value.slice(1));
        }
        if (value !== attr.value) el.setAttribute(attr.name, value);
      }
    });
    out[id] = frame.outerHTML;
  }
  return out;
}"""


def pages_needing_frames(html_dir: Path) -> list[Path]:
    """Built pages with course figures and no frames yet (Sphinx rewrites only changed pages)."""
    pages = []
    for path in sorted(html_dir.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        if SPEC_MARKER in text and MARKER not in text:
            pages.append(path)
    return pages


def draw_frames(html_dir: Path, pages: list[Path]) -> dict[Path, dict[str, dict[str, str]]]:
    """Open every page at a phone's width in each theme; return page -> figure id -> theme -> SVG."""
    from metastasis.site import browser

    frames: dict[Path, dict[str, dict[str, str]]] = {page: {} for page in pages}
    with browser.serve(html_dir) as base, browser.chromium() as chromium:
        for theme in THEMES:
            context = chromium.new_context(viewport=FRAME_VIEWPORT, color_scheme=theme, device_scale_factor=1)
            for page_path in pages:
                url = f"{base}/{page_path.relative_to(html_dir).as_posix()}"
                page = context.new_page()
                page.goto(url, wait_until="load")
                try:
                    page.wait_for_function(ALL_DRAWN, timeout=DRAW_TIMEOUT_MS, polling=100)
                except Exception as err:
                    raise FrameError(f"{page_path.relative_to(html_dir)}: not every figure drew within "
                                     f"{DRAW_TIMEOUT_MS // 1000} s in {theme} mode at {FRAME_VIEWPORT['width']} px, "
                                     f"so its phone frames cannot be made") from err
                page.evaluate("() => document.fonts.ready")
                page.wait_for_timeout(100)
                for figure_id, svg in page.evaluate(EXTRACT, theme).items():
                    if not svg:
                        raise FrameError(f"{page_path.relative_to(html_dir)}: figure {figure_id} did not draw")
                    frames[page_path].setdefault(figure_id, {})[theme] = svg
                page.close()
            context.close()
    return frames


def frame_html(by_theme: dict[str, str]) -> str:
    """The frames of one figure, one per theme, as a decorative layer over its placeholder."""
    return f'<div {MARKER} aria-hidden="true">' + "".join(by_theme[t] for t in THEMES) + "</div>"


def insert_frames(page_path: Path, frames: dict[str, dict[str, str]]) -> None:
    text = page_path.read_text(encoding="utf-8")
    for figure_id, by_theme in frames.items():
        anchor = f'<div id="{figure_id}" class="plotly-graph-div"'
        if text.count(anchor) != 1:
            raise FrameError(f"{page_path}: expected one placeholder for figure {figure_id}, found "
                             f"{text.count(anchor)}")
        text = text.replace(anchor, frame_html(by_theme) + anchor)
    page_path.write_text(text, encoding="utf-8")


def add_frames(html_dir: Path) -> int:
    """Give every figure of the built book its phone frames; return how many pages were updated."""
    pages = pages_needing_frames(html_dir)
    if not pages:
        return 0
    for page_path, frames in draw_frames(html_dir, pages).items():
        insert_frames(page_path, frames)
    return len(pages)

