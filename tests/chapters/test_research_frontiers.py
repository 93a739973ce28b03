"""Chapter 6 figures: the evidence ladder and the milestones timeline show exactly what data/ holds."""

from __future__ import annotations

import html
import re

import pytest

from metastasis.chapters import research_frontiers as research
from metastasis.core import data


@pytest.fixture(scope="module")
def claims():
    return data.load("evidence_claims").sort_values(["rung", "year", "claim_id"]).reset_index(drop=True)


@pytest.fixture(scope="module")
def milestones():
    return data.load("milestones").sort_values(["year", "milestone_id"]).reset_index(drop=True)


@pytest.fixture(scope="module")
def ladder():
    return research.evidence_ladder()


@pytest.fixture(scope="module")
def timeline():
    return research.milestones_timeline()


def _plain(text: str) -> str:
    """Annotation text as a reader sees it: tags and line breaks removed, entities decoded."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))).strip()


# ---------------------------------------------------------------------------------------------------- ladder

def test_every_claim_sits_on_its_rung_and_year(ladder, claims):
    everyone = ladder.figure.data[0]
    assert list(everyone.x) == list(claims["year"])
    assert [round(y) for y in everyone.y] == list(claims["rung"])
    stars = ladder.figure.data[1:]
    assert len(stars) == len(claims)
    for star, (_, row) in zip(stars, claims.iterrows(), strict=True):
        assert star.name == row["label"]
        assert list(star.x) == [row["year"]] and round(star.y[0]) == row["rung"]
        assert abs(star.y[0] - row["rung"]) < 0.42, "a star must stay inside its rung's band"
        assert star.visible is False


def test_claims_sharing_a_year_and_rung_do_not_overlap(ladder):
    points = list(zip(ladder.figure.data[0].x, ladder.figure.data[0].y, strict=True))
    assert len(set(points)) == len(points)


def test_menu_has_one_state_per_claim_plus_all(ladder, claims):
    menu = ladder.figure.layout.updatemenus[0]
    assert menu.type == "dropdown"
    labels = [b.label for b in menu.buttons]
    assert labels == ["All claims"] + list(claims["label"])
    assert max(len(label) for label in labels) <= 30, "menu labels must fit a phone"


def test_each_menu_state_shows_one_star_and_explains_its_rung(ladder, claims):
    buttons = ladder.figure.layout.updatemenus[0].buttons
    everything = buttons[0].args[0]["visible"]
    assert everything[0] is True and not any(everything[1:])
    for i, (button, (_, row)) in enumerate(zip(buttons[1:], claims.iterrows(), strict=True)):
        visible = button.args[0]["visible"]
        assert visible[0] is True and visible.count(True) == 2 and visible[i + 1] is True
        layout = button.args[1]
        assert "title" not in layout and layout["title.text"].startswith(f"Rung {row['rung']} of 6")
        box = _plain(layout["annotations"][-1]["text"])
        for field in ("claim", "study", "why", "next_step", "source"):
            assert _plain(html.escape(row[field])) in box, f"{row['claim_id']}: '{field}' missing from the box"
        assert row["rung_label"] in box


def test_rung_names_stay_in_every_state(ladder):
    tags = [a.text for a in ladder.figure.layout.annotations[:-1]]
    assert tags == [research.RUNG_TAG[r] for r in range(1, 7)]
    for button in ladder.figure.layout.updatemenus[0].buttons:
        assert [a["text"] for a in button.args[1]["annotations"][:-1]] == tags


def test_ladder_caption_counts_come_from_the_data(ladder, claims):
    counts = claims["rung"].value_counts()
    assert f"The {len(claims)} claims" in ladder.caption
    assert f"{counts.get(1, 0) + counts.get(2, 0)} come only from cells or animals" in ladder.caption
    assert f"{counts.get(3, 0) + counts.get(4, 0)} from early trials in people" in ladder.caption
    assert f"{counts.get(5, 0)} from randomized phase III trials" in ladder.caption
    assert f"{counts.get(6, 0)} have been approved" in ladder.caption


def test_ladder_text_alternative_lists_every_claim_and_rung(ladder, claims):
    table = ladder.table
    assert list(table["Claim"]) == list(claims["claim"])
    assert list(table["Rung"]) == list(claims["rung"])
    for sid in set(claims["source_id"]):
        src = next(s for s in data.resource("evidence_claims")["sources"] if s["id"] == sid)
        assert html.escape(src["path"], quote=True) in ladder.source


# -------------------------------------------------------------------------------------------------- timeline

def test_timeline_traces_hold_each_kinds_milestones(timeline, milestones):
    traces = {t.name: t for t in timeline.figure.data}
    assert list(traces) == ["Biology", "Diagnosis", "Treatment"]
    for kind, trace in zip(research.KIND_ORDER, timeline.figure.data, strict=True):
        part = milestones[milestones["kind"] == kind]
        assert list(trace.x) == list(part["year"])
        assert list(trace.text) == [f"{y}  {e}" for y, e in zip(part["year"], part["event"], strict=True)]
        assert list(trace.y) == list(part.index), "rows run in date order over all kinds"


def test_timeline_buttons_filter_by_kind_without_gaps(timeline, milestones):
    menu = timeline.figure.layout.updatemenus[0]
    assert menu.type == "buttons"
    assert [b.label for b in menu.buttons] == ["All", "Biology", "Diagnosis", "Treatment"]
    everything = menu.buttons[0].args
    assert everything[0]["visible"] == [True, True, True]
    assert sorted(y for ys in everything[0]["y"] for y in ys) == list(range(len(milestones)))
    for i, (button, kind) in enumerate(zip(menu.buttons[1:], research.KIND_ORDER, strict=True)):
        visible = button.args[0]["visible"]
        assert visible.count(True) == 1 and visible[i]
        shown = button.args[0]["y"][i]
        assert shown == list(range(int((milestones["kind"] == kind).sum())))
        assert "title" not in button.args[1] and kind in button.args[1]["title.text"]


def test_timeline_labels_fit_and_do_not_run_off(timeline):
    for trace in timeline.figure.data:
        for year, position in zip(trace.x, trace.textposition, strict=True):
            assert position == ("middle right" if year < 1950 else "middle left")
        assert all(len(t) <= 42 for t in trace.text)


def test_timeline_caption_and_table_come_from_the_data(timeline, milestones):
    per_kind = milestones["kind"].value_counts()
    assert f"{len(milestones)} milestones from {milestones['year'].min()}" in timeline.caption
    for kind in research.KIND_ORDER:
        assert f"{per_kind[kind]} in {kind}" in timeline.caption
    assert list(timeline.table["Milestone"]) == list(milestones["event"])
    assert len(timeline.table) == len(milestones)
