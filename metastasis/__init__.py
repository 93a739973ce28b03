"""The course package of "Metastasis, explained".

One package holds all data, figure, quiz and live-panel code, so that a chapter notebook calls it in one
line per figure and reads as prose. Modules, one per concern:

- ``data``: the validated data package in ``data/`` (loaders return typed DataFrames).
- ``figures``: the shared figure wrapper (caption, text alternative, data table) and palette.
- ``quiz``: quiz banks in ``book/quizzes/``, validated, shown with JupyterQuiz.
- ``live``: ipywidgets panels in a live kernel; a pointer to the live version in the static book.
- chapter builders: ``intro`` and one module per topic.
- ``sphinx_ext``: the book's Sphinx extension; ``benchmark``: the site benchmark.
"""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
BOOK_DIR = REPO_ROOT / "book"
DATA_DIR = REPO_ROOT / "data"

__all__ = ["REPO_ROOT", "BOOK_DIR", "DATA_DIR"]
