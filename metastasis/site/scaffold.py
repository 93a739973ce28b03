"""Create a new chapter with everything the book and its tests require: ``make chapter STEM=... TITLE="..."``
(or ``python -m metastasis.site.scaffold STEM "Title"``).

It writes, from ``chapter_template/``:

- ``book/<stem>.md``: the text notebook in the template's shape, marked ``draft: true`` until it is written;
- ``metastasis/chapters/<stem_with_underscores>.py``: its figure builders (one example from real data);
- ``book/quizzes/<stem>.json``: its quiz bank, one question per objective;
- ``book/instructor-guide/<stem>.md``: its instructor page with the timed lesson plan and answer key;
- ``tests/chapters/test_<stem_with_underscores>.py``: a unit test of its figure;

and adds the chapter to ``_toc.yml`` (the course and the instructor guide) and to the guide's course outline.
It refuses to overwrite anything.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

from metastasis import REPO_ROOT
from metastasis.core import book

TEMPLATE = Path(__file__).resolve().parent / "chapter_template"
STEM = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
GUIDE_INDEX = "book/instructor-guide/index"
OUTLINE_HEADING = re.compile(r"^## A [a-z-]+-session course\s*$", re.M)


class ScaffoldError(ValueError):
    """The chapter cannot be created as asked; the message says why."""


def objective_prefix(stem: str) -> str:
    """A short ID prefix from the stem's words, e.g. 'bone-health' -> 'BH', 'staging' -> 'STAG'."""
    words = [w for w in stem.split("-") if w not in ("and", "of", "the", "in", "with")]
    return ("".join(w[0] for w in words) if len(words) > 1 else words[0][:4]).upper()


def planned_files(stem: str, root: Path) -> dict[Path, str]:
    module = stem.replace("-", "_")
    return {
        root / "book" / f"{stem}.md": "chapter.md",
        root / "metastasis" / "chapters" / f"{module}.py": "figures.py.tmpl",
        root / "book" / "quizzes" / f"{stem}.json": "quiz.json",
        root / "book" / "instructor-guide" / f"{stem}.md": "instructor.md",
        root / "tests" / "chapters" / f"test_{module}.py": "test_chapter.py.tmpl",
    }


def _add_to_toc(stem: str, root: Path) -> None:
    path = root / "_toc.yml"
    toc = yaml.safe_load(path.read_text(encoding="utf-8"))
    for part in toc["parts"]:
        if part.get("caption") == book.COURSE_PART:
            part["chapters"].append({"file": f"book/{stem}"})
        for chapter in part["chapters"]:
            if chapter["file"] == GUIDE_INDEX:
                chapter.setdefault("sections", []).append({"file": f"book/instructor-guide/{stem}"})
    path.write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")


def _add_to_guide_outline(stem: str, title: str, root: Path) -> None:
    path = root / "book" / "instructor-guide" / "index.md"
    text = path.read_text(encoding="utf-8")
    match = OUTLINE_HEADING.search(text)
    if not match:
        raise ScaffoldError(f"{path}: no '## A ...-session course' section to add the chapter to")
    end = text.find("\n## ", match.end())
    section = text[match.end(): len(text) if end < 0 else end]
    rows = [line for line in section.splitlines() if re.match(r"^\| *\d+ *\|", line)]
    if not rows:
        raise ScaffoldError(f"{path}: the course outline has no table of sessions to add the chapter to")
    session = int(rows[-1].split("|")[1]) + 1
    entry = f"| {session} | {{doc}}`../{stem}` | (draft: {title}) | | |"
    position = text.index(rows[-1], match.end()) + len(rows[-1])
    path.write_text(text[:position] + "\n" + entry + text[position:], encoding="utf-8")


def create(stem: str, title: str, root: Path = REPO_ROOT) -> list[Path]:
    """Write the chapter's files and register it; return the files written."""
    if not STEM.match(stem):
        raise ScaffoldError(f"'{stem}' is not a chapter name: use lowercase words joined by hyphens")
    if not title.strip():
        raise ScaffoldError("give the chapter a title")
    files = planned_files(stem, root)
    existing = [str(p.relative_to(root)) for p in files if p.exists()]
    if existing:
        raise ScaffoldError(f"not overwriting {', '.join(existing)}")
    values = {"stem": stem, "title": title.strip(), "title_lower": title.strip().lower(),
              "module": stem.replace("-", "_"), "prefix": objective_prefix(stem)}
    for target, template in files.items():
        text = (TEMPLATE / template).read_text(encoding="utf-8").format(**values)
        target.write_text(text, encoding="utf-8")
    _add_to_toc(stem, root)
    _add_to_guide_outline(stem, title.strip(), root)
    return list(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Create a new chapter of the book.")
    parser.add_argument("stem", help="the chapter's file name without .md, e.g. bone-health")
    parser.add_argument("title", help='the chapter title, e.g. "Bone health"')
    args = parser.parse_args(argv)
    try:
        written = create(args.stem, args.title)
    except ScaffoldError as err:
        print(f"scaffold: {err}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path.relative_to(REPO_ROOT)}")
    print("added to _toc.yml and the instructor guide's outline. Next: write the chapter, then `make test`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
