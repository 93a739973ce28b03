"""A real JupyterLab session: open a chapter notebook in headless Chromium, run all cells, move a live control,
and check the panel redraws with no page error (what an instructor or a Binder user does)."""

from __future__ import annotations

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
    env = {k: v for k, v in os.environ.items() if k != "METASTASIS_STATIC"}
    log = tmp_path_factory.mktemp("lab") / "lab.log"
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


def test_live_panel_responds_in_jupyterlab(jupyterlab, chromium):
    stem = _live_chapter()
    if stem is None:
        pytest.skip("no chapter has a live panel yet")
    base, token = jupyterlab
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    log = browser.watch(page, base)
    page.goto(f"{base}/lab/tree/book/{stem}.md?token={token}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
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
    panel = page.locator(".jp-Notebook .jp-OutputArea-output:has(.widget-slider)").first
    page.wait_for_timeout(1500)
    before = panel.inner_html()
    slider.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    page.wait_for_function("([el, html]) => el.innerHTML !== html", arg=[panel.element_handle(), before],
                           timeout=30_000)
    panel.screenshot(path=str(ARTIFACTS / f"jupyterlab-{stem}-panel.png"))
    unexpected = [e for e in log.page_errors if not any(a in e for a in ALLOWED_LAB_PAGE_ERRORS)]
    assert unexpected == [], log.page_error_stacks
    context.close()
