"""The book's chapters: which they are (from ``_toc.yml``) and their MyST text notebooks, read with jupytext.

Every place that needs a chapter's cells, metadata or prose goes through here, so no code parses a notebook
format by hand.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from metastasis import BOOK_DIR, REPO_ROOT

COURSE_PART = "The course"
NOTEBOOK_SUFFIX = ".md"


def toc() -> dict:
    import yaml

    return yaml.safe_load((REPO_ROOT / "_toc.yml").read_text(encoding="utf-8"))


def chapter_stems() -> list[str]:
    """The course's chapters in book order: the pages of the toc's "The course" part."""
    for part in toc().get("parts", []):
        if part.get("caption") == COURSE_PART:
            return [Path(entry["file"]).name for entry in part["chapters"]]
    return []


def chapter_path(stem: str, book_dir: Path = BOOK_DIR) -> Path:
    return book_dir / f"{stem}{NOTEBOOK_SUFFIX}"


def module_name(stem: str) -> str:
    """The chapter's figure code: ``book/how-cancer-spreads.md`` pairs with ``chapters.how_cancer_spreads``."""
    return "metastasis.chapters." + stem.replace("-", "_")


@lru_cache(maxsize=64)
def _read(path: Path, mtime: float):
    import jupytext

    return jupytext.read(path)


def read_chapter(stem: str, book_dir: Path = BOOK_DIR):
    """The chapter as an nbformat notebook (cells and metadata), parsed from its text notebook."""
    path = chapter_path(stem, book_dir)
    return _read(path, path.stat().st_mtime)


def chapter_metadata(stem: str, book_dir: Path = BOOK_DIR) -> dict:
    """The course's own metadata block of a chapter (``metastasis:`` in its front matter): objectives, topics."""
    path = chapter_path(stem, book_dir)
    if not path.exists():
        return {}
    return dict(read_chapter(stem, book_dir).metadata.get("metastasis", {}))


def markdown_cells(stem: str, book_dir: Path = BOOK_DIR) -> list[str]:
    return [c.source for c in read_chapter(stem, book_dir).cells if c.cell_type == "markdown"]


def code_cells(stem: str, book_dir: Path = BOOK_DIR) -> list:
    return [c for c in read_chapter(stem, book_dir).cells if c.cell_type == "code"]


def glue_numbers(numbers: dict) -> None:
    """Make a chapter's numbers available to its prose by name (myst-nb ``glue``, not displayed where glued):
    the text writes ``{glue:text}`name:.1f``` and the built page shows the value computed from the data."""
    from myst_nb import glue

    for name, value in numbers.items():
        glue(name, value, display=False)
