"""Chapter 4's figures: every number comes from data/ and every Kaplan-Meier number equals lifelines' own."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from lifelines import KaplanMeierFitter

from metastasis.chapters import survival_and_prognosis as survival
from metastasis.core import data

DAYS_PER_MONTH = 365.25 / 12


@pytest.fixture(scope="module")
def km():
    return survival.km_explorer()


def _visible(figure, state: int) -> list[int]:
    """Indices of the traces that the dropdown's button ``state`` shows."""
    mask = figure.layout.updatemenus[0].buttons[state].args[0]["visible"]
    return [i for i, shown in enumerate(mask) if shown]


def _reference_fit(state: survival.Grouping, label: str) -> KaplanMeierFitter:
    """lifelines fitted directly on the CSV, without the package's helpers: the numbers the figure must show."""
    raw = data.load(state.dataset)
    months = (raw["time_days"] / DAYS_PER_MONTH if "time_days" in raw else raw["time_months"]).astype(float)
    frame = survival.patient_data(state.dataset)
    if state.compare_censoring:
        keep = pd.Series(True, index=raw.index) if label.startswith("Right") else raw["died"] == 1
    else:
        keep = frame[state.column] == label
    return KaplanMeierFitter().fit(months[keep], raw["died"][keep].astype(bool))


# ---------------------------------------------------------------------------------------------------- data
def test_patient_data_match_lifelines_ncctg_lung_exactly():
    from lifelines.datasets import load_lung

    raw = load_lung()
    ours = data.load("ncctg_lung")
    assert len(ours) == len(raw) == 228
    assert list(ours["time_days"]) == list(raw["time"].astype(int))
    assert list(ours["died"]) == list(raw["status"].astype(int))
    assert list(ours["sex"]) == list(raw["sex"].map({1: "male", 2: "female"}))
    pd.testing.assert_series_equal(ours["ecog_physician"].astype("Float64"), raw["ph.ecog"].astype("Float64"),
                                   check_names=False)


def _scikit_survival_va_lung():
    X, y = pytest.importorskip("sksurv.datasets").load_veterans_lung_cancer()
    return "va_lung_trial", {"time_days": y["Survival_in_days"].astype(int), "died": y["Status"].astype(int),
                             "karnofsky_score": X["Karnofsky_score"].astype(int),
                             "cell_type": X["Celltype"].astype(str)}


def _survset_prostate():
    raw = pytest.importorskip("SurvSet.data").SurvLoader().load_dataset(ds_name="prostate")["df"]
    return "prostate_trial", {"time_months": raw["time"].astype(int), "died": raw["event"].astype(int),
                              "bone_metastases": raw["fac_bm"].astype(int), "stage": raw["fac_stage"].astype(int)}


@pytest.mark.parametrize("published_copy", [_scikit_survival_va_lung, _survset_prostate],
                         ids=["scikit-survival-va-lung", "survset-prostate"])
def test_patient_data_match_a_published_copy_when_installed(published_copy):
    name, columns = published_copy()
    ours = data.load(name)
    for column, theirs in columns.items():
        assert list(ours[column]) == list(theirs), f"{name}: column {column} differs from the published copy"


def test_patient_data_counts_match_their_published_descriptions():
    va, ncctg, prostate = (data.load(n) for n in ("va_lung_trial", "ncctg_lung", "prostate_trial"))
    assert (len(va), int(va["died"].sum())) == (137, 128)
    assert (len(ncctg), int(ncctg["died"].sum())) == (228, 165)
    assert (len(prostate), int(prostate["died"].sum()), int(prostate["bone_metastases"].sum())) == (502, 354, 82)


# ------------------------------------------------------------------------------------ Kaplan-Meier explorer
def test_every_curve_equals_lifelines_on_the_same_data(km):
    figure = km.figure
    for s, state in enumerate(survival.GROUPINGS):
        curves = [figure.data[i] for i in _visible(figure, s) if figure.data[i].meta == "curve"]
        assert curves, state.label
        for curve in curves:
            label = curve.name.rsplit(" (median", 1)[0]
            ref = _reference_fit(state, label)
            sf = ref.survival_function_
            np.testing.assert_allclose(curve.x, sf.index.to_numpy(), atol=1e-3)
            np.testing.assert_allclose(curve.y, 100 * sf.iloc[:, 0].to_numpy(), atol=0.01)
            ci = ref.confidence_interval_
            np.testing.assert_allclose(np.array(curve.customdata)[:, 0], 100 * ci.iloc[:, 0], atol=0.01)
            np.testing.assert_allclose(np.array(curve.customdata)[:, 1], 100 * ci.iloc[:, 1], atol=0.01)
            med = ref.median_survival_time_
            assert f"median {med:.1f} months" in curve.name if np.isfinite(med) else "not reached" in curve.name


