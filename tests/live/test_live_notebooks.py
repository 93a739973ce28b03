"""Live use, as on Binder: a fresh environment from requirements.txt alone runs every chapter top to bottom with
its live panels built and exercised; every launch button opens a notebook that exists."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import time
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import ARTIFACTS, chapter_stems

from metastasis import REPO_ROOT

pytestmark = pytest.mark.live
LIVE_VENV = REPO_ROOT / "_build" / "live-venv"


@pytest.fixture(scope="session")
def fresh_env():
    """A virtual environment made from requirements.txt alone (recreated whenever requirements.txt changes)."""
    digest = hashlib.sha256((REPO_ROOT / "requirements.txt").read_bytes()).hexdigest()
    stamp = LIVE_VENV / ".requirements-sha256"
    python = LIVE_VENV / "bin" / "python"
    seconds = 0.0
    if not (stamp.exists() and stamp.read_text() == digest and python.exists()):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(LIVE_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-r", "requirements.txt"], cwd=REPO_ROOT,
                       check=True)
        seconds = time.perf_counter() - start
        stamp.write_text(digest)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "live-venv-seconds.json").write_text(json.dumps({"created_seconds": round(seconds, 1)}))
    return python


def test_every_chapter_runs_live_and_its_panels_respond(fresh_env, tmp_path):
    report_path = tmp_path / "live.json"
    start = time.perf_counter()
    result = subprocess.run([str(fresh_env), "-m", "metastasis.site.live_run", "--json", str(report_path)],
                            cwd=REPO_ROOT, capture_output=True, text=True)
    total = time.perf_counter() - start
    report = json.loads(report_path.read_text()) if report_path.exists() else {"failures": [result.stderr]}
    (ARTIFACTS / "live-run.json").write_text(json.dumps({**report, "total_seconds": round(total, 1)}, indent=2))
    assert result.returncode == 0, "\n".join(report["failures"]) or result.stderr[-3000:]
    ran = {r["notebook"]: r for r in report["results"]}
    assert set(ran) == {f"{stem}.md" for stem in chapter_stems()}
    for stem in chapter_stems():
        source = (REPO_ROOT / "book" / f"{stem}.md").read_text(encoding="utf-8")
        if "live.panel(" in source:
            controls = ran[f"{stem}.md"]["controls"]
            assert controls, f"{stem}: its live panel has no control the test could move"
            assert all(c["changed"] for c in controls)
            assert max(c["seconds"] for c in controls) < 3.0, f"{stem}: a live panel took over 3 s to respond"


def test_launch_buttons_open_notebooks_that_exist(built_site):
    stems = chapter_stems()
    assert stems
    for stem in stems:
        page = (built_site / "book" / f"{stem}.html").read_text(encoding="utf-8")
        links = set(re.findall(r'href="(https://mybinder\.org/v2/gh/[^"]+)"', page))
        assert links, f"{stem}: no Binder launch link"
        for link in links:
            urlpath = parse_qs(urlparse(link.replace("&amp;", "&")).query)["urlpath"][0]
            assert urlpath.startswith("lab/tree/"), f"{stem}: {link} does not open JupyterLab"
            target = REPO_ROOT / urlpath.removeprefix("lab/tree/")
            assert target.exists() and target.suffix == ".md", f"{stem}: {link} opens a missing notebook"


def test_binder_reads_only_the_repository_files():
    requirements = (REPO_ROOT / "requirements.txt").read_text()
    assert "jupyter-book==1.0.4.post1" in requirements and "-e ." in requirements
    assert re.match(r"python-3\.\d+", (REPO_ROOT / "runtime.txt").read_text().strip())
    pins = [line for line in requirements.splitlines() if line and not line.startswith(("#", "-e"))]
    assert all("==" in line for line in pins), "every requirement is pinned"
