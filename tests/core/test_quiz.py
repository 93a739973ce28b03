"""Quiz banks: every bank is valid, and each broken rule is reported with file, question and rule."""

from __future__ import annotations

import copy
import json

import pytest

from metastasis.core import quiz

GOOD = [
    {"question": "Which is right?", "type": "multiple_choice", "objective": "INTRO-1",
     "answers": [{"answer": "This", "correct": True, "feedback": "Yes, because it is the right one."},
                 {"answer": "That", "correct": False, "feedback": "No, because it is the wrong one."}]},
    {"question": "Which are right? Select all that apply.", "type": "many_choice", "objective": "INTRO-2",
     "answers": [{"answer": "A", "correct": True, "feedback": "Yes, A is one of the right ones."},
                 {"answer": "B", "correct": True, "feedback": "Yes, B is one of the right ones."},
                 {"answer": "C", "correct": False, "feedback": "No, C is not right because of reasons."}]},
]
OBJECTIVES = ["INTRO-1", "INTRO-2"]


def test_every_bank_in_the_book_is_valid():
    assert quiz.validate_all() == []


def test_every_chapter_has_a_bank_covering_its_objectives():
    from conftest import chapter_stems

    for stem in chapter_stems():
        objectives = quiz.chapter_objectives(stem)
        assert objectives, f"{stem}.ipynb declares no objectives in its metadata"
        questions = quiz.load_bank(stem)
        assert {q["objective"] for q in questions} >= set(objectives)


def test_good_bank_passes():
    assert quiz.validate_bank(GOOD, "bank.json", OBJECTIVES) == []


def _broken(mutate):
    bank = copy.deepcopy(GOOD)
    mutate(bank)
    return quiz.validate_bank(bank, "book/quizzes/x.json", OBJECTIVES)


@pytest.mark.parametrize("mutate, rule, where", [
    (lambda b: b[0].pop("objective"), "rule 'objective'", "question 1"),
    (lambda b: b[0].update(objective="SPREAD-9"), "is not an objective of this chapter", "question 1"),
    (lambda b: b[0]["answers"][1].update(correct=True), "rule 'one correct answer'", "question 1"),
    (lambda b: b[0]["answers"][0].update(feedback=""), "rule 'feedback'", "), answer 1"),
    (lambda b: b[1].update(question="Which are right?"), "rule 'many'", "question 2"),
    (lambda b: b[1].update(type="essay"), "rule 'type'", "question 2"),
    (lambda b: b[0].update(answers=b[0]["answers"][:1]), "rule 'answers'", "question 1"),
    (lambda b: b[0]["answers"][0].update(correct="yes"), "rule 'correct'", "), answer 1"),
    (lambda b: b.pop(1), "rule 'coverage'", "INTRO-2"),
])
def test_broken_rule_is_named(mutate, rule, where):
    problems = _broken(mutate)
    assert problems, "the broken bank was accepted"
    text = "\n".join(problems)
    assert "book/quizzes/x.json" in text and rule in text and where in text


def test_malformed_json_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('[{"question": "x",\n "type": }]')
    with pytest.raises(quiz.QuizBankError, match=r"bad\.json: not valid JSON \(line 2"):
        quiz.load_bank(bad)


def test_show_renders_inline_quiz_without_remote_code(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *objs, **kw: shown.extend(objs))
    import jupyterquiz.dynamic.display as jq

    monkeypatch.setattr(jq, "display", lambda *objs, **kw: shown.extend(objs))
    quiz.show("what-is-metastatic-cancer")
    payload = "".join(getattr(o, "data", "") or "" for o in shown)
    questions = quiz.load_bank("what-is-metastatic-cancer")
    assert questions[0]["question"][:40] in payload.replace("\\u2013", "-") or json.dumps(
        questions[0]["question"])[1:40] in payload
    assert "<script src=" not in payload