def test_medians_and_landmarks_in_the_table_equal_lifelines(km):
    from lifelines.utils import median_survival_times

    for _, row in km.table.iterrows():
        state = next(g for g in survival.GROUPINGS if g.label == row["Grouping"])
        ref = _reference_fit(state, row["Group"])
        assert row["Median (months)"] == pytest.approx(round(ref.median_survival_time_, 1))
        lo, hi = median_survival_times(ref.confidence_interval_).iloc[0]
        assert row["Median 95% CI, lower"] == pytest.approx(round(lo, 1))
        assert row["Median 95% CI, upper"] == pytest.approx(round(hi, 1))
        for m in (6, 12):
            assert row[f"Alive at {m} months (%)"] == pytest.approx(
                round(100 * ref.survival_function_at_times(m).iloc[0], 1))
        assert row["People"] == len(ref.durations) and row["Deaths"] == int(ref.event_observed.sum())


def test_censor_ticks_are_the_censored_people_on_the_curve(km):
    figure = km.figure
    for s, state in enumerate(survival.GROUPINGS):
        shown = [figure.data[i] for i in _visible(figure, s)]
        curves = [t for t in shown if t.meta == "curve"]
        ticks = [t for t in shown if t.meta == "censor"]
        for curve, tick in zip(curves, ticks, strict=True):
            ref = _reference_fit(state, curve.name.rsplit(" (median", 1)[0])
            censored = np.sort(np.asarray(ref.durations)[~np.asarray(ref.event_observed, dtype=bool)])
            order = np.argsort(tick.x, kind="stable")
            np.testing.assert_allclose(np.asarray(tick.x)[order], censored, atol=1e-3)
            expected = 100 * ref.survival_function_at_times(censored).to_numpy()
            np.testing.assert_allclose(np.asarray(tick.y)[order], expected, atol=0.01)


def test_number_at_risk_equals_lifelines_event_table(km):
    figure = km.figure
    for s, state in enumerate(survival.GROUPINGS):
        shown = [figure.data[i] for i in _visible(figure, s)]
        curves = [t for t in shown if t.meta == "curve"]
        (risk,) = [t for t in shown if t.meta == "at-risk"]
        times = survival.DATASETS[state.dataset]["at_risk"]
        counts = [int(t) for t in risk.text if str(t).isdigit()]
        assert len(counts) == len(times) * len(curves)
        for g, curve in enumerate(curves):
            table = _reference_fit(state, curve.name.rsplit(" (median", 1)[0]).event_table
            for k, t in enumerate(times):
                later = table[table.index >= t - 1e-9]
                expected = int(later["at_risk"].iloc[0]) if len(later) else 0
                assert counts[g * len(times) + k] == expected, (state.label, curve.name, t)


def test_each_grouping_button_shows_one_state_and_keeps_titles(km):
    figure = km.figure
    buttons = figure.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == [g.label for g in survival.GROUPINGS]
    seen = set()
    for s, button in enumerate(buttons):
        shown = set(_visible(figure, s))
        assert shown and not shown & seen, "each trace belongs to exactly one grouping"
        seen |= shown
        layout = button.args[1]
        assert "title" not in layout and layout["title.text"] == survival.GROUPINGS[s].title
        assert layout["xaxis.range"] == layout["xaxis2.range"]
    assert seen == set(range(len(figure.data)))
    assert [i for i, t in enumerate(figure.data) if t.visible] == _visible(figure, 0)


def test_dropping_censored_people_biases_the_curve_down(km):
    state = next(g for g in survival.GROUPINGS if g.compare_censoring)
    rows = km.table[km.table["Grouping"] == state.label]
    right, wrong = rows.iloc[0], rows.iloc[1]
    assert right["Censored"] > 0 and wrong["Censored"] == 0
    assert wrong["Median (months)"] < right["Median (months)"]
    assert wrong["Alive at 12 months (%)"] < right["Alive at 12 months (%)"]


