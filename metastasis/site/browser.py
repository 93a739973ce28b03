"""Headless Chromium against the built site: for the build (the figures' phone frames), the browser tests and the
site benchmark.

``python -m metastasis.site.browser --ensure`` makes sure Debian's Chromium is there (installing it with apt-get when
run as root) or says exactly what to install. The site is served on 127.0.0.1 on a free port; every request to
another host is recorded and aborted, so a page that would fetch from a CDN fails its test.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
CANDIDATES = ("chromium", "chromium-browser", "google-chrome")


def find_chromium() -> str | None:
    """The Chromium executable: ``$CHROMIUM`` if set, else the first of the usual names on PATH."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def ensure_chromium() -> str:
    found = find_chromium()
    if found:
        return found
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing Debian's chromium for the build and the browser tests (apt-get)...", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True, env=env)
        found = find_chromium()
        if found:
            return found
    raise SystemExit(
        "Building the book and the browser tests need Chromium, and none was found. Install Debian's package as root "
        "(apt-get install chromium), or set CHROMIUM to the path of a Chromium or Chrome executable."
    )


COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", ".map")


@functools.lru_cache(maxsize=256)
def _gzipped(path: str, mtime: float) -> bytes:
    """A file gzip-compressed at level 6, as a typical web server sends it (cached: the same file is asked for
    on every page load)."""
    return gzip.compress(Path(path).read_bytes(), compresslevel=6)


class _QuietHandler(SimpleHTTPRequestHandler):
    """Static files with the cache headers the README recommends for hosting the book: assets under
    ``_static/`` carry a version (``?v=`` digest or a hashed name) and may be cached for a year; pages are
    revalidated. Text files are sent gzip-compressed to a browser that accepts it, as a production server would,
    so the bytes and times the site benchmark measures are the ones a reader meets."""

    def do_GET(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.endswith(COMPRESSIBLE) and os.path.isfile(path)):
            return super().do_GET()
        body = _gzipped(path, os.stat(path).st_mtime)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)
        return None

    def end_headers(self):
        path = self.path.split("?", 1)[0]
        if "/_static/" in path:
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, *args):  # keep test output readable
        pass


@contextlib.contextmanager
def serve(directory: Path | str):
    """Serve ``directory`` on 127.0.0.1 at a free port; yield the base URL; stop afterwards."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium():
    """A Playwright Chromium browser (Debian's build, driven through ``executable_path``)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=ensure_chromium(), args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageLog:
    """What a page did while loading: requests to other hosts (aborted), console errors, page errors, 404s."""

    offsite: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    page_error_stacks: list[str] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)
    responses: list = field(default_factory=list)


def watch(page, base_url: str) -> PageLog:
    """Route every request: anything not from ``base_url`` is recorded and aborted."""
    log = PageLog()
    host = urlparse(base_url).netloc

    def route(r):
        url = r.request.url
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob", "about") or parsed.netloc == host:
            r.continue_()
        else:
            log.offsite.append(url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: log.console_errors.append(m.text) if m.type == "error" else None)
    def on_page_error(error):
        log.page_errors.append(str(error))
        log.page_error_stacks.append(getattr(error, "stack", "") or "")

    page.on("pageerror", on_page_error)

    def on_response(resp):
        log.responses.append(resp)
        if resp.status == 404:
            log.not_found.append(resp.url)

    page.on("response", on_response)
    return log


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ensure", action="store_true", help="install Chromium if missing (as root)")
    args = parser.parse_args(argv)
    path = ensure_chromium() if args.ensure else find_chromium()
    print(f"Chromium: {path or 'not found'}")
    return 0 if path else 1


if __name__ == "__main__":
    sys.exit(main())
