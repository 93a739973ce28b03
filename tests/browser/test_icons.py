"""No page draws an icon its font lacks (issue 19): every private-use character a page shows, through a class
(``fa-*``), a stylesheet (admonition icons set through ``--pst-icon-*`` variables) or text, is in the subset icon
font the browser draws it with. A missing glyph shows as an empty box."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from conftest import DESKTOP_WIDTH, book_pages

pytestmark = pytest.mark.browser
FONT_FACE = re.compile(r"@font-face\s*{([^}]*)}")
# Every private-use character the page draws, with the font the browser draws it in.
DRAWN_GLYPHS = r"""() => {
  const PUA = /[\uE000-\uF8FF]/gu;
  const found = [];
  const classes = el => String(el.className).trim().split(/\s+/).join('.');
  const where = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + classes(el) : '');
  const note = (el, text, pseudo) => {
    const style = getComputedStyle(el, pseudo);
    for (const ch of text.match(PUA) || []) {
      found.push({code: ch.codePointAt(0), family: style.fontFamily, weight: style.fontWeight,
                  where: where(el) + (pseudo || '')});
    }
  };
  for (const el of document.querySelectorAll('body *:not(svg *)')) {  // plotly's SVG draws no icons
    for (const pseudo of ['::before', '::after']) {
      const content = getComputedStyle(el, pseudo).content;
      if (content && content !== 'none' && content !== 'normal') note(el, content, pseudo);
    }
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement) note(node.parentElement, node.nodeValue, null);
  }
  return found;
}"""


def _family(css_family: str) -> str:
    first = css_family.split(",")[0].strip().strip("'\"")
    return first.replace("\\ ", " ").lower()


@functools.lru_cache(maxsize=1)
def icon_faces(site: Path) -> dict[tuple[str, int], Path]:
    """(family, weight) -> the woff2 file the served CSS declares for it."""
    faces = {}
    for css in (site / "_static").rglob("*.css"):
        for body in FONT_FACE.findall(css.read_text(encoding="utf-8", errors="ignore")):
            fields = dict(part.split(":", 1) for part in body.split(";") if ":" in part)
            src = re.search(r"url\(([^)]+\.woff2)\)", fields.get("src", ""))
            if src:
                faces[(_family(fields["font-family"]), int(fields.get("font-weight", "400")))] = \
                    (css.parent / src.group(1).strip("'\"")).resolve()
    return faces


@functools.cache
def glyphs_in(font_path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(font_path).getBestCmap())


def missing_glyphs(drawn: list[dict], faces: dict[tuple[str, int], Path]) -> list[str]:
    """Each drawn private-use character whose font (nearest weight of its family) has no glyph for it."""
    problems = []
    for glyph in drawn:
        family = _family(glyph["family"])
        weights = [w for (f, w) in faces if f == family]
        code = f"U+{glyph['code']:04X}"
        if not weights:
            problems.append(f"{code} at {glyph['where']} is drawn in {glyph['family']!r}, not an icon font")
            continue
        weight = min(weights, key=lambda w: abs(w - int(glyph["weight"])))
        font = faces[(family, weight)]
        if glyph["code"] not in glyphs_in(font):
            problems.append(f"{code} at {glyph['where']}: {font.name} has no glyph for it")
    return sorted(set(problems))


@pytest.mark.parametrize("path", book_pages())
def test_no_page_draws_a_glyph_its_font_lacks(open_view, built_site, path):
    page, _ = open_view(path, DESKTOP_WIDTH)
    drawn = page.evaluate(DRAWN_GLYPHS)
    assert drawn, f"{path} draws no icon at all: the check found nothing to check"
    problems = missing_glyphs(drawn, icon_faces(built_site))
    assert problems == [], f"{path}: " + "; ".join(problems)


def test_admonition_icons_are_checked(open_view, built_site):
    """The admonition icons come from CSS variables: the check sees them (U+F06A, the theme's 'important')."""
    page, _ = open_view("book/diagnosis.html", DESKTOP_WIDTH)
    drawn = page.evaluate(DRAWN_GLYPHS)
    admonition_codes = {g["code"] for g in drawn if "admonition-title::after" in g["where"]}
    assert admonition_codes, "no admonition icon found on the diagnosis page"
    faces = icon_faces(built_site)
    solid = next(path for (family, weight), path in faces.items() if "free" in family and weight == 900)
    assert admonition_codes <= glyphs_in(solid)