def test_any_column_can_group_the_curves():
    frame = survival.patient_data("ncctg_lung")
    for column in ("age_years", "sex", "ecog_physician", "weight_loss_lb"):
        fits = survival.fit_groups(frame, column)
        assert 2 <= len(fits) <= 7
        assert sum(len(f.durations) for f in fits) == frame[column].notna().sum()


# ------------------------------------------------------------------------------------------ stage figure
def test_stage_dots_are_the_seer_values():
    fig = survival.stage_survival().figure
    seer = data.load("seer_stage_survival")
    for trace in fig.data:
        rows = seer[seer["stage"] == trace.name].set_index("site_label")["relative_survival_5yr_pct"]
        assert len(trace.x) == len(rows.dropna())
        for site, value in zip(trace.y, trace.x, strict=True):
            assert value == rows[site]


def test_stage_menus_filter_stages_and_sort_by_distant_survival():
    fig = survival.stage_survival().figure
    stage_menu, sort_menu = fig.layout.updatemenus
    for button in stage_menu.buttons[1:]:
        assert button.args[0]["visible"].count(True) == 1
    seer = data.load("seer_stage_survival")
    distant = seer[seer["stage"] == "Distant"].set_index("site_label")["relative_survival_5yr_pct"]
    order = list(sort_menu.buttons[0].args[0]["yaxis.categoryarray"])[::-1]
    ranked = [s for s in order if s in distant.index]
    assert [distant[s] for s in ranked] == sorted(distant, reverse=True)
    assert set(order) == set(seer["site_label"])
    assert list(fig.layout.yaxis.categoryarray) == list(sort_menu.buttons[0].args[0]["yaxis.categoryarray"])


def test_stage_caption_names_the_lowest_and_highest_distant_values():
    figure = survival.stage_survival()
    seer = data.load("seer_stage_survival")
    distant = seer[seer["stage"] == "Distant"]
    low, high = distant.loc[distant["relative_survival_5yr_pct"].idxmin()], distant.loc[
        distant["relative_survival_5yr_pct"].idxmax()]
    assert f"{low['relative_survival_5yr_pct']:g}% ({low['site_label'].lower()})" in figure.caption
    assert f"{high['relative_survival_5yr_pct']:g}% ({high['site_label'].lower()})" in figure.caption


# ------------------------------------------------------------------------------------- median message
def test_median_message_numbers_come_from_the_data():
    figure = survival.median_message()
    raw = data.load("va_lung_trial")
    months = raw["time_days"] / DAYS_PER_MONTH
    ref = KaplanMeierFitter().fit(months, raw["died"].astype(bool))
    med = ref.median_survival_time_
    dead, alive = figure.figure.data
    assert sum(dead.y) == raw["died"].sum() and sum(alive.y) == (raw["died"] == 0).sum()
    assert figure.figure.layout.shapes[0].x0 == pytest.approx(med)
    beyond = int((months > 2 * med).sum())
    assert f"{beyond} of {len(raw)}" in figure.figure.layout.title.text
    for step in figure.figure.layout.sliders[0].steps:
        t = float(step.label)
        text = step.args[0]["annotations[2].text"]
        assert f"{100 * ref.survival_function_at_times(t).iloc[0]:.0f}% still alive" in text
        assert f"{int((months > t).sum())} of {len(raw)}" in text
        assert step.args[0]["shapes[2].x0"] == t


# --------------------------------------------------------------------------------------- trial landmarks
def test_trial_bars_are_the_csv_values_and_buttons_switch_views():
    figure = survival.trial_landmarks().figure
    trials = data.load("trial_landmarks")
    for trace, (trial, endpoint, _label, _title) in zip(figure.data, survival.TRIAL_VIEWS, strict=True):
        rows = trials[(trials["trial"] == trial) & (trials["endpoint"] == endpoint)]
        assert list(trace.y) == list(rows["survival_pct"])
    buttons = figure.layout.updatemenus[0].buttons
    for v, button in enumerate(buttons):
        assert button.args[0]["visible"] == [i == v for i in range(len(buttons))]
        assert button.args[1]["title.text"] == survival.TRIAL_VIEWS[v][3] and "title" not in button.args[1]
        assert len(button.args[1]["xaxis.ticktext"]) == len(figure.data[v].y)


