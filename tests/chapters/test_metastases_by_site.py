"""The Metastases by site chapter: its data have a source per row, its figures draw exactly those rows, and every
number its prose quotes comes from data/."""

from __future__ import annotations

import html
import re

import pytest

from metastasis import REPO_ROOT
from metastasis.chapters import metastases_by_site as sites
from metastasis.core import data

CHAPTER = REPO_ROOT / "book" / "metastases-by-site.md"


def _prose() -> str:
    """The chapter's markdown without code cells and front matter, with single spaces."""
    text = CHAPTER.read_text(encoding="utf-8").split("---", 2)[2]
    text = re.sub(r"```\{code-cell\}.*?```", " ", text, flags=re.S)
    return re.sub(r"\s+", " ", text)


def test_every_option_row_names_a_source_of_its_dataset_with_a_link():
    options = data.load("site_local_treatments")
    sources = {s["id"]: s for s in options.attrs["resource"]["sources"]}
    assert options["source_id"].notna().all()
    for row in options.itertuples():
        src = sources[row.source_id]
        assert src["path"].startswith("https://") or src["path"].startswith("http://"), row.option_id
        # rows say verified/secondary; their sources record how they were checked (original, archived or
        # secondary copy): a verified row needs a source checked on the original or an archived copy of it
        checked_on_original = src["verification"] in ("original", "archived-copy")
        assert (row.verification == "verified") == checked_on_original, \
            f"{row.option_id}: row says {row.verification}, its source was checked as {src['verification']}"


def test_every_site_the_chapter_covers_has_options_and_a_place_on_the_map():
    options = data.load("site_local_treatments")
    assert set(options["site"]) == set(sites.SITE_LAYOUT)
    for site in sites.SITE_LAYOUT:
        assert (options["site"] == site).sum() >= 1, site


def test_body_map_has_one_list_per_site_and_the_menu_shows_each_alone():
    figure = sites.local_options_map().figure
    lists = [t for t in figure.data if t.name.endswith(": options")]
    assert len(lists) == len(sites.SITE_LAYOUT)
    menu = figure.layout.updatemenus[0]
    assert [b.label for b in menu.buttons] == [v[1] for v in sites.SITE_LAYOUT.values()]
    for i, button in enumerate(menu.buttons):
        visible = button.args[0]["visible"]
        shown = [t.name for t, v in zip(figure.data, visible, strict=True) if v and t.name.endswith(": options")]
        assert shown == [lists[i].name]


def test_body_map_lists_every_row_with_its_source_publisher():
    options = data.load("site_local_treatments")
    sources = {s["id"]: s for s in options.attrs["resource"]["sources"]}
    figure = sites.local_options_map().figure
    by_name = {t.name: t for t in figure.data}
    for site, ((_, _), label, _) in sites.SITE_LAYOUT.items():
        rows = options[options["site"] == site]
        texts = [re.sub(r"<[^>]+>", " ", t) for t in by_name[f"{label}: options"].text]
        assert len(texts) == len(rows)
        for text, row in zip(texts, rows.itertuples(), strict=True):
            flat = html.unescape(re.sub(r"\s+", " ", text))
            assert row.option.split(" (")[0] in flat
            assert sources[row.source_id]["publisher"].split(" (")[0] in flat


def test_unknown_site_fails_loudly():
    with pytest.raises(ValueError, match="unknown site"):
        sites.local_options_map("elbow")
    with pytest.raises(ValueError, match="unknown organ"):
        sites.organ_by_primary("elbow")


def test_organ_figure_draws_the_same_rows_as_the_spread_chapter():
    table = data.load("metastasis_sites")
    figure = sites.organ_by_primary().figure
    rows = sites.organ_rows()
    for trace in figure.data:
        part = rows[rows["site"] == trace.name]
        assert sorted(trace.x) == sorted(part["pct"])
        for pct in trace.x:
            assert pct in set(table.loc[table["site"] == trace.name, "pct"])
    assert {t.name for t in figure.data} == set(sites.ORGANS)


def test_site_evidence_numbers_are_the_ones_the_prose_quotes():
    prose = _prose()
    evidence = data.load("site_evidence").set_index("fact_id")
    for fact_id, phrase in [
        ("n0574-n", "{:g} people with one to three brain metastases"),
        ("n0574-cog-srs", "They had in {:g}% of people who had radiosurgery alone"),
        ("n0574-cog-wbrt", "and in {:g}% of people who also had whole-brain radiotherapy"),
        ("n0574-os-srs", "median) survival was {:g} months with radiosurgery alone"),
        ("n0574-os-wbrt", "and {:g} months with both"),
        ("cc001-n", "randomly assigned {:g} people to whole-brain radiotherapy"),
        ("cc001-hr", "the hazard ratio was {:g}"),
        ("mscc-mri", "an MRI of the whole spine within {:g} hours"),
        ("onj-rate", "about {:g} in 100 people taking bisphosphonates"),
        ("ascites-relief", "about 9 out of 10 people ({:g}%)"),
        ("prodige7-n", "It randomly assigned {:g} people"),
        ("prodige7-os-hipec", "was {:g} months with HIPEC"),
        ("prodige7-os-surgery", "and {:g} months without it"),
    ]:
        value = evidence.loc[fact_id, "value"]
        assert phrase.format(value) in prose, f"{fact_id}: the prose does not quote {value:g} as '{phrase}'"


def test_sabr_comet_numbers_come_from_the_shared_data():
    prose = _prose()
    outcomes = data.load("sabr_comet_outcomes").set_index("outcome_id")
    sabr, soc = outcomes.loc["os5_sabr", "percent"], outcomes.loc["os5_soc", "percent"]
    assert f"{sabr:g}% of the SABR group were alive, compared with {soc:g}% of the standard-care group" in prose
    deaths = outcomes.loc["death_sabr"]
    assert f"{int(deaths['events'])} of the {int(deaths['arm_size'])} people in the SABR group died" in prose


def test_option_text_in_prose_matches_the_data():
    prose = _prose()
    options = data.load("site_local_treatments").set_index("option_id")
    phrase = "usually over 1 or 2 weeks"
    assert phrase in options.loc["brain-5", "what_it_does"] and phrase in prose
    assert "7 to 10 days" in options.loc["bone-1", "what_it_does"] and "7 to 10 days" in prose
    assert "8 Gy" in options.loc["bone-2", "option"] and "single dose of 8 Gy" in prose


def test_every_number_in_the_prose_is_accounted_for():
    """Each number a reader sees is from site_evidence, sabr_comet_outcomes, site_local_treatments, the cited
    liver-surgery review (treatment chapter), or is a count, a year or a label."""
    prose = _prose()
    prose = re.sub(r"\{cite:p\}`[^`]*`|\{doc\}`[^`]*`|\{term\}`[^`]*`", " ", prose)
    allowed = {f"{v:g}" for v in data.load("site_evidence")["value"]}
    allowed |= {f"{v:g}" for v in data.load("sabr_comet_outcomes")["percent"].dropna()}
    allowed |= {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "66", "100", "60", "16", "74", "2020",
                "2026", "0808", "808", "00", "800", "422", "6237", "0505", "12",
                "30", "45"}  # helpline numbers, reading minutes, counts and years
    numbers = re.findall(r"(?<![\w.-])\d+(?:\.\d+)?(?![\w])", prose)
    unexplained = sorted({n for n in numbers if n not in allowed})
    assert not unexplained, f"numbers in the prose with no data row or explanation: {unexplained}"


def test_chapter_states_when_it_was_reviewed():
    from metastasis.core import book

    assert book.last_reviewed("metastases-by-site") == "December 2026"
