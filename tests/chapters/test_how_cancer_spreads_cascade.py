"""Chapter 2's cascade figures: measured numbers kept apart; the teaching model is seeded, binomial, labelled."""

from __future__ import annotations

import numpy as np
import pytest

from metastasis.chapters.how_cancer_spreads import cascade
from metastasis.core import data


def test_measured_figure_uses_only_verified_rows_and_keeps_experiments_apart():
    m = data.load("cascade_measurements").set_index("measurement_id")
    assert set(m["verification"]) == {"verified"}
    fig = cascade.measured_steps()
    bars = [t for t in fig.figure.data if t.type == "bar"]
    for view, trace in zip(("percent", "count"), bars, strict=True):
        ids = list(cascade.VIEW_ROWS[view])
        assert list(trace.y) == list(m.loc[ids, "value"])
        assert list(trace.marker.color) == [cascade.EXPERIMENT_COLOURS[e] for e in m.loc[ids, "experiment"]]
    assert "must not be multiplied" in fig.caption
    assert "Luzzi" not in fig.caption + fig.source, "unverified per-step numbers stay out"


def test_measured_buttons_switch_views_with_title_text():
    fig = cascade.measured_steps().figure
    buttons = fig.layout.updatemenus[0].buttons
    assert len(buttons) == 2
    seen = set()
    for b in buttons:
        assert "title.text" in b.args[1] and "title" not in b.args[1]
        seen.add(tuple(b.args[0]["visible"]))
    assert len(seen) == 2


def test_simulation_is_seeded_and_binomial():
    a = cascade.simulate((0.9, 0.9, 0.02, 0.02, 0.01), 1_000_000, 200, seed=7)
    b = cascade.simulate((0.9, 0.9, 0.02, 0.02, 0.01), 1_000_000, 200, seed=7)
    assert np.array_equal(a.counts, b.counts), "same seed, same runs"
    assert a.counts.shape == (200, 6)
    assert (np.diff(a.counts, axis=1) <= 0).all(), "cells can only be lost along the cascade"
    # binomial: the mean at each step is close to the expectation
    assert a.counts[:, 1].mean() == pytest.approx(900_000, rel=0.001)
    assert a.final.mean() == pytest.approx(a.expected[-1], rel=0.35)


def test_simulation_rejects_impossible_settings():
    with pytest.raises(ValueError):
        cascade.simulate((0.5,) * 4)
    with pytest.raises(ValueError):
        cascade.simulate((1.2, 0.5, 0.5, 0.5, 0.5))


def test_all_fifty_percent_gives_tens_of_thousands():
    sim = cascade.simulate((0.5,) * 5)
    assert 25_000 < np.median(sim.final) < 40_000


def test_static_simulator_has_one_state_per_preset_and_is_labelled_as_a_teaching_model():
    fig = cascade.simulator()
    figure = fig.figure
    assert len(figure.data) == cascade.TRACES_PER_PRESET * len(cascade.PRESETS)
    buttons = figure.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == [p.label for p in cascade.PRESETS]
    assert figure.layout.updatemenus[0].type == "dropdown"
    for i, b in enumerate(buttons):
        visible = b.args[0]["visible"]
        assert sum(visible) == cascade.TRACES_PER_PRESET
        assert all(visible[i * cascade.TRACES_PER_PRESET:(i + 1) * cascade.TRACES_PER_PRESET])
        assert "title.text" in b.args[1] and "title" not in b.args[1]
        assert any("Teaching model" in a["text"] for a in b.args[1]["annotations"])
    assert "teaching model" in fig.caption.lower() and "illustrative" in fig.source
    assert fig.caption.count("median") == 1 and cascade.summary(cascade.simulate(cascade.PRESETS[0].probabilities)) \
        .split("median ")[1].split(" ")[0] in fig.caption


def test_static_medians_match_a_fresh_simulation():
    figure = cascade.simulator().figure
    for i, preset in enumerate(cascade.PRESETS):
        median_trace = figure.data[i * cascade.TRACES_PER_PRESET + 2]
        sim = cascade.simulate(preset.probabilities, preset.start_cells, cascade.RUNS, cascade.SEED)
        expected = [cascade.ZERO_AT if v <= 0 else float(v) for v in np.percentile(sim.counts, 50, axis=0)]
        assert list(median_trace.y) == expected
        bars = figure.data[i * cascade.TRACES_PER_PRESET + 4]
        assert sum(bars.y) == cascade.RUNS


def test_custom_settings_draw_a_single_state():
    fig = cascade.simulator((0.5, 0.5, 0.5, 0.5, 0.5), start_cells=1000, seed=1)
    assert len(fig.figure.data) == cascade.TRACES_PER_PRESET
    assert not fig.figure.layout.updatemenus


def test_live_panel_changes_the_figure_when_a_slider_moves():
    panel = cascade.live_simulator()
    before = panel.current_figure().figure.data[2].y
    slider = next(w for w in panel.children if getattr(w, "description", "") == cascade.STEPS[3])
    slider.value = 0.5
    after = panel.current_figure().figure.data[2].y
    assert after[-1] > before[-1], "an easier growth step must raise the macrometastasis count"
    status = next(w for w in panel.children if "Your settings" in str(getattr(w, "value", "")))
    assert "0.5" in status.value and "median" in status.value, "the result is also given in words"


def test_live_panel_redraws_and_resets(monkeypatch):
    import ipywidgets as widgets

    calls = []
    real = cascade.simulator

    def spy(*args, **kwargs):
        calls.append((args, kwargs))
        return real(*args, **kwargs)

    monkeypatch.setattr(cascade, "simulator", spy)
    panel = cascade.live_simulator()
    assert isinstance(panel, widgets.VBox)
    sliders = [w for w in panel.children if isinstance(w, widgets.FloatLogSlider)]
    assert len(sliders) == len(cascade.STEPS) + 1
    n = len(calls)
    sliders[3].value = 0.1
    assert len(calls) == n + 1 and calls[-1][0][0][3] == pytest.approx(0.1, rel=0.05)
    reset = next(w for w in panel.children if isinstance(w, widgets.Button))
    reset.click()
    assert sliders[3].value == pytest.approx(cascade.PRESETS[0].probabilities[3], rel=0.05)
    menu = next(w for w in panel.children if isinstance(w, widgets.Dropdown))
    menu.value = "half"
    assert [s.value for s in sliders[:5]] == pytest.approx([0.5] * 5, rel=0.05)
