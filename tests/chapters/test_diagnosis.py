"""Chapter 3 figures: every number and state comes from data/, every control does what it says."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from metastasis.chapters import diagnosis
from metastasis.core import data


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()


# ---------------------------------------------------------------- data rules specific to this chapter

def test_every_emergency_flag_names_its_source():
    symptoms = data.load("symptoms_by_site")
    sources = {s["id"] for s in symptoms.attrs["resource"]["sources"]}
    urgent = symptoms[symptoms["urgent"]]
    assert len(urgent) >= 4
    assert urgent["urgent_source_id"].isin(sources).all()
    assert symptoms[~symptoms["urgent"]]["urgent_source_id"].isna().all()
    # the emergencies the chapter teaches are all flagged
    flagged = " ".join(urgent["symptom"]).lower()
    for sign in ("back or neck pain", "weakness", "bladder", "seizure", "struggling to breathe", "confusion"):
        assert sign in flagged, sign


def test_growth_constants_are_sourced_and_in_range():
    c = data.load("tumor_growth_constants").set_index("constant_id")
    sources = {s["id"] for s in c.attrs["resource"]["sources"]}
    assert c["source_id"].isin(sources).all()
    low, high = c.loc["dt-range-general", ["low", "high"]]
    for days in c[c["kind"] == "doubling_time"]["value"]:
        assert low <= days <= high
    assert c.loc["cells-per-cm3-usual", "value"] == 1e9
    assert c.loc["cells-per-cm3-epithelial", "value"] == 1e8


def test_pathway_scenarios_cover_every_step_once():
    path = data.load("diagnostic_pathway")
    steps = path[path["scenario_id"] == "all"]["step_id"].tolist()
    assert len(steps) == 7
    for scen, rows in path.groupby("scenario_id"):
        assert rows.sort_values("step_order")["step_id"].tolist() == steps, scen


# ---------------------------------------------------------------- body map

@pytest.fixture(scope="module")
def body():
    return diagnosis.symptoms_body_map()


def _site_traces(fig, site):
    label = diagnosis.SITE_LAYOUT[site][1]
    return [i for i, t in enumerate(fig.data) if t.name and t.name.startswith(label + " (chosen)")
            or t.name == f"{label}: symptoms"]


def test_body_map_lists_each_sites_symptoms_from_the_data(body):
    symptoms = data.load("symptoms_by_site")
    fig = body.figure
    for site, rows in symptoms.groupby("site"):
        label = diagnosis.SITE_LAYOUT[site][1]
        trace = next(t for t in fig.data if t.name == f"{label}: symptoms")
        shown = [_plain(t).removeprefix("Emergency: ") for t in trace.text]
        assert shown == list(rows["symptom"]), site
        urgent_shown = [c == diagnosis.URGENT_TEXT for c in trace.textfont.color]
        assert urgent_shown == list(rows["urgent"]), site
        assert [_plain(t).startswith("Emergency: ") for t in trace.text] == list(rows["urgent"])


def test_body_map_menu_shows_exactly_one_site(body):
    fig = body.figure
    menu = fig.layout.updatemenus[0]
    sites = [s for s in diagnosis.SITE_LAYOUT if s in set(data.load("symptoms_by_site")["site"])]
    assert [b.label for b in menu.buttons] == [diagnosis.SITE_LAYOUT[s][1] for s in sites]
    for site, button in zip(sites, menu.buttons, strict=True):
        visible = button.args[0]["visible"]
        assert len(visible) == len(fig.data)
        shown = {fig.data[i].name for i, v in enumerate(visible) if v}
        label = diagnosis.SITE_LAYOUT[site][1]
        assert shown == {"outline", "sites", f"{label} (chosen)", f"{label}: symptoms"}
        assert button.args[1]["title.text"].lower().startswith("symptoms: " + label.split(" (")[0].lower())
        assert "title" not in button.args[1]
    # the default state matches the default button
    default = menu.buttons[menu.active].args[0]["visible"]
    assert [t.visible is not False for t in fig.data] == default


def test_body_map_counts_emergencies_in_the_title(body):
    spine = next(b for b in body.figure.layout.updatemenus[0].buttons if b.label.startswith("Spine"))
    n = int(data.load("symptoms_by_site").query("site == 'spine'")["urgent"].sum())
    assert f"({n} marked as emergencies)" in spine.args[1]["title.text"]
    bone = next(b for b in body.figure.layout.updatemenus[0].buttons if b.label == "Bone")
    assert "emergenc" not in bone.args[1]["title.text"]


def test_body_map_table_is_the_whole_dataset(body):
    symptoms = data.load("symptoms_by_site")
    assert len(body.table) == len(symptoms)
    assert "contact your care team or emergency services" in body.notes[0]


def test_body_map_table_gives_a_level_of_help_never_a_bare_no(body):
    """Read at night, "No" under "emergency" means "this can wait": every row shows a level of the card instead."""
    symptoms = data.load("symptoms_by_site")
    levels = body.table["When to get help"]
    assert "Emergency" not in body.table.columns
    assert not levels.str.fullmatch(r"(?i)no\.?").any()
    urgent = levels[list(symptoms["urgent"])]
    assert urgent.str.startswith(("Call emergency services now", "Call the care team today")).all()
    for label, symptom in (("Call emergency services now", "Weakness of one part of the body"),
                           ("Call the care team today", "Coughing up blood")):
        row = body.table[body.table["Symptom"].str.startswith(symptom)]
        assert row["When to get help"].str.startswith(label).all(), (symptom, row["When to get help"].tolist())
    assert 'href="symptoms-pain-and-emergencies.html#when-to-get-help"' in " ".join(body.notes)


# ---------------------------------------------------------------- distant stage

@pytest.fixture(scope="module")
def distant():
    return diagnosis.distant_at_diagnosis()


def test_distant_bars_equal_the_seer_data(distant):
    seer = data.load("seer_stage_survival")
    expected = seer[(seer["stage"] == "Distant") & seer["pct_of_cases_at_stage"].notna()]
    expected = dict(zip(expected["site_label"], expected["pct_of_cases_at_stage"], strict=True))
    bar = distant.figure.data[0]
    assert dict(zip(bar.y, bar.x, strict=True)) == expected
    assert "2016-2022" in bar.customdata[0][2]
    assert "SEER" in bar.hovertemplate


def test_distant_sort_menu_orders_the_bars(distant):
    bar = distant.figure.data[0]
    share = dict(zip(bar.y, bar.x, strict=True))
    buttons = {b.label: b.args[0]["yaxis.categoryarray"] for b in distant.figure.layout.updatemenus[0].buttons}
    most_first = buttons["Most spread first"]
    # plotly draws the first category at the bottom, so the top bar is the last in the array
    assert [share[s] for s in most_first] == sorted(share[s] for s in most_first)
    assert buttons["A to Z"] == sorted(share, reverse=True)
    assert buttons["Least spread first"] == list(reversed(most_first))
    assert list(distant.figure.layout.yaxis.categoryarray) == most_first


def test_distant_caption_states_the_extremes(distant):
    top = distant.table.iloc[0]
    assert f"{top['Distant stage at diagnosis (%)']:g}%" in distant.caption
    assert "Later spread is not counted" in distant.caption


# ---------------------------------------------------------------- growth model

@pytest.fixture(scope="module")
def growth():
    return diagnosis.growth_to_detection()


def test_growth_curves_use_the_sourced_doubling_times(growth):
    c = data.load("tumor_growth_constants")
    days = sorted(c[c["kind"] == "doubling_time"]["value"])
    curves = [t for t in growth.figure.data if t.mode == "lines" and t.fill is None and t.legendgroup == "curves"]
    assert [t.meta["doubling_days"] for t in curves] == days
    for trace, d in zip(curves, days, strict=True):
        t = np.asarray(trace.x)
        np.testing.assert_allclose(trace.y, np.power(2.0, t * 365.25 / d), rtol=1e-9)


def test_years_to_reach_is_steady_doubling():
    assert diagnosis.years_to_reach(2 ** 30, 100) == pytest.approx(30 * 100 / 365.25)
    assert diagnosis.years_to_reach(1, 50) == 0


def test_growth_thresholds_convert_sizes_with_the_density(growth):
    c = data.load("tumor_growth_constants").set_index("constant_id")
    hi = c.loc["detect-pet-high-contrast"]
    band = next(t for t in growth.figure.data if t.name == hi["short_label"])
    volume = math.pi / 6 * (hi["low"] / 10) ** 3
    assert band.y[0] == pytest.approx(volume * 1e9)
    line = next(t for t in growth.figure.data if t.name == c.loc["detect-clinical-1cm", "short_label"])
    assert list(line.y) == [pytest.approx(1e9)] * 2


def test_growth_density_menu_moves_every_threshold(growth):
    fig = growth.figure
    density_menu = fig.layout.updatemenus[1]
    assert len(density_menu.buttons) == 2
    first, second = (b.args[0]["y"] for b in density_menu.buttons)
    targets = density_menu.buttons[0].args[1]
    assert [fig.data[i].name for i in targets] == [th["short"] for th in diagnosis.growth_constants()["thresholds"]]
    for a, b in zip(first, second, strict=True):
        assert np.allclose(np.asarray(a) / np.asarray(b), 10)  # 1e9 versus 1e8 cells per cm3


def test_growth_preset_menu_highlights_one_curve(growth):
    menu = growth.figure.layout.updatemenus[0]
    assert menu.buttons[0].label.startswith("All")
    for i, button in enumerate(menu.buttons[1:]):
        opacity = button.args[0]["opacity"]
        assert opacity[i] == 1.0 and sorted(opacity)[:-1] == [0.2] * (len(opacity) - 1)


def test_growth_table_and_caption_come_from_the_model(growth):
    row = growth.table.iloc[0]
    cells = float(row["Cells at threshold"])
    assert row["Years (model)"] == pytest.approx(diagnosis.years_to_reach(cells, row["Doubling time (days)"]),
                                                 abs=0.06)
    assert "model" in growth.caption.lower()


def test_growth_custom_doubling_time_must_be_in_the_sourced_range():
    with pytest.raises(ValueError, match="outside the sourced range"):
        diagnosis.growth_to_detection(doubling_days=5000)
    fig = diagnosis.growth_to_detection(doubling_days=200, cells_per_cm3=1e8)
    assert len([t for t in fig.figure.data if t.legendgroup == "curves"]) == 1
    assert not fig.figure.layout.updatemenus


def test_growth_live_panel_redraws_and_resets():
    pytest.importorskip("ipywidgets")
    box = diagnosis.growth_live()
    days, density, reset = (box.controls[k] for k in ("days", "density", "reset"))
    before = box.state["figure"].figure.data[0].y
    days.value = 300
    after = box.state["figure"].figure.data[0].y
    assert not np.allclose(before, after)
    assert box.state["figure"].figure.data[0].meta["doubling_days"] == 300
    band_before = box.state["figure"].figure.data[1].y
    density.value = density.options[1][1]
    assert not np.allclose(box.state["figure"].figure.data[1].y, band_before)
    reset.click()
    assert days.value == int(diagnosis.growth_constants()["presets"][0][2])
    assert density.value == density.options[0][1]
    np.testing.assert_allclose(box.state["figure"].figure.data[0].y, before)


# ---------------------------------------------------------------- diagnostic pathway

@pytest.fixture(scope="module")
def pathway():
    return diagnosis.diagnostic_pathway()


def test_pathway_slider_steps_through_every_step(pathway):
    path = data.load("diagnostic_pathway")
    steps = path[path["scenario_id"] == "all"].sort_values("step_order")
    slider = pathway.figure.layout.sliders[0]
    assert [s.label for s in slider.steps] == [str(o) for o in steps["step_order"]]
    ring = next(i for i, t in enumerate(pathway.figure.data) if t.name == "current step")
    info = next(i for i, t in enumerate(pathway.figure.data) if t.name == "step explanation")
    ys = []
    for step, row in zip(slider.steps, steps.itertuples(), strict=True):
        assert list(step.args[1]) == [ring, info]
        ys.append(step.args[0]["y"][0][0])
        text = _plain(step.args[0]["text"][1][0])
        assert text.startswith(f"Step {row.step_order}: {row.step}")
        question, _, limit = row.detail.partition(" Limit: ")
        assert question in text and limit in text
    assert ys == sorted(ys, reverse=True)  # step 1 at the top


def test_pathway_menu_switches_journeys_from_the_data(pathway):
    path = data.load("diagnostic_pathway")
    fig = pathway.figure
    menu = fig.layout.updatemenus[0]
    scenarios = list(dict.fromkeys(path["scenario_id"]))
    assert len(menu.buttons) == len(scenarios) == 4
    for scen, button in zip(scenarios, menu.buttons, strict=True):
        rows = path[path["scenario_id"] == scen].sort_values("step_order")
        label = rows["scenario"].iloc[0]
        visible = button.args[0]["visible"]
        shown = [fig.data[i] for i, v in enumerate(visible) if v]
        details = next(t for t in shown if t.name == f"{label}: details")
        nodes = next(t for t in shown if t.name == f"{label}: steps")
        if scen != "all":
            assert "not a real person" in button.args[1]["title.text"]
            for text, detail in zip(details.text, rows["detail"], strict=True):
                assert _plain(detail) in _plain(text)
        filled = [c != "#ffffff" for c in nodes.marker.color]
        assert filled == list(rows["applies"])


def test_pathway_journeys_contain_no_numbers_except_step_numbers():
    path = data.load("diagnostic_pathway")
    for detail in path[path["scenario_id"] != "all"]["detail"]:
        words = re.sub(r"\b(HER2|BRCA2|T790M)\b", "", detail)
        assert not re.search(r"\d", words), detail
