"""A real JupyterLab session, set up from the repository's own files as `make lab` and Binder do: every chapter
opens as a notebook with its MyST rendered (no raw roles or directives on a projector); one chapter runs all its
cells and a live control redraws its figure with no page error (what an instructor or a Binder user does)."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ALLOWED_LAB_PAGE_ERRORS, ARTIFACTS

from metastasis import REPO_ROOT
from metastasis.core import book
from metastasis.site import browser

pytestmark = pytest.mark.live
# MyST that must never reach the reader as text: roles, directive fences and directive options.
# Rendered as plain Markdown, a role loses its backticks ("{term}Karnofsky score") and a directive becomes a code
# block showing its options (":class: important"), so the checks look for what remains visible either way.
RAW_MYST = ("{term}", "{cite:p}", "{cite:t}", "{doc}", "{ref}", "{glue}", "{admonition}", "```{", ":filter:",
            ":class:", "(glossary)=")


def _live_chapter() -> str | None:
    for path in (book.chapter_path(stem) for stem in book.chapter_stems()):
        if "live.panel(" in path.read_text(encoding="utf-8"):
            return path.stem
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    port, token = _free_port(), secrets.token_hex(16)
    home = tmp_path_factory.mktemp("lab")
    # This user's own Jupyter settings stay out: the repository's .jupyter is the only config added (as `make lab`
    # does). The notebook draws every cell, not only those on screen, so the whole chapter can be read.
    config = home / "config" / "labconfig"
    config.mkdir(parents=True)
    (config / "default_setting_overrides.json").write_text(json.dumps(
        {"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"}}))
    env = {k: v for k, v in os.environ.items() if k != "METASTASIS_STATIC"}
    env.update(JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_CONFIG_PATH=str(REPO_ROOT / ".jupyter"),
               JUPYTERLAB_SETTINGS_DIR=str(home / "settings"), JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"))
    log = home / "lab.log"
    command = [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", f"--port={port}",
               "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={REPO_ROOT}",
               "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
               "--allow-root"]
    with log.open("w") as handle:
        process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, env=env, cwd=REPO_ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not start:\n" + log.read_text()[-2000:])
        yield base, token
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def _open_chapter(page, base: str, token: str, stem: str) -> None:
    """Open book/<stem>.md by its URL, as the Binder link does: with the default viewer, no "Open With"."""
    page.goto(f"{base}/lab/tree/book/{stem}.md?token={token}&reset")  # reset: no tabs left from other tests
    page.wait_for_selector(".jp-Notebook .jp-Cell, .jp-FileEditor", timeout=120_000)
    assert page.locator(".jp-FileEditor:visible").count() == 0, f"book/{stem}.md opened as text, not as a notebook"


@pytest.mark.parametrize("stem", book.chapter_stems())
def test_chapter_opens_as_a_notebook_with_myst_rendered(jupyterlab, chromium, stem):
    base, token = jupyterlab
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    _open_chapter(page, base, token, stem)
    page.wait_for_selector(".jp-Notebook .jp-MarkdownCell .jp-RenderedMarkdown, .jp-Notebook .jp-MarkdownCell "
                           ".myst", timeout=60_000)
    page.wait_for_timeout(2000)  # let every markdown cell render
    notebook = page.locator(".jp-Notebook:visible").first
    assert notebook.locator(".jp-MarkdownCell").count() > 3
    text = notebook.inner_text()
    raw = sorted({pattern for pattern in RAW_MYST if pattern in text})
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"jupyterlab-{stem}-opened.png"))
    assert raw == [], f"book/{stem}.md shows raw MyST in JupyterLab: {raw}"
    context.close()


def test_live_panel_responds_in_jupyterlab(jupyterlab, chromium):
    stem = _live_chapter()
    if stem is None:
        pytest.skip("no chapter has a live panel yet")
    base, token = jupyterlab
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    log = browser.watch(page, base)
    _open_chapter(page, base, token, stem)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle'], .jp-Toolbar-kernelStatus",
                           timeout=120_000)
    select = page.get_by_role("button", name="Select", exact=True)
    try:
        select.wait_for(timeout=15_000)
        select.click()  # JupyterLab asks which kernel to start: the notebook's own (Python 3)
    except Exception:
        pass
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_text("Run All Cells", exact=True).click()
    slider = page.locator(".jp-Notebook .widget-slider .noUi-handle, .jp-Notebook input[type=range]").first
    try:
        slider.wait_for(timeout=180_000)
    except Exception:
        page.screenshot(path=str(ARTIFACTS / f"jupyterlab-{stem}-failed.png"))
        raise
    cell = page.locator(".jp-Notebook .jp-CodeCell:has(.widget-slider)").first
    figure = cell.locator(".jp-RenderedPlotly").first  # plotly's own JupyterLab renderer
    try:
        figure.wait_for(timeout=60_000)  # the panel's figure, drawn under its controls
    except Exception:
        page.screenshot(path=str(ARTIFACTS / f"jupyterlab-{stem}-no-figure.png"))
        (ARTIFACTS / f"jupyterlab-{stem}-cell.html").write_text(cell.inner_html())
        raise
    page.wait_for_timeout(1500)
    before = figure.inner_html()
    slider.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    # The redraw replaces the panel's figure: look it up afresh each time.
    page.wait_for_function(
        "([cell, html]) => { const f = cell.querySelector('.jp-RenderedPlotly'); return f && f.innerHTML !== html; }",
        arg=[cell.element_handle(), before], timeout=30_000)
    panel = cell.locator(".jp-Cell-outputArea").first
    panel.screenshot(path=str(ARTIFACTS / f"jupyterlab-{stem}-panel.png"))
    unexpected = [e for e in log.page_errors if not any(a in e for a in ALLOWED_LAB_PAGE_ERRORS)]
    assert unexpected == [], log.page_error_stacks
    context.close()
