"""Self-check quizzes: banks are JSON files in ``book/quizzes/``, validated, then shown with JupyterQuiz.

JupyterQuiz renders the quiz with its JavaScript and CSS inlined, so it works in the static page with no
kernel and no request to another host. A bank that breaks a rule stops the build with a message naming the
file, the question and the rule.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from metastasis import BOOK_DIR
from metastasis.core import book

QUIZ_DIR = BOOK_DIR / "quizzes"
TYPES = ("multiple_choice", "many_choice")
QUESTION_KEYS = {"question", "type", "objective", "answers", "answer_cols", "code"}
ANSWER_KEYS = {"answer", "correct", "feedback", "code"}
MIN_ANSWERS, MAX_ANSWERS = 2, 6
# Colours with at least 4.5:1 contrast for the white text JupyterQuiz draws on them.
COLORS = {
    "--jq-multiple-choice-bg": "#1f4e79",
    "--jq-many-choice-bg": "#7a3b00",
    "--jq-mc-button-bg": "#ffffff",
    "--jq-mc-button-border": "#767676",
    "--jq-mc-button-inset-shadow": "#555555",
    "--jq-incorrect-color": "#a40000",
    "--jq-correct-color": "#006b1a",
    "--jq-text-color": "#ffffff",
    "--jq-link-color": "#cfe3ff",
}


class QuizBankError(ValueError):
    """A quiz bank breaks a rule; the message names the file, the question and the rule."""


def bank_path(stem: str) -> Path:
    return QUIZ_DIR / f"{stem}.json"


def chapter_objectives(stem: str, book_dir: Path = BOOK_DIR) -> list[str]:
    """The objective IDs a chapter declares in its front matter (``metastasis: objectives:``)."""
    return list(book.chapter_metadata(stem, book_dir).get("objectives", []))


def validate_bank(questions, path: Path | str, objectives: list[str] | None = None) -> list[str]:
    """Every rule the bank breaks, as messages naming file, question and rule (empty when valid)."""
    where = str(path)
    if not isinstance(questions, list) or not questions:
        return [f"{where}: the bank must be a non-empty JSON list of questions"]
    problems = []
    seen_text = {}
    for qi, q in enumerate(questions, start=1):
        label = f"{where}: question {qi}"
        if not isinstance(q, dict):
            problems.append(f"{label}: must be an object")
            continue
        text = str(q.get("question", "")).strip()
        if text:
            label += f' ("{text[:60]}")'
        else:
            problems.append(f"{label}: rule 'question text': the question has no text")
        if text in seen_text:
            problems.append(f"{label}: rule 'unique': same text as question {seen_text[text]}")
        seen_text.setdefault(text, qi)
        unknown = set(q) - QUESTION_KEYS
        if unknown:
            problems.append(f"{label}: rule 'known keys': unknown keys {sorted(unknown)}")
        qtype = q.get("type")
        if qtype not in TYPES:
            problems.append(f"{label}: rule 'type': '{qtype}' is not one of {list(TYPES)}")
        objective = q.get("objective")
        if not objective:
            problems.append(f"{label}: rule 'objective': the question must name the learning objective it checks")
        elif objectives is not None and objective not in objectives:
            problems.append(f"{label}: rule 'objective': '{objective}' is not an objective of this chapter "
                            f"({', '.join(objectives)})")
        answers = q.get("answers")
        if not isinstance(answers, list) or not (MIN_ANSWERS <= len(answers) <= MAX_ANSWERS):
            problems.append(f"{label}: rule 'answers': needs a list of {MIN_ANSWERS} to {MAX_ANSWERS} answers")
            continue
        correct = 0
        for ai, a in enumerate(answers, start=1):
            alabel = f"{label}, answer {ai}"
            if not isinstance(a, dict):
                problems.append(f"{alabel}: must be an object")
                continue
            if set(a) - ANSWER_KEYS:
                problems.append(f"{alabel}: rule 'known keys': unknown keys {sorted(set(a) - ANSWER_KEYS)}")
            if not str(a.get("answer", "")).strip():
                problems.append(f"{alabel}: rule 'answer text': the answer has no text")
            if not isinstance(a.get("correct"), bool):
                problems.append(f"{alabel}: rule 'correct': must be true or false")
            elif a["correct"]:
                correct += 1
            if len(str(a.get("feedback", "")).strip()) < 15:
                problems.append(f"{alabel}: rule 'feedback': every answer needs feedback that explains why")
        if qtype == "multiple_choice" and correct != 1:
            problems.append(f"{label}: rule 'one correct answer': a multiple_choice question needs exactly one "
                            f"correct answer, found {correct}")
        if qtype == "many_choice":
            if correct < 1:
                problems.append(f"{label}: rule 'many': a many_choice question needs at least one correct answer")
            if "select all" not in text.lower():
                problems.append(f"{label}: rule 'many': a many_choice question must say 'Select all that apply'")
    if objectives:
        covered = {q.get("objective") for q in questions if isinstance(q, dict)}
        missing = [o for o in objectives if o not in covered]
        if missing:
            problems.append(f"{where}: rule 'coverage': no question checks {', '.join(missing)}")
    return problems


def load_bank(stem_or_path: str | Path, objectives: list[str] | None = None) -> list[dict]:
    """Read and validate a bank; raise QuizBankError listing every broken rule."""
    path = Path(stem_or_path)
    if path.suffix != ".json":
        stem = str(stem_or_path)
        path = bank_path(stem)
        if objectives is None:
            objectives = chapter_objectives(stem) or None
    try:
        questions = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise QuizBankError(f"{path}: quiz bank not found") from err
    except json.JSONDecodeError as err:
        raise QuizBankError(f"{path}: not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})") from err
    problems = validate_bank(questions, path, objectives)
    if problems:
        raise QuizBankError("quiz bank is invalid:\n" + "\n".join(problems))
    return questions


def validate_all(quiz_dir: Path = QUIZ_DIR) -> list[str]:
    problems = []
    for path in sorted(quiz_dir.glob("*.json")):
        try:
            load_bank(path, chapter_objectives(path.stem) or None)
        except QuizBankError as err:
            problems.append(str(err))
    return problems


def show(stem: str):
    """Display a chapter's quiz (answers in a fixed order, so the page is the same on every build)."""
    from jupyterquiz import display_quiz

    questions = load_bank(stem)
    random.seed(stem)  # JupyterQuiz draws its container id at random: make it reproducible.
    display_quiz(questions, shuffle_answers=False, colors=COLORS, max_width=760, border_radius=6)
