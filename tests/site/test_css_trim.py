"""Trimming the theme stylesheet drops only rules that cannot match anything the book has."""

from __future__ import annotations

from metastasis.site.css_trim import selector_can_match, trim_css

WORDS = {"used", "bd-sidebar", "show", "pdf"}


def test_a_rule_naming_an_unused_class_is_dropped_and_the_rest_kept():
    css = ".used{color:red}.carousel-item{color:blue}p{margin:0}.used .carousel{x:1}"
    assert trim_css(css, WORDS) == ".used{color:red}p{margin:0}"


def test_a_selector_list_keeps_only_the_selectors_that_can_match():
    assert trim_css(".modal,.used{color:red}", WORDS) == ".used{color:red}"


def test_classes_inside_not_is_where_has_and_attributes_never_drop_a_rule():
    for selector in ("a:not(.never)", ".used:is(.never, .other)", ":where(.never) p", "div:has(> .never)",
                     'a[href$=".never"]', ".sm\\:never"):
        assert selector_can_match(selector, WORDS), selector


def test_media_queries_are_trimmed_inside_and_dropped_when_empty():
    css = "@media (min-width:960px){.used{a:1}.toast{b:2}}@media print{.toast{c:3}}"
    assert trim_css(css, WORDS) == "@media (min-width:960px){.used{a:1}}"


def test_font_faces_keyframes_and_custom_properties_stay():
    css = "@font-face{font-family:x;src:url(x.woff2)}@keyframes spin{to{transform:rotate(1turn)}}:root{--pst-x:1}"
    trimmed = trim_css(css, WORDS)
    assert "@font-face" in trimmed and "@keyframes spin" in trimmed and ":root{--pst-x:1}" in trimmed
