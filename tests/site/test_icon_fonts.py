"""Icon-font subsetting keeps every icon a page can draw (issue 19): those named by ``fa-*`` classes and those the
stylesheets draw directly, such as the admonition icons set through ``--pst-icon-*`` CSS variables."""

from __future__ import annotations

import shutil
from pathlib import Path

import pydata_sphinx_theme
from fontTools.ttLib import TTFont

from metastasis.site import icon_fonts

THEME_STATIC = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
BARS, IMPORTANT, LIGHTBULB, UNUSED_USER_ICON = 0xF0C9, 0xF06A, 0xF0EB, 0xF007  # fa-bars, admonition icons, fa-user


def test_css_codepoints_reads_escapes_and_literal_characters_and_only_private_use():
    css = 'a:before{content:"\\f06a"} b{--i:"\uf0eb"} c:before{content:"\\2014"} d{content:"\\e163 x"}'
    assert icon_fonts.css_codepoints(css) == {IMPORTANT, LIGHTBULB, 0xE163}


def test_subset_keeps_class_icons_and_css_variable_icons_and_drops_the_rest(tmp_path):
    static = tmp_path / "_static"
    (static / "styles").mkdir(parents=True)
    webfonts = static / "vendor" / "fontawesome" / "webfonts"
    webfonts.mkdir(parents=True)
    shutil.copy(THEME_STATIC / "styles" / "pydata-sphinx-theme.css", static / "styles")
    shutil.copy(THEME_STATIC / "vendor" / "fontawesome" / "webfonts" / "fa-solid-900.woff2", webfonts)
    (tmp_path / "page.html").write_text('<span class="fa-solid fa-bars"></span>', encoding="utf-8")
    assert UNUSED_USER_ICON in TTFont(webfonts / "fa-solid-900.woff2").getBestCmap()

    icon_fonts.subset(tmp_path)

    kept = set(TTFont(webfonts / "fa-solid-900.woff2").getBestCmap())
    assert {BARS, IMPORTANT, LIGHTBULB} <= kept, "an icon a page draws was cut from the font"
    assert UNUSED_USER_ICON not in kept, "the font was not subset"
