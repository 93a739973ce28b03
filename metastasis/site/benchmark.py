"""Site benchmark: ``python -m metastasis.site.benchmark`` (or ``make benchmark``) after building the book.

It serves the built site on 127.0.0.1 (gzip-compressed, as a production server would) and loads every page of
the table of contents in headless Chromium with an empty cache, under two profiles:

- **desktop**: 1350 x 940 px, no throttling;
- **mobile**: Lighthouse's mobile profile, a 412 x 823 px phone on mobile data: 150 ms round trip,
  1.6 Mbit/s down, 750 kbit/s up, CPU 4x slower (Chrome DevTools Protocol ``Network.emulateNetworkConditions``
  and ``Emulation.setCPUThrottlingRate``).

For every page and profile it reports the median of ``--loads`` loads (2 by default) of

- **first text**: first contentful paint, ms from navigation;
- **figures in view**: ms until every figure in the first screen is on screen ("-" when none is in view);
- **all figures**: ms until every figure *of the finished page* is on screen: the clock stops only once the
  document is parsed and every figure in it shows its picture, so a figure parsed late still counts. A figure is
  on screen once plotly.js has drawn it or, on a phone, once its first frame (``figure_frames.py``, the picture
  drawn at build time) shows;
- **all interactive**: ms until plotly.js has drawn every figure of the finished page, so every control works;
- **CLS**: cumulative layout shift (the sum of every shift not caused by input, stricter than the Core Web
  Vitals' session windows);
- **bytes**: what went over the network (gzip as sent, headers included) and its decoded size.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from metastasis import REPO_ROOT
from metastasis.site import browser

HTML_DIR = REPO_ROOT / "_build" / "html"


@dataclass(frozen=True)
class Profile:
    """A device and connection to load pages with; zero throughput means unthrottled."""

    name: str
    viewport: dict
    latency_ms: float = 0
    down_bits_per_s: float = 0
    up_bits_per_s: float = 0
    cpu_slowdown: float = 1
    mobile: bool = False
    timeout_ms: int = 20000

    def context_options(self) -> dict:
        options = {"viewport": self.viewport}
        if self.mobile:
            options.update(is_mobile=True, has_touch=True, device_scale_factor=1.75)
        return options


DESKTOP = Profile("desktop", {"width": 1350, "height": 940})
MOBILE = Profile("mobile", {"width": 412, "height": 823}, latency_ms=150, down_bits_per_s=1.6e6,
                 up_bits_per_s=750e3, cpu_slowdown=4, mobile=True, timeout_ms=60000)
PROFILES = {p.name: p for p in (DESKTOP, MOBILE)}

# Runs in the page before any of its scripts: records when each figure first has its SVG, the layout shifts, and
# the moment the document is parsed and every figure in it has drawn.
METRICS_SCRIPT = """
(() => {
  const m = window.__bench = {drawn: new Map(), shown: new Map(), cls: 0, allDrawnAt: null, allShownAt: null};
  try {
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) m.cls += e.value;
    }).observe({type: 'layout-shift', buffered: true});
  } catch (err) { m.cls = null; }
  function frameShows(gd) {  // the figure's first frame, drawn at build time, is laid out on screen
    const frame = gd.parentNode && gd.parentNode.querySelector(':scope > .figure-frame');
    return !!frame && Array.from(frame.children).some(svg => svg.getBoundingClientRect().width > 0);
  }
  function check(now) {
    const figs = Array.from(document.querySelectorAll('div.plotly-graph-div'));
    for (const d of figs) {
      if (!m.drawn.has(d) && d.querySelector('svg.main-svg')) m.drawn.set(d, now);
      if (!m.shown.has(d) && (m.drawn.has(d) || frameShows(d))) m.shown.set(d, now);
    }
    const parsed = document.readyState !== 'loading', at = performance.now();
    if (parsed && m.allShownAt === null && figs.every(d => m.shown.has(d))) m.allShownAt = at;
    if (parsed && figs.every(d => m.drawn.has(d))) { m.allDrawnAt = at; return; }
    requestAnimationFrame(() => check(performance.now()));
  }
  requestAnimationFrame(() => check(performance.now()));
})();
"""
RESULT_SCRIPT = """
() => {
  const m = window.__bench;
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  const figs = Array.from(document.querySelectorAll('div.plotly-graph-div'));
  const inView = figs.filter(d => {
    const r = (d.closest('.course-figure') || d).getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight && r.height > 0;
  });
  const times = list => list.length ? Math.max(...list.map(d => m.shown.get(d))) : null;
  const loaded = performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'));
  const sum = key => loaded.reduce((total, e) => total + (e[key] || 0), 0);
  return {figures: figs.length, in_view: inView.length, fcp_ms: paint ? paint.startTime : null,
          in_view_ms: times(inView), all_ms: m.allShownAt, interactive_ms: m.allDrawnAt, cls: m.cls,
          transfer: sum('transferSize'), decoded: sum('decodedBodySize')};
}
"""


def toc_pages() -> list[str]:
    toc = yaml.safe_load((REPO_ROOT / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]
    for part in toc.get("parts", []):
        for chapter in part.get("chapters", []):
            pages.append(chapter["file"])
            pages += [s["file"] for s in chapter.get("sections", [])]
    return [f"{p}.html" for p in pages]


def chapter_pages() -> list[str]:
    """The landing page and every chapter: the pages the speed targets are about."""
    from metastasis.core.book import chapter_stems

    return [toc_pages()[0]] + [f"book/{stem}.html" for stem in chapter_stems()]


def measure(context, url: str, profile: Profile = DESKTOP) -> dict:
    """Load ``url`` once in a new page of ``context`` under ``profile``; return the metrics and the bytes."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    if profile.down_bits_per_s:
        cdp.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": profile.latency_ms,
            "downloadThroughput": profile.down_bits_per_s / 8, "uploadThroughput": profile.up_bits_per_s / 8})
    if profile.cpu_slowdown != 1:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": profile.cpu_slowdown})
    page.add_init_script(METRICS_SCRIPT)
    page.goto(url, wait_until="load", timeout=profile.timeout_ms * 2)
    page.wait_for_function("() => window.__bench.allDrawnAt !== null", timeout=profile.timeout_ms, polling=100)
    page.wait_for_timeout(300)  # layout shifts right after the last figure still count
    result = page.evaluate(RESULT_SCRIPT)
    if not result["figures"]:
        result["all_ms"] = result["interactive_ms"] = None
    # Kept for callers of the earlier benchmark: "gzip" is what went over the network on an empty cache.
    result["gzip"] = result["transfer"]
    page.close()
    return result


