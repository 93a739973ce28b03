"""The scaffold command makes a chapter that passes the book's tests and builds, in a copy of the repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from metastasis import REPO_ROOT
from metastasis.site import scaffold

COPIED = ("_config.yml", "_toc.yml", "pyproject.toml", "requirements.txt", "README.md", "book", "data", "metastasis",
          "tests", "tools", ".jupyter", "postBuild", "maintainers")


@pytest.fixture
def repo_copy(tmp_path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "artifacts", "*.egg-info")
    for name in COPIED:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=ignore)
        else:
            shutil.copy2(source, root / name)
    return root


def _run(args, root, **kw):
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([sys.executable, *args], cwd=root, env=env, capture_output=True, text=True, **kw)


def test_scaffold_writes_every_file_and_registers_the_chapter(repo_copy):
    written = scaffold.create("bone-health", "Bone health", root=repo_copy)
    assert {p.relative_to(repo_copy).as_posix() for p in written} == {
        "book/bone-health.md", "metastasis/chapters/bone_health.py", "book/quizzes/bone-health.json",
        "book/instructor-guide/bone-health.md", "tests/chapters/test_bone_health.py"}
    toc = yaml.safe_load((repo_copy / "_toc.yml").read_text())
    course = next(p for p in toc["parts"] if p.get("caption") == "The course")
    assert course["chapters"][-1] == {"file": "book/bone-health"}
    assert "{doc}`../bone-health`" in (repo_copy / "book" / "instructor-guide" / "index.md").read_text()
    assert "objectives: [BH-1, BH-2]" in (repo_copy / "book" / "bone-health.md").read_text()


def test_scaffold_refuses_to_overwrite_or_a_bad_name(repo_copy):
    with pytest.raises(scaffold.ScaffoldError, match="not overwriting book/diagnosis.md"):
        scaffold.create("diagnosis", "Diagnosis again", root=repo_copy)
    with pytest.raises(scaffold.ScaffoldError, match="lowercase words joined by hyphens"):
        scaffold.create("Bone Health", "Bone health", root=repo_copy)


@pytest.mark.build
def test_scaffolded_chapter_passes_the_book_tests_and_builds(repo_copy):
    made = _run(["-m", "metastasis.site.scaffold", "bone-health", "Bone health"], repo_copy)
    assert made.returncode == 0, made.stderr
    tests = _run(["-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not build and not browser and not live",
                  "tests/book", "tests/core/test_quiz.py", "tests/core/test_data.py",
                  "tests/chapters/test_bone_health.py"], repo_copy, timeout=900)
    assert tests.returncode == 0, tests.stdout[-4000:]
    assert "bone-health" in tests.stdout or "passed" in tests.stdout
    built = _run(["-m", "metastasis.site.build"], repo_copy, timeout=1500)
    assert built.returncode == 0, (built.stdout + built.stderr)[-4000:]
    page = repo_copy / "_build" / "html" / "book" / "bone-health.html"
    assert page.exists() and "plotly-graph-div" in page.read_text(encoding="utf-8")
