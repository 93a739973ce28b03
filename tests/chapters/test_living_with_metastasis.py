"""Chapter 7's figures: every number comes from data/, every control state is right, the checklist is offline."""

from __future__ import annotations

import html
import re

import pytest

from metastasis.chapters import living_with_metastasis as living
from metastasis.core import data

ALLOWED_TRACES = {"bar", "scatter"}


def _plain(text: str) -> str:
    """Annotation/title text without the line breaks and tags the builders add for layout."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text.replace("<br>", " "))).strip()


@pytest.fixture(scope="module")
def figures():
    return {
        "evidence": living.palliative_evidence(),
        "models": living.care_across_illness(),
        "team": living.care_team(),
        "weeks": living.chemo_understanding(),
    }


def test_only_trace_types_in_the_plotly_bundle(figures):
    for name, fig in figures.items():
        assert {t.type for t in fig.figure.data} <= ALLOWED_TRACES, name


def test_menu_args_never_set_a_bare_title(figures):
    for name, fig in figures.items():
        for menu in fig.figure.layout.updatemenus:
            for button in menu.buttons:
                for part in button.args[:2]:
                    assert "title" not in part, (name, button.label)


# ---- 1. The evidence for early palliative care ------------------------------------------------------------

def test_evidence_bars_equal_the_csv(figures):
    outcomes = data.load("palliative_care_trial_outcomes")
    traces = figures["evidence"].figure.data
    assert len(traces) == 2 * len(outcomes)
    for i, row in outcomes.iterrows():
        early, standard = traces[2 * i], traces[2 * i + 1]
        assert early.y[0] == row["early_palliative_care"]
        assert standard.y[0] == row["standard_care"]
        assert "Early palliative" in early.x[0] and "Usual care" in standard.x[0]


def test_each_outcome_choice_shows_its_own_pair_of_bars(figures):
    outcomes = data.load("palliative_care_trial_outcomes")
    buttons = figures["evidence"].figure.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == list(outcomes["outcome"])
    for i, button in enumerate(buttons):
        visible = button.args[0]["visible"]
        assert visible.count(True) == 2 and visible[2 * i] and visible[2 * i + 1]
        assert outcomes.loc[i, "outcome"] in button.args[1]["title.text"]
    survival = buttons[list(outcomes["outcome_id"]).index("median_survival")]
    assert "secondary" in survival.args[1]["title.text"]
    quality = buttons[list(outcomes["outcome_id"]).index("quality_of_life")]
    assert quality.args[1]["yaxis.range"] == [0, 136], "quality of life is shown on its full 0-136 scale"


def test_evidence_caption_and_table_carry_the_csv_numbers(figures):
    fig = figures["evidence"]
    outcomes = data.load("palliative_care_trial_outcomes").set_index("outcome_id")
    facts = data.load("palliative_care_trial_facts").set_index("fact_id")
    assert f"{int(facts.loc['randomized', 'value'])} people" in fig.caption
    assert f"{outcomes.loc['quality_of_life', 'early_palliative_care']:.1f}" in fig.caption
    assert f"{outcomes.loc['depressive_symptoms', 'standard_care']:g}%" in fig.caption
    assert len(fig.table) == len(outcomes)
    assert "11.6 months" in fig.table["Early palliative care"].tolist()
    assert any("Survival was a secondary" in n for n in fig.notes)
    assert "doi.org/10.1056/NEJMoa1000678" in fig.source


# ---- 2. Palliative care and hospice across the course of illness ------------------------------------------

def _names(fig, visible):
    return {t.name for t, v in zip(fig.data, visible, strict=True) if v}


def test_model_buttons_switch_between_sequential_and_integrated(figures):
    fig = figures["models"].figure
    integrated, sequential = fig.layout.updatemenus[0].buttons
    assert integrated.label == "Integrated" and sequential.label == "Sequential"
    shown_int = _names(fig, integrated.args[0]["visible"])
    shown_seq = _names(fig, sequential.args[0]["visible"])
    assert {"Palliative care", "Bereavement support", "Hospice", "Cancer treatment"} <= shown_int
    assert "Palliative care" not in shown_seq and "Bereavement support" not in shown_seq
    assert {"Cancer treatment", "Hospice"} <= shown_seq
    assert "Sequential" in sequential.args[1]["title.text"]


def test_diagram_says_it_is_conceptual_and_uses_the_csv_phases(figures):
    fig = figures["models"]
    texts = [_plain(a.text) for a in fig.figure.layout.annotations]
    assert any("not data" in t for t in texts)
    for button in fig.figure.layout.updatemenus[0].buttons:
        assert any("not data" in _plain(a["text"]) for a in button.args[1]["annotations"])
    models = data.load("care_models")
    phases = models.drop_duplicates("phase_order").sort_values("phase_order")["phase"].tolist()
    assert phases == living.PHASES
    assert len(fig.figure.layout.xaxis.ticktext) == len(phases)
    assert len(fig.table) == len(models)
    assert "not data" in fig.caption


# ---- 3. The care team ----------------------------------------------------------------------------------

def test_every_role_is_drawn_once(figures):
    roles = data.load("care_team_roles")
    drawn = [_plain(t) for trace in figures["team"].figure.data if trace.mode == "markers+text" for t in trace.text]
    assert sorted(drawn) == sorted(roles["role"])


def test_role_menu_describes_each_role_from_the_csv(figures):
    roles = data.load("care_team_roles").set_index("role")
    buttons = figures["team"].figure.layout.updatemenus[0].buttons
    assert buttons[0].label == "All roles"
    assert len(buttons) == 1 + len(roles)
    for button in buttons[1:]:
        row = roles.loc[button.label]
        box = _plain(button.args[1]["annotations"][0]["text"])
        assert html.escape(row["what_they_do"]) in box
        assert html.escape(row["you_might_ask_them"]) in box
        assert button.args[1]["title.text"] == button.label
        sizes = [s for trace_sizes in button.args[0]["marker.size"] for s in trace_sizes]
        assert sizes.count(max(sizes)) == 1, "only the chosen role is enlarged"


# ---- 5. What patients understood -----------------------------------------------------------------------

def test_weeks_bars_equal_the_csv(figures):
    weeks = data.load("chemo_cure_expectations")
    did_not, did = figures["weeks"].figure.data
    assert list(did_not.x) == list(weeks["pct_not_reporting_understanding"])
    assert [a + b for a, b in zip(did_not.x, did.x, strict=True)] == [100, 100]
    assert "69 in 100" in figures["weeks"].caption and "81 in 100" in figures["weeks"].caption


# ---- 4. The questions checklist --------------------------------------------------------------------------

def test_checklist_has_one_box_per_question_in_topic_order():
    block = living.questions_checklist()
    questions = data.load("care_questions")
    boxes = re.findall(r'<input type="checkbox" id="course-questions-checklist-(q\d+)"', block.html)
    assert sorted(boxes) == sorted(questions["question_id"])
    for question in questions["question"]:
        assert html.escape(question) in block.html
    legends = re.findall(r"<legend>([^<]+)</legend>", block.html)
    assert legends == [html.escape(t) for t in living.TOPIC_ORDER if t in set(questions["topic"])]


def test_checklist_stays_in_the_browser():
    page = living.questions_checklist().html
    script = page[page.index("<script>"):page.index("</script>")]
    for forbidden in ("fetch(", "XMLHttpRequest", "sendBeacon", "WebSocket", "document.cookie", "http://",
                      "https://", "src="):
        assert forbidden not in script, forbidden
    assert "localStorage" in script and living.STORAGE_KEY in script
    assert "removeItem" in script, "Clear all must delete what was stored"
    assert "Nothing is sent anywhere" in page


# ---- 6. Where to find help -----------------------------------------------------------------------------

def test_help_table_lists_every_checked_line_with_its_country():
    block = living.help_organisations()
    orgs = data.load("help_organisations")
    for _, row in orgs.iterrows():
        assert html.escape(row["phone"]) in block.html
        assert html.escape(row["country"]) in block.html
        assert html.escape(row["organisation"]) in block.html
    assert block.html.count("confirm this number on the website") == int((orgs["verification"] == "secondary").sum())
    assert 'href="tel:18004226237"' in block.html
    assert "emergency number" in block.html