def _median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def run(html_dir: Path = HTML_DIR, pages: list[str] | None = None, profiles=(DESKTOP, MOBILE),
        loads: int = 2) -> list[dict]:
    """Median of ``loads`` empty-cache loads of every page under every profile."""
    pages = pages or toc_pages()
    rows = []
    with browser.serve(html_dir) as base, browser.chromium() as chromium:
        for path in pages:
            for profile in profiles:
                samples = []
                for _ in range(loads):
                    context = chromium.new_context(**profile.context_options())
                    samples.append(measure(context, f"{base}/{path}", profile))
                    context.close()
                row = {"page": path, "profile": profile.name, "figures": samples[0]["figures"],
                       "in_view": samples[0]["in_view"]}
                for key in ("fcp_ms", "in_view_ms", "all_ms", "interactive_ms", "cls", "transfer", "decoded"):
                    row[key] = _median([s[key] for s in samples])
                rows.append(row)
                print(format_row(row), file=sys.stderr, flush=True)
    return rows


def _ms(value) -> str:
    return "-" if value is None else f"{value / 1000:.2f} s"


def format_row(r: dict) -> str:
    cls = "-" if r["cls"] is None else f"{r['cls']:.3f}"
    return (f"| {r['page']} | {r['profile']} | {r['figures']} ({r['in_view']} in view) | {_ms(r['fcp_ms'])} | "
            f"{_ms(r['in_view_ms'])} | {_ms(r['all_ms'])} | {_ms(r['interactive_ms'])} | {cls} | "
            f"{r['transfer'] / 1e3:.0f} / {r['decoded'] / 1e3:.0f} |")


def format_table(rows: list[dict]) -> str:
    lines = ["| page | profile | figures | first text | figures in view on screen | all figures on screen | "
             "all figures interactive | CLS | KB sent / decoded |", "|---|---|---|---|---|---|---|---|---|"]
    return "\n".join(lines + [format_row(r) for r in rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="First text, figures drawn, layout shift and bytes per page.")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON to this file")
    parser.add_argument("--html-dir", type=Path, default=HTML_DIR, help="the built site (default: _build/html)")
    parser.add_argument("--profile", choices=[*PROFILES, "both"], default="both")
    parser.add_argument("--loads", type=int, default=2, help="empty-cache loads per page and profile (median)")
    parser.add_argument("--chapters", action="store_true", help="only the landing page and the chapters")
    parser.add_argument("pages", nargs="*", help="pages to measure (default: every page in _toc.yml)")
    args = parser.parse_args(argv)
    if not (args.html_dir / "index.html").exists():
        print("Build the book first: make book", file=sys.stderr)
        return 1
    profiles = tuple(PROFILES.values()) if args.profile == "both" else (PROFILES[args.profile],)
    pages = args.pages or (chapter_pages() if args.chapters else None)
    rows = run(args.html_dir, pages, profiles, args.loads)
    print(format_table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
