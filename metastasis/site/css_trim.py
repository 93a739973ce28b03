"""Trim the theme's stylesheet to the rules the built book can use.

pydata-sphinx-theme.css (about 310 KB decoded, 46 KB gzip) carries all of Bootstrap and every theme component;
every page must download and parse it before it shows any text. After the build, a style rule is dropped only when
each of its selectors names a class that appears nowhere in the built pages and in none of the scripts under
``_static`` (where scripts add classes at run time, such as Bootstrap's ``show``): such a rule cannot match.
Everything else stays: rules without classes, ``@font-face``, ``@keyframes``, custom properties, and classes inside
``:not()``, ``:is()``, ``:where()`` and ``:has()`` (ignored, so a rule is never dropped because of them).
"""

from __future__ import annotations

import re
from pathlib import Path

# The stylesheets shared by every page (names relative to _static).
TRIMMED = ("styles/pydata-sphinx-theme.css",)
WORD = re.compile(r"[A-Za-z_][\w-]*")
CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
FUNCTIONAL_PSEUDO = re.compile(r":(?:not|is|where|has|matches|-webkit-any|-moz-any)\((?:[^()]|\([^()]*\))*\)")
ATTRIBUTE = re.compile(r"\[[^\]]*\]")  # [href$=".pdf"] names no class
GROUPING_AT_RULES = ("media", "supports", "layer", "container", "document")


def words_in_use(outdir: Path) -> set[str]:
    """Every word of every built page and of every script under ``_static`` (plotly.js aside: it styles itself)."""
    words: set[str] = set()
    files = list(outdir.rglob("*.html")) + list((outdir / "_static").rglob("*.js"))
    for path in files:
        if "vendor" not in path.parts:
            words |= set(WORD.findall(path.read_text(encoding="utf-8", errors="ignore")))
    return words


def selector_can_match(selector: str, words: set[str]) -> bool:
    if "\\" in selector:  # escaped class names: keep rather than guess
        return True
    plain = ATTRIBUTE.sub("", FUNCTIONAL_PSEUDO.sub("", selector))
    return all(name in words for name in CLASS.findall(plain))


def _skip(css: str, i: int) -> int:
    """The index after the string or comment that starts at ``i`` (or ``i + 1`` for any other character)."""
    if css[i] in "\"'":
        quote, j = css[i], i + 1
        while j < len(css) and css[j] != quote:
            j += 2 if css[j] == "\\" else 1
        return j + 1
    if css.startswith("/*", i):
        close = css.find("*/", i + 2)
        return len(css) if close < 0 else close + 2
    return i + 1


def _statements(css: str, i: int, end: int):
    """Yield (prelude, body) for each statement in ``css[i:end]``; ``body`` is None for ``@import ...;`` and the
    like. Strings, comments, parentheses and nested blocks are skipped as units, and text is never rewritten."""
    while i < end:
        while i < end and (css[i].isspace() or css.startswith("/*", i)):
            i = _skip(css, i) if css.startswith("/*", i) else i + 1
        if i >= end:
            return
        j, parens = i, 0
        while j < end and not (parens == 0 and css[j] in "{;}"):
            parens += {"(": 1, ")": -1}.get(css[j], 0)
            j = _skip(css, j)
        if j >= end or css[j] != "{":
            yield css[i:j], None
            i = j + 1
            continue
        k, depth = j + 1, 1
        while k < end and depth:
            depth += {"{": 1, "}": -1}.get(css[k], 0)
            k = _skip(css, k)
        yield css[i:j], (j + 1, k - 1)
        i = k


def _split_selectors(prelude: str) -> list[str]:
    parts, depth, last, i = [], 0, 0, 0
    while i < len(prelude):
        c = prelude[i]
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(c, 0)
        if c == "," and depth == 0:
            parts.append(prelude[last:i])
            last = i + 1
        i = _skip(prelude, i)
    return parts + [prelude[last:]]


def trim_css(css: str, words: set[str], start: int = 0, end: int | None = None) -> str:
    """The stylesheet without the rules none of whose selectors can match; kept text is copied unchanged (so
    trimming again changes nothing, and icon_fonts still reads the icon rules)."""
    end = len(css) if end is None else end
    out = []
    for prelude, body in _statements(css, start, end):
        head = prelude.strip()
        if body is None:
            out.append(head + ";")
        elif head.startswith("@"):
            keyword = head[1:].split(None, 1)[0].split("(", 1)[0].lower()
            if keyword in GROUPING_AT_RULES:
                inner = trim_css(css, words, *body)
                if inner:
                    out.append(f"{head}{{{inner}}}")
            else:
                out.append(f"{head}{{{css[body[0]:body[1]]}}}")
        else:
            kept = [s.strip() for s in _split_selectors(head) if s.strip() and selector_can_match(s, words)]
            if kept:
                out.append(f"{','.join(kept)}{{{css[body[0]:body[1]]}}}")
    return "".join(out)


def trim(outdir: Path) -> dict[str, tuple[int, int]]:
    """Trim the shared stylesheets in place; return {file: (bytes before, after)}."""
    words = words_in_use(outdir)
    sizes = {}
    for name in TRIMMED:
        path = outdir / "_static" / name
        if path.exists():
            css = path.read_text(encoding="utf-8")
            trimmed = trim_css(css, words)
            path.write_text(trimmed, encoding="utf-8")
            sizes[name] = (len(css.encode()), len(trimmed.encode()))
    return sizes
