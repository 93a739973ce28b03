"""Site benchmark: ``python -m metastasis.site.benchmark`` (or ``make benchmark``) after building the book.

For every page in the table of contents it serves the built site on 127.0.0.1 and loads the page in headless
Chromium, printing

- the bytes a browser with an **empty cache** loads, decoded and as gzip would send them;
- the bytes it loads on a **revisit** of the same page (plotly.js, the theme and the page in the cache);
- the milliseconds from navigation until **every figure on the page has drawn** its SVG.

gzip sizes are computed from the files themselves (level 6, as a typical server sends them), because the
benchmark's own server does not compress.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import yaml

from metastasis import REPO_ROOT
from metastasis.site import browser

HTML_DIR = REPO_ROOT / "_build" / "html"
DRAWN_SCRIPT = """
(() => {
  function check() {
    const figs = Array.from(document.querySelectorAll('div.plotly-graph-div'));
    if (figs.length && figs.every(d => d.querySelector('svg.main-svg'))) {
      window.__figuresDrawnAt = performance.now();
    } else { requestAnimationFrame(check); }
  }
  requestAnimationFrame(check);
})();
"""


def toc_pages() -> list[str]:
    toc = yaml.safe_load((REPO_ROOT / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]
    for part in toc.get("parts", []):
        for chapter in part.get("chapters", []):
            pages.append(chapter["file"])
            pages += [s["file"] for s in chapter.get("sections", [])]
    return [f"{p}.html" for p in pages]


def _sizes(url: str, html_dir: Path) -> tuple[int, int]:
    path = html_dir / unquote(urlparse(url).path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    if not path.is_file():
        return 0, 0
    raw = path.read_bytes()
    return len(raw), len(gzip.compress(raw, compresslevel=6))


def _load(context, url: str, html_dir: Path, timeout_ms: int = 20000) -> dict:
    """Load one page; return bytes fetched over the network (not from cache) and the figure-drawn time."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    fetched: dict[str, bool] = {}

    def on_response(event):
        resp = event["response"]
        cached = resp.get("fromDiskCache") or resp.get("fromMemoryCache") or resp.get("status") == 304
        fetched[resp["url"]] = not cached

    cdp.on("Network.responseReceived", on_response)
    page.add_init_script(DRAWN_SCRIPT)
    page.goto(url, wait_until="load")
    figures = page.locator("div.plotly-graph-div").count()
    drawn_ms = None
    if figures:
        page.wait_for_function("() => window.__figuresDrawnAt !== undefined", timeout=timeout_ms)
        drawn_ms = page.evaluate("() => window.__figuresDrawnAt")
    page.wait_for_timeout(300)
    decoded = gz = 0
    for resource_url, from_network in fetched.items():
        if from_network and resource_url.startswith(url.split("/book/")[0]):
            raw, packed = _sizes(resource_url, html_dir)
            decoded += raw
            gz += packed
    page.close()
    return {"figures": figures, "drawn_ms": drawn_ms, "decoded": decoded, "gzip": gz}


def run(html_dir: Path = HTML_DIR, pages: list[str] | None = None) -> list[dict]:
    pages = pages or toc_pages()
    rows = []
    with browser.serve(html_dir) as base, browser.chromium() as chromium:
        for path in pages:
            cold_context = chromium.new_context()
            cold = _load(cold_context, f"{base}/{path}", html_dir)
            cold_context.close()
            warm_context = chromium.new_context()
            _load(warm_context, f"{base}/{path}", html_dir)
            warm = _load(warm_context, f"{base}/{path}", html_dir)
            warm_context.close()
            rows.append({"page": path, "figures": cold["figures"], "cold_decoded": cold["decoded"],
                         "cold_gzip": cold["gzip"], "revisit_decoded": warm["decoded"],
                         "revisit_gzip": warm["gzip"], "drawn_ms": cold["drawn_ms"]})
    return rows


def format_table(rows: list[dict]) -> str:
    def mb(n):
        return f"{n / 1e6:.2f}"

    lines = ["| page | figures | empty cache MB (decoded / gzip) | revisit KB (decoded / gzip) | figures drawn ms |",
             "|---|---|---|---|---|"]
    for r in rows:
        drawn = f"{r['drawn_ms']:.0f}" if r["drawn_ms"] is not None else "-"
        lines.append(f"| {r['page']} | {r['figures']} | {mb(r['cold_decoded'])} / {mb(r['cold_gzip'])} | "
                     f"{r['revisit_decoded'] / 1e3:.0f} / {r['revisit_gzip'] / 1e3:.0f} | {drawn} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bytes and figure-drawn time for every page of the built book.")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON to this file")
    parser.add_argument("pages", nargs="*", help="pages to measure (default: every page in _toc.yml)")
    args = parser.parse_args(argv)
    if not (HTML_DIR / "index.html").exists():
        print("Build the book first: make book", file=sys.stderr)
        return 1
    rows = run(pages=args.pages or None)
    print(format_table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