# ------------------------------------------------------------------------------------------- live panel
def test_live_panel_regroups_drops_censored_and_resets(monkeypatch):
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: None)
    box = survival.km_live_panel()
    first = box.course_figure.table
    box.controls["drop"].value = True
    dropped = box.course_figure.table
    assert (dropped["Censored"] == 0).all() and (first["Censored"] > 0).any()
    assert dropped["Median (months)"].sum() < first["Median (months)"].sum()
    box.controls["dataset"].value = "prostate_trial"
    box.controls["column"].value = "bone_label"
    assert set(box.course_figure.table["Group"]) == {"No bone metastases (censored dropped)",
                                                     "Bone metastases (censored dropped)"}
    box.controls["column"].value = "age_years"  # a many-valued number: split at its median, named in words
    assert {g.split(" (")[0] for g in box.course_figure.table["Group"]} == {"Age below 73", "Age 73 or more"}
    box.controls["reset"].click()
    assert (box.controls["dataset"].value, box.controls["drop"].value) == ("va_lung_trial", False)
    pd.testing.assert_frame_equal(box.course_figure.table, first)


def test_live_panel_menus_show_words_never_column_names():
    for dataset in survival.DATASETS:
        labels = [label for label, _ in survival.grouping_options(dataset)]
        assert labels and all("_" not in label and label[0].isupper() for label in labels), labels
        frame = survival.patient_data(dataset)
        for _, column in survival.grouping_options(dataset):
            groups = survival.fit_groups(frame, column)
            assert all("_" not in g.label for g in groups), (dataset, column, [g.label for g in groups])


# ---------------------------------------------------------------------------- the prose quotes the data
GLUED = re.compile(r"\{glue:text\}`([a-z0-9_]+)(?::[^`]*)?`")


def test_every_number_in_the_prose_is_glued_from_the_data(km):
    """The prose quotes numbers by name; every name is computed by prose_numbers(), and no result of the trials
    is typed into the text."""
    from metastasis.core import book

    text = " ".join(" ".join(source.split()) for source in book.markdown_cells("survival-and-prognosis"))
    numbers = survival.prose_numbers()
    used = set(GLUED.findall(text))
    assert used and used <= set(numbers), f"glued in the text but not computed: {sorted(used - set(numbers))}"
    assert set(numbers) <= used, f"computed but not used in the text: {sorted(set(numbers) - used)}"
    for pasted in ("3.7 months", "0.7 months", "12.9, 10.1", "10.2 months", "7.4 months", "(1.7 vs", "137 people",
                   "31 of the"):
        assert pasted not in text, f"'{pasted}' is typed into the prose instead of glued from the data"


def test_prose_numbers_are_computed_from_the_data(km):
    numbers = survival.prose_numbers()
    table = km.table.set_index(["Grouping", "Group"])["Median (months)"]
    assert numbers["va_karnofsky_high_median"] == table.loc[("VA: Karnofsky score", "Karnofsky 60 or higher")]
    assert numbers["ncctg_censored_kept_median"] > numbers["ncctg_censored_dropped_median"], \
        "dropping censored people must shorten the median"
    va = data.load("va_lung_trial")
    assert numbers["va_count"] == len(va) and numbers["va_died"] == int(va["died"].sum())
    months = va["time_days"] / DAYS_PER_MONTH
    everyone = KaplanMeierFitter().fit(months, va["died"]).median_survival_time_
    assert numbers["va_median_months"] == pytest.approx(everyone)
    assert numbers["va_beyond_twice_median"] == int((months > 2 * everyone).sum())
    assert numbers["prostate_median_age"] == data.load("prostate_trial")["age_years"].median()


@pytest.mark.build
def test_built_page_shows_the_glued_values(built_site):
    page = (built_site / "book" / "survival-and-prognosis.html").read_text(encoding="utf-8")
    numbers = survival.prose_numbers()
    plain = " ".join(re.sub(r"<[^>]+>", "", page).split())
    assert f"had died by {numbers['va_median_months']:.1f} months" in plain
    assert f"median survival is {numbers['ncctg_censored_kept_median']:.1f} months" in plain
    assert "glue:text" not in page
