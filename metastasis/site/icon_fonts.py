"""Subset the theme's Font Awesome webfonts to the icons the built pages use.

The theme ships the full solid and brands fonts (274 KB of already-compressed woff2) for the dozen icons a
page shows. After the build, every page and theme script is scanned for ``fa-<name>`` classes, the names are
mapped to code points through the theme's own CSS, and each woff2 is cut down to those glyphs in place.
Icons the stylesheets draw directly (admonition icons through ``--pst-icon-*`` variables, the book theme's
own ``content: "\f107"``) are kept too: every private-use code point left in the served CSS after pruning.
"""

from __future__ import annotations

import re
from pathlib import Path

ICON_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+:before,?)+)\{content:"\\([0-9a-f]+)"\}')
ICON_NAME = re.compile(r"fa-([a-z0-9-]+)")
# A private-use code point in CSS, written as an escape (``"\f06a"``) or as the character itself.
CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{4,6})(?![0-9a-fA-F])")
PRIVATE_USE = range(0xE000, 0xF900)


def icon_codepoints(css: str) -> dict[str, int]:
    """Icon name -> code point, from the theme CSS (aliases included)."""
    mapping = {}
    for group, code in ICON_RULE.findall(css):
        for name in re.findall(r"\.fa-([a-z0-9-]+):before", group):
            mapping[name] = int(code, 16)
    return mapping


def prune_css(css: str, used: set[str]) -> str:
    """Drop the ``.fa-<name>:before{content:...}`` rules of icons no page uses (about 2,000 of them)."""

    def keep(match: re.Match) -> str:
        names = re.findall(r"\.fa-([a-z0-9-]+):before", match.group(1))
        return match.group(0) if used & set(names) else ""

    return ICON_RULE.sub(keep, css)


def css_codepoints(css: str) -> set[int]:
    """Private-use code points a stylesheet can draw: escapes and literal characters alike."""
    found = {int(code, 16) for code in CSS_ESCAPE.findall(css)} | {ord(ch) for ch in css}
    return {code for code in found if code in PRIVATE_USE}


def served_css(outdir: Path) -> list[Path]:
    return sorted((outdir / "_static").rglob("*.css"))


def used_icons(outdir: Path) -> set[str]:
    names: set[str] = set()
    files = list(outdir.rglob("*.html")) + list((outdir / "_static").rglob("*.js"))
    for path in files:
        if "vendor" in path.parts:
            continue
        names |= set(ICON_NAME.findall(path.read_text(encoding="utf-8", errors="ignore")))
    return names


def subset(outdir: Path) -> dict[str, tuple[int, int]]:
    """Subset the icon fonts and prune the theme CSS to the icons in use; return {file: (bytes before, after)}."""
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    css_path = outdir / "_static" / "styles" / "pydata-sphinx-theme.css"
    fonts_dir = outdir / "_static" / "vendor" / "fontawesome" / "webfonts"
    if not css_path.exists() or not fonts_dir.exists():
        return {}
    css = css_path.read_text(encoding="utf-8")
    mapping = icon_codepoints(css)
    used = used_icons(outdir)
    sizes = {}
    pruned = prune_css(css, used)
    sizes[css_path.name] = (len(css.encode()), len(pruned.encode()))
    css_path.write_text(pruned, encoding="utf-8")
    kept = {mapping[n] for n in used if n in mapping}
    for path in served_css(outdir):
        kept |= css_codepoints(path.read_text(encoding="utf-8", errors="ignore"))
    codepoints = sorted(kept)
    for font_path in sorted(fonts_dir.glob("*.woff2")):
        before = font_path.stat().st_size
        font = TTFont(font_path)
        options = ft_subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]
        options.notdef_outline = True
        subsetter = ft_subset.Subsetter(options)
        subsetter.populate(unicodes=codepoints)
        subsetter.subset(font)
        font.flavor = "woff2"
        font.save(font_path)
        sizes[font_path.name] = (before, font_path.stat().st_size)
    return sizes
