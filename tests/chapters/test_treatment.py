"""Chapter 5 figure builders: the numbers drawn equal the CSVs', every control state is right, and the teaching
model behaves as the chapter says (including its live panel in a kernel-free widget test)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from metastasis.chapters import treatment
from metastasis.chapters.treatment import RESISTANCE_SCENARIOS, ResistanceParams, simulate
from metastasis.core import data

# ---------------------------------------------------------------------------------------------- therapy explorer

@pytest.fixture(scope="module")
def therapies():
    return data.load("therapy_approvals")


@pytest.fixture(scope="module")
def explorer():
    return treatment.therapy_explorer()


def _state_traces(fig):
    return [t for t in fig.data if t.x is not None and len(t.x) and t.x[0] is not None]


def test_explorer_all_state_shows_every_row_at_its_year(explorer, therapies):
    first = _state_traces(explorer.figure)[0]
    assert first.name == "All cancers" and first.visible is True
    assert sorted(first.x) == sorted(therapies["year"].tolist())
    ordered = therapies.assign(d=therapies["approval_date"].fillna(
        pd.to_datetime(therapies["year"].astype(str) + "-07-01"))).sort_values(["d", "drug"])
    assert list(first.x) == ordered["year"].tolist()


def test_explorer_each_filter_state_has_the_csv_rows(explorer, therapies):
    states = {t.name: t for t in _state_traces(explorer.figure)}
    for group, rows in therapies.groupby("cancer_group"):
        assert len(states[group.capitalize()].x) == len(rows), group
    for cls, rows in therapies.groupby("therapy_class"):
        assert len(states[cls.capitalize()].x) == len(rows), cls
    assert len(states["All classes"].x) == len(therapies)


def test_explorer_diamonds_mark_tumor_agnostic_approvals(explorer, therapies):
    first = _state_traces(explorer.figure)[0]
    diamonds = [s == "diamond" for s in first.marker.symbol]
    assert sum(diamonds) == int(therapies["tumor_agnostic"].sum()) == 2
    labels = [h[0] for h in first.customdata]
    agnostic = {f"{d} ({b})" for d, b in therapies.loc[therapies["tumor_agnostic"], ["drug", "brand"]].values}
    assert {lab for lab, dia in zip(labels, diamonds, strict=True) if dia} == agnostic


def test_explorer_buttons_show_one_state_and_relabel_the_rows(explorer, therapies):
    fig = explorer.figure
    n_states = len(_state_traces(fig))
    for menu in fig.layout.updatemenus:
        for button in menu.buttons:
            visible, layout = button.args
            assert sum(visible["visible"][:n_states]) == 1
            assert all(visible["visible"][n_states:])  # legend entries stay
            assert "title.text" in layout and "title" not in layout
            assert len(layout["yaxis.tickvals"]) == len(layout["yaxis.ticktext"])
    lung = next(b for b in fig.layout.updatemenus[1].buttons if b.label == "Lung")
    ticks = [t.split("<br>")[0] for t in lung.args[1]["yaxis.ticktext"]]
    assert ticks == therapies[therapies["cancer_group"] == "lung"].sort_values("year")["drug"].tolist()
    assert "3 approvals" in lung.args[1]["title.text"]


def test_explorer_hover_names_source_and_verification(explorer, therapies):
    first = _state_traces(explorer.figure)[0]
    verifications = {row[-1] for row in first.customdata}
    assert verifications <= {"verified", "secondary"}
    assert "Source:" in first.hovertemplate
    assert len(explorer.table) == len(therapies)


# ---------------------------------------------------------------------------------------------- teaching model

def test_no_resistant_cells_and_kill_above_growth_shrinks():
    run = simulate(ResistanceParams(growth_rate=0.1, kill_a=0.3, resistant_fraction=0.0))
    assert (np.diff(run["total"]) < 0).all()
    assert run["total"].iloc[-1] < run["total"].iloc[0]
    assert (run["resistant"] == 0).all()


def test_no_resistant_cells_and_kill_below_growth_grows():
    run = simulate(ResistanceParams(growth_rate=0.2, kill_a=0.1, resistant_fraction=0.0))
    assert (np.diff(run["total"]) > 0).all()


def test_kill_equal_to_growth_holds_steady():
    run = simulate(ResistanceParams(growth_rate=0.15, kill_a=0.15, resistant_fraction=0.0))
    assert np.allclose(run["total"], 1.0)


def test_a_few_resistant_cells_shrink_then_regrow_and_take_over():
    run = simulate(ResistanceParams(resistant_fraction=1e-3))
    nadir = int(run["total"].idxmin())
    assert 0 < nadir < len(run) - 1
    assert run["total"].iloc[-1] > run["total"].iloc[nadir]
    share = run["resistant"] / run["total"]
    assert (np.diff(share) > 0).all()  # selection: the resistant share only rises
    assert share.iloc[-1] > 0.99


def test_switching_to_a_second_drug_shrinks_the_tumor_again():
    no_switch = simulate(ResistanceParams(resistant_fraction=1e-3))
    switch = simulate(ResistanceParams(resistant_fraction=1e-3, switch=True))
    week = switch.attrs["switch_week"]
    assert week is not None and 0 < week < 104
    before = switch[switch["week"] < week]
    assert np.allclose(before["total"], no_switch.loc[before.index, "total"])  # same until the switch
    assert switch["total"].iloc[-1] < no_switch["total"].iloc[-1]
    assert switch.loc[switch["week"] >= week, "drug"].eq("B").all()
    assert switch.loc[switch["week"] == week, "total"].iloc[0] >= 1.0  # back to its starting size


def test_closed_form_matches_numerical_integration():
    p = ResistanceParams(growth_rate=0.12, kill_a=0.27, resistant_fraction=1e-2, weeks=60)
    run = simulate(p)
    dt, s, r = 1e-3, 1 - p.resistant_fraction, p.resistant_fraction
    steps = int(60 / dt)
    for _ in range(steps):
        s += (p.growth_rate - p.kill_a) * s * dt
        r += p.growth_rate * r * dt
    assert math.isclose(run["total"].iloc[-1], s + r, rel_tol=1e-3)


def test_invalid_parameters_are_refused():
    with pytest.raises(ValueError):
        ResistanceParams(kill_a=-0.1)
    with pytest.raises(ValueError):
        ResistanceParams(resistant_fraction=1.5)


def test_model_figure_is_log_scale_with_a_button_per_scenario():
    fig = treatment.resistance_model()
    assert fig.figure.layout.yaxis.type == "log"
    menu = fig.figure.layout.updatemenus[0]
    assert [b.label for b in menu.buttons] == [*RESISTANCE_SCENARIOS, "Compare all"]
    for button in menu.buttons:
        assert len(button.args[0]["visible"]) == len(fig.figure.data)
    switch = next(b for b in menu.buttons if b.label == "Switch to a second drug")
    assert len(switch.args[1]["shapes"]) == 2  # the start line and the switch line
    none = next(b for b in menu.buttons if b.label == "No resistant cells")
    assert len(none.args[1]["shapes"]) == 1
    assert "illustrative" in fig.source and "not measurements" in fig.source
    assert any("exp(" in n for n in fig.notes)  # the equations, as plain text


def test_model_figure_draws_the_simulated_numbers():
    fig = treatment.resistance_model()
    run = simulate(RESISTANCE_SCENARIOS["A few resistant cells (1 in 1,000)"])
    whole = next(t for t in fig.figure.data if t.name == "A few resistant cells (1 in 1,000): whole tumor")
    assert np.allclose(whole.y, run["total"])


def test_live_panel_redraws_when_a_slider_moves_and_resets():
    box = treatment.resistance_live()
    before = box.state["figure"].caption
    box.controls["switch"].value = False
    box.controls["kill_a"].value = 0.05  # weaker than growth and no second drug: the tumor now grows
    assert box.state["params"].kill_a == 0.05 and box.state["params"].switch is False
    assert box.state["figure"].caption != before
    assert "larger" in box.state["figure"].caption
    reset = next(c for c in box.children if getattr(c, "description", "") == "Reset to defaults")
    reset.click()
    assert box.state["params"] == ResistanceParams(switch=True)
    box.controls["no_resistant"].value = True
    assert box.state["params"].resistant_fraction == 0.0


# ---------------------------------------------------------------------------------------------- melanoma

def test_melanoma_bars_equal_the_csv():
    df = data.load("melanoma_milestones")
    fig = treatment.melanoma_milestones().figure
    bars = [t for t in fig.data if t.type == "bar"]
    for bar, measure in zip(bars, ["median_os", "os_5y"], strict=True):
        drawn = [v for v in bar.x if v is not None and not (isinstance(v, float) and math.isnan(v))]
        assert sorted(drawn) == sorted(df.loc[df["measure"] == measure, "value"].tolist())
    combo = df[(df["milestone_id"] == "cm067_combo_median")].iloc[0]
    i = list(bars[0].x).index(combo["value"])
    assert math.isclose(bars[0].error_x.array[i], combo["ci_high"] - combo["value"])
    assert math.isclose(bars[0].error_x.arrayminus[i], combo["value"] - combo["ci_low"])


def test_melanoma_buttons_switch_measure_and_caption_numbers_come_from_the_csv():
    df = data.load("melanoma_milestones")
    built = treatment.melanoma_milestones()
    buttons = built.figure.layout.updatemenus[0].buttons
    assert [b.args[0]["visible"] for b in buttons] == [[True, True, False, False], [False, False, True, True]]
    for value in (8.1, 71.9, 52):
        assert f"{value:g}" in built.caption and value in df["value"].tolist()
    assert "10-year survival percentages could not be checked" in built.notes[0]


# ---------------------------------------------------------------------------------------------- side effects

def test_matrix_has_one_filled_cell_per_csv_row():
    df = data.load("side_effects_by_class")
    heat = treatment.side_effects_matrix().figure.data[0]
    filled = [(r, c) for r, row in enumerate(heat.text) for c, t in enumerate(row) if t]
    assert len(filled) == len(df)
    levels = {"Listed": "listed", "Common": "common", "Serious": "serious"}
    drawn = sorted(levels[heat.text[r][c]] for r, c in filled)
    assert drawn == sorted(df["level"].tolist())


def test_matrix_menu_filters_levels_and_classes():
    df = data.load("side_effects_by_class")
    fig = treatment.side_effects_matrix().figure
    buttons = {b.label: b for b in fig.layout.updatemenus[0].buttons}

    def count(label):
        text = buttons[label].args[0]["text"][0]
        return sum(1 for row in text for t in row if t)

    assert count("All classes") == len(df)
    assert count("All classes: serious only") == int((df["level"] == "serious").sum())
    assert count("All classes: common only") == int((df["level"] == "common").sum())
    chemo = buttons["Chemotherapy"].args[0]
    assert len(chemo["x"][0]) == 1 and count("Chemotherapy") == int((df["therapy_class"] == "Chemotherapy").sum())


# ---------------------------------------------------------------------------------------------- SABR-COMET

def test_sabr_bars_equal_the_csv_and_views_filter_outcomes():
    df = data.load("sabr_comet_outcomes")
    built = treatment.sabr_comet()
    fig = built.figure
    first_view = [t for t in fig.data[:2]]
    drawn = {(t.name, y.replace("<br>", " ")): x for t in first_view for x, y in zip(t.x, t.y, strict=True)}
    for row in df.itertuples():
        label = treatment.OUTCOME_LABELS[row.outcome].replace("<br>", " ")
        assert drawn[(treatment.ARM_NAMES[row.arm], label)] == row.percent
    harms = next(b for b in fig.layout.updatemenus[0].buttons if b.label == "Harms")
    shown = [t for t, v in zip(fig.data, harms.args[0]["visible"], strict=True) if v]
    assert all("Alive" not in y for t in shown for y in t.y)
    outcomes = df.set_index("outcome_id")
    deaths = outcomes.loc["death_sabr"]
    assert f"{deaths['events']} of {deaths['arm_size']} died from the treatment" in built.caption
    assert f"to {outcomes.loc['os5_sabr', 'percent']:g}%" in built.caption


def test_live_panel_in_a_real_kernel(monkeypatch):
    """The notebook's live cell, run in a Python kernel as in JupyterLab or Binder: widgets, then a slider move."""
    import nbformat
    from nbclient import NotebookClient

    from metastasis import REPO_ROOT
    from metastasis.core import book, live

    monkeypatch.delenv(live.STATIC_ENV, raising=False)
    notebook = book.read_chapter("treatment")
    live_cell = next(c.source for c in notebook.cells if c.cell_type == "code" and "live.panel" in c.source)
    check = ("w = box.children[1]\nbefore = w.state['figure'].caption\n"
             "w.controls['switch'].value = False\nw.controls['kill_a'].value = 0.05\n"
             "print('CHANGED', before != w.state['figure'].caption, 'larger' in w.state['figure'].caption)")
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("from metastasis.chapters import treatment\nfrom metastasis.core import live, quiz"),
        nbformat.v4.new_code_cell("box = " + live_cell),
        nbformat.v4.new_code_cell(check),
    ])
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(REPO_ROOT)}}).execute()
    outputs = nb.cells[1].outputs
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)
    printed = "".join(o.get("text", "") for o in nb.cells[2].outputs)
    assert "CHANGED True True" in printed
