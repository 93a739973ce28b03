"""Chapter 1's "Primary or secondary?" figure: every menu state names the cancer exactly as the label table does."""

from __future__ import annotations

import copy
import itertools

import pytest

from metastasis.chapters import what_is_metastatic_cancer as intro
from metastasis.core import data


@pytest.fixture(scope="module")
def figure():
    return intro.primary_or_secondary()


@pytest.fixture(scope="module")
def labels():
    return data.load("primary_site_names").set_index(["primary", "site"])


def _state(fig):
    """The per-trace (visible, opacity) pairs and the annotation texts, as plotly would hold them."""
    traces = [{"visible": t.visible if t.visible is not None else True,
               "opacity": t.opacity if t.opacity is not None else 1.0} for t in fig.data]
    annotations = [a.text for a in fig.layout.annotations]
    return traces, annotations


def _press(state, button):
    """Apply an updatemenu button ("update" with trace indices) to a state, as plotly.js does."""
    traces, annotations = copy.deepcopy(state)
    restyle, relayout, indices = button.args
    for key, values in restyle.items():
        for index, value in zip(indices, values, strict=True):
            traces[index][key] = value
    for key, value in relayout.items():
        position = int(key.split("[")[1].split("]")[0])
        annotations[position] = value
    return traces, annotations


def _shown_answers(fig, traces):
    return [fig.data[i].name for i, t in enumerate(traces)
            if t["visible"] is True and t["opacity"] > 0 and fig.data[i].mode == "text"]


def test_only_scatter_traces(figure):
    assert {t.type for t in figure.figure.data} == {"scatter"}


def test_default_state_names_breast_cancer_in_the_bone(figure, labels):
    traces, annotations = _state(figure.figure)
    assert _shown_answers(figure.figure, traces) == [labels.loc[("breast", "bone"), "correct_name"]]
    assert "Breast" in annotations[0] and "Bone" in annotations[1]


def test_every_pair_of_choices_shows_exactly_the_labelled_name(figure, labels):
    fig = figure.figure
    started, found = fig.layout.updatemenus
    primaries = sorted({p for p, _ in labels.index})
    sites = sorted({s for _, s in labels.index})
    assert len(started.buttons) == len(primaries) and len(found.buttons) == len(sites)
    checked = 0
    for p_button, s_button in itertools.product(started.buttons, found.buttons):
        for order in ((p_button, s_button), (s_button, p_button)):
            state = _state(fig)
            for button in order:
                state = _press(state, button)
            shown = _shown_answers(fig, state[0])
            assert len(shown) == 1, f"{p_button.label} + {s_button.label}: {shown}"
            primary = labels[labels["primary_label"] == p_button.label.split(": ", 1)[1]].index[0][0]
            site = labels[labels["site_label"] == s_button.label.split(": ", 1)[1]].index[0][1]
            assert shown[0] == labels.loc[(primary, site), "correct_name"]
            assert p_button.label.split(": ", 1)[1] in state[1][0]
            assert s_button.label.split(": ", 1)[1] in state[1][1]
            checked += 1
    assert checked == 2 * len(labels)


def test_each_menu_writes_its_own_property_only(figure):
    started, found = figure.figure.layout.updatemenus
    for button in started.buttons:
        assert set(button.args[0]) == {"visible"} and set(button.args[1]) == {"annotations[0].text"}
    for button in found.buttons:
        assert set(button.args[0]) == {"opacity"} and set(button.args[1]) == {"annotations[1].text"}
    started_targets = set(started.buttons[0].args[2])
    found_targets = set(found.buttons[0].args[2])
    icon_traces = {i for i, t in enumerate(figure.figure.data) if t.mode == "markers"}
    assert icon_traces <= started_targets and not icon_traces & found_targets


def test_menus_are_named_and_never_erase_a_title(figure):
    for menu in figure.figure.layout.updatemenus:
        assert menu.name
        for button in menu.buttons:
            assert "title" not in button.args[1]


def test_answer_text_comes_from_the_label_table(figure, labels):
    for trace in figure.figure.data:
        if trace.mode != "text":
            continue
        row = labels[labels["correct_name"] == trace.name].iloc[0]
        assert row["not_called"].split()[0] in trace.text[0]
        assert trace.text[0].startswith("<b>" + trace.name[0].upper() + trace.name[1:])


def test_cell_icon_is_the_same_in_both_organs_and_differs_by_shape(figure):
    icons = [t for t in figure.figure.data if t.mode == "markers"]
    assert all(len(t.x) == 2 and t.y[0] == t.y[1] for t in icons)
    assert len({t.marker.symbol for t in icons}) == len(icons), "shape, not only colour, tells primaries apart"


def test_text_alternative_lists_every_name(figure, labels):
    assert len(figure.table) == len(labels)
    assert set(figure.table["Correct name"]) == set(labels["correct_name"])
    assert "macmillan.org.uk" in figure.source and "doi.org" in figure.source
    assert figure.caption and figure.alt


def test_stage_figure_notes_the_distant_stage_caveat():
    fig = intro.stage_at_diagnosis()
    assert any("first diagnosed" in note for note in fig.notes)
