"""Chapter 2's spread-route diagram and body map: every drawn number is the CSV's, with its denominator."""

from __future__ import annotations

import pytest

from metastasis import data, spread


@pytest.fixture(scope="module")
def sites():
    return data.load("metastasis_sites")


def test_every_state_names_existing_rows_once(sites):
    for state in spread.STATES:
        frame = spread.state_rows(state, sites)
        assert len(frame) == len(state.rows)
        assert set(frame["denominator"]) == {state.denominator}, "one denominator per state, never mixed"
        assert list(frame["site"]) == [s for s in spread.SITES if s in set(frame["site"])], "fixed organ order"


def test_sankey_values_equal_the_csv(sites):
    fig = spread.route_diagram().figure
    assert [t.type for t in fig.data] == ["sankey"] * len(spread.STATES)
    for state, trace in zip(spread.STATES, fig.data, strict=True):
        frame = spread.state_rows(state, sites)
        expected = sorted(float(p) for p in frame["pct"])
        organ_nodes = set(range(1 + 1, 1 + 1 + len(frame)))  # primary, one route (blood), then organs
        into_organs = sorted(v for t, v in zip(trace.link.target, trace.link.value, strict=True) if t in organ_nodes)
        assert into_organs == pytest.approx(expected)
        labels = list(trace.node.label)
        for site, pct in zip(frame["site"], frame["pct"], strict=True):
            assert f"{site} {pct:g}%" in labels


def test_left_bar_always_stands_for_100_percent():
    fig = spread.route_diagram().figure
    for trace in fig.data:
        out_of_primary = sum(v for s, v in zip(trace.link.source, trace.link.value, strict=True) if s == 0)
        assert out_of_primary == pytest.approx(100.0), trace.name


def test_hover_states_percent_denominator_cohort_and_source(sites):
    fig = spread.route_diagram().figure
    state = next(s for s in spread.STATES if s.key == "colorectum")
    trace = next(t for t in fig.data if t.name == "colorectum")
    liver = sites[(sites.primary == "Colorectum") & (sites.site == "Liver") & (sites.source_id == "wjso2021_crc")]
    hover = next(h for h in trace.link.customdata if "liver" in h)
    assert trace.link.hovertemplate == "%{customdata}<extra></extra>", "plotly.js 4 needs one template"
    assert f"{liver.pct.iloc[0]:g}%" in hover
    assert "of everyone diagnosed with colorectal cancer" in hover.replace("<br>", " ")
    flat = hover.replace("<br>", " ")
    assert "204,595 people" in flat and "2010-2016" in flat and "verified" in flat
    assert state.label in hover


def test_dropdown_shows_one_state_and_never_sets_title_directly():
    fig = spread.route_diagram().figure
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == [s.label for s in spread.STATES]
    for i, button in enumerate(buttons):
        visible = button.args[0]["visible"]
        assert visible.count(True) == 1 and visible[i]
        assert "title.text" in button.args[1] and "title" not in button.args[1]
    assert [t.visible for t in fig.data].count(True) == 1


def test_routes_come_from_the_route_table_and_unrecorded_routes_are_named():
    routes = data.load("spread_routes").set_index("site")
    fig = spread.route_diagram()
    for trace in fig.figure.data:
        assert "By blood (hematogenous)" in trace.node.label  # every recorded organ is blood-borne
    unrecorded = routes[~routes["recorded_in_seer_site_fields"].astype(bool)].index
    note = fig.figure.layout.annotations[0].text.replace("<br>", " ")
    for site in unrecorded:
        assert site.lower() in note


def test_table_is_the_text_alternative_for_every_state(sites):
    fig = spread.route_diagram()
    total_rows = sum(len(s.rows) for s in spread.STATES)
    assert len(fig.table) == total_rows
    assert {"Percent", "Percent of whom", "Cohort", "Source", "Checked"} <= set(fig.table.columns)


def test_caption_numbers_come_from_the_data(sites):
    fig = spread.route_diagram()
    pancreas = spread.state_rows(next(s for s in spread.STATES if s.key == "pancreas"), sites)
    top = pancreas.sort_values("pct").iloc[-1]
    assert f"pancreatic cancer → {top['site'].lower()} ({top['pct']:g}%)" in fig.caption


def test_body_map_draws_the_same_numbers(sites):
    fig = spread.body_map().figure
    assert {t.type for t in fig.data} == {"scatter"}
    buttons = fig.layout.updatemenus[0].buttons
    for state, button in zip(spread.STATES, buttons, strict=True):
        frame = spread.state_rows(state, sites)
        arrows = button.args[1]["annotations"][:-1]
        assert len(arrows) == len(frame)
        widths = [a["arrowwidth"] for a in arrows]
        assert widths == [spread.arrow_width(p) for p in frame["pct"]]
        order = sorted(range(len(frame)), key=lambda i: frame["pct"].iloc[i])
        assert [widths[i] for i in order] == sorted(widths), "wider arrow = higher percent"
    organ_traces = [t for t in fig.data if t.name.endswith(": organs")]
    assert len(organ_traces) == len(spread.STATES)
