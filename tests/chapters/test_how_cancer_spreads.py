"""Chapter 2's spread-route diagram and body map: every drawn number is the CSV's, with its denominator."""

from __future__ import annotations

import pytest

from metastasis.chapters.how_cancer_spreads import spread
from metastasis.core import data


@pytest.fixture(scope="module")
def sites():
    return data.load("metastasis_sites")


def test_every_state_names_existing_rows_once(sites):
    for state in spread.STATES:
        frame = spread.state_rows(state, sites)
        assert len(frame) == len(state.rows)
        assert set(frame["denominator"]) == {state.denominator}, "one denominator per state, never mixed"
        assert list(frame["site"]) == [s for s in spread.SITES if s in set(frame["site"])], "fixed organ order"


def _state_traces(fig, state):
    return [t for t in fig.data if t.legendgroup == state.key or t.name.startswith(f"{state.key}: ")]


def _ribbons(fig, state):
    return [t for t in _state_traces(fig, state) if t.meta]


def test_flow_diagram_ribbons_equal_the_csv(sites):
    fig = spread.route_diagram().figure
    assert {t.type for t in fig.data} == {"scatter"}, "no sankey trace: its 50 KB of JavaScript is not needed"
    for state in spread.STATES:
        frame = spread.state_rows(state, sites)
        ribbons = _ribbons(fig, state)
        assert [r.meta["site"] for r in ribbons] == list(frame["site"])
        assert [r.meta["pct"] for r in ribbons] == list(frame["pct"])
        for ribbon, pct in zip(ribbons, frame["pct"], strict=True):
            # the outline's two edges at the organ end are exactly pct apart (y is in percentage points)
            at_organ = [y for x, y in zip(ribbon.x, ribbon.y, strict=True) if x == spread.X_ORGAN]
            assert max(at_organ) - min(at_organ) == pytest.approx(pct)
        labels = next(t for t in _state_traces(fig, state) if t.mode == "text").text
        for site, pct in zip(frame["site"], frame["pct"], strict=True):
            assert f"{site} {pct:g}%" in labels


def test_primary_bar_always_stands_for_100_percent():
    fig = spread.route_diagram().figure
    for state in spread.STATES:
        primary = next(t for t in _state_traces(fig, state) if t.name.endswith("bar"))
        assert max(primary.y) - min(primary.y) == pytest.approx(100.0), state.key
        assert "100%" in primary.text


def test_hover_states_percent_denominator_cohort_and_source(sites):
    fig = spread.route_diagram().figure
    state = next(s for s in spread.STATES if s.key == "colorectum")
    liver = sites[(sites.primary == "Colorectum") & (sites.site == "Liver") & (sites.source_id == "wjso2021_crc")]
    hover = next(r.text for r in _ribbons(fig, state) if r.meta["site"] == "Liver").replace("<br>", " ")
    assert f"{liver.pct.iloc[0]:g}%" in hover
    assert "of everyone diagnosed with colorectal cancer" in hover
    assert "204,595 people" in hover and "2010-2016" in hover and "verified" in hover
    assert state.label in hover
    assert all(r.hoveron == "fills" and r.hoverinfo == "text" for r in _ribbons(fig, state))


def test_dropdown_shows_one_state_and_never_sets_title_directly():
    fig = spread.route_diagram().figure
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == [s.label for s in spread.STATES]
    for state, button in zip(spread.STATES, buttons, strict=True):
        shown = [t.name for t, v in zip(fig.data, button.args[0]["visible"], strict=True) if v]
        assert shown and all(name.startswith(f"{state.key}: ") for name in shown)
        assert len(shown) == len(_state_traces(fig, state))
        assert "title.text" in button.args[1] and "title" not in button.args[1]
    default = next(s for s in spread.STATES if s.key == spread.DEFAULT_STATE)
    assert all(t.name.startswith(f"{default.key}: ") for t in fig.data if t.visible)


def test_routes_come_from_the_route_table_and_unrecorded_routes_are_named():
    routes = data.load("spread_routes").set_index("site")
    fig = spread.route_diagram()
    for state in spread.STATES:
        labels = next(t for t in _state_traces(fig.figure, state) if t.mode == "text").text
        assert "By blood (hematogenous)" in labels  # every recorded organ is blood-borne
    unrecorded = routes[~routes["recorded_in_seer_site_fields"].astype(bool)].index
    note = fig.figure.layout.annotations[0].text.replace("<br>", " ")
    for site in unrecorded:
        assert site.lower() in note


def test_ribbon_outline_is_closed_and_organ_bars_do_not_overlap():
    xs, ys = spread.ribbon((100.0, 96.0, 80.0), 12.5)
    assert (xs[0], ys[0]) == (xs[-1], ys[-1])
    tops = spread.organ_tops([15.34, 5.22, 1.26, 0.29])
    bottoms = [t - max(p, 0.4) for t, p in zip(tops, [15.34, 5.22, 1.26, 0.29], strict=True)]
    assert all(b > nxt for b, nxt in zip(bottoms, tops[1:], strict=False))


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
