"""The site benchmark measures what it says: "every figure drawn" means every figure of the finished page."""

from __future__ import annotations

import contextlib
import functools
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from metastasis.site import benchmark

pytestmark = pytest.mark.browser
PARSE_DELAY_S = 1.5  # the slow script holds the parser this long
LATE_DRAW_MS = 300  # and the last figure draws this long after it is parsed
FAKE_DRAW = "document.getElementById('{id}').innerHTML = '<svg class=\"main-svg\"></svg>';"
# The first figure draws at once; a parser-blocking script that arrives late holds back the rest of the page, whose
# second figure draws later still. A clock that stops when "the figures parsed so far" have drawn stops at the first.
LATE_PAGE = f"""<!doctype html><html><head><title>late figure</title></head><body>
<p>Some text.</p>
<div class="plotly-graph-div" id="first"></div><script>{FAKE_DRAW.format(id="first")}</script>
<script src="slow.js"></script>
<div class="plotly-graph-div" id="last"></div>
<script>setTimeout(() => {{ {FAKE_DRAW.format(id="last")} window.lastDrawnAt = performance.now(); }},
{LATE_DRAW_MS});</script>
</body></html>"""


class _SlowScriptHandler(SimpleHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith("/slow.js"):
            time.sleep(PARSE_DELAY_S)
            body = b"window.slowLoaded = true;"
            self.send_response(200)
            self.send_header("Content-Type", "text/javascript")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def _serve(directory):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_SlowScriptHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _measure(chromium, folder, html: str) -> dict:
    """The desktop benchmark's reading of one page served from ``folder``."""
    (folder / "page.html").write_text(html, encoding="utf-8")
    with _serve(folder) as base:
        context = chromium.new_context()
        result = benchmark.measure(context, f"{base}/page.html", benchmark.DESKTOP)
        context.close()
    return result


def test_benchmark_waits_for_a_figure_parsed_and_drawn_late(tmp_path, chromium):
    result = _measure(chromium, tmp_path, LATE_PAGE)
    assert result["figures"] == 2
    assert result["all_ms"] >= PARSE_DELAY_S * 1000 + LATE_DRAW_MS, result
    assert result["interactive_ms"] == pytest.approx(result["all_ms"], abs=0.5), "without frames, on screen = drawn"
    assert result["fcp_ms"] is not None and result["fcp_ms"] < result["all_ms"]


# A phone's first frame shows at once; plotly.js draws the figure later. "On screen" stops at the frame, while
# "interactive" waits for the drawing.
FRAME_PAGE = f"""<!doctype html><html><head><title>frame first</title></head><body>
<div class="course-figure-plot" style="height:200px"><div class="figure-frame"><svg viewBox="0 0 10 10"
style="display:block;width:100%;height:200px"></svg></div><div class="plotly-graph-div" id="fig"></div></div>
<script>setTimeout(() => {{ {FAKE_DRAW.format(id="fig")} }}, {LATE_DRAW_MS * 3});</script>
</body></html>"""


def test_benchmark_counts_a_phone_frame_as_on_screen_but_not_as_interactive(tmp_path, chromium):
    result = _measure(chromium, tmp_path, FRAME_PAGE)
    assert result["all_ms"] < LATE_DRAW_MS, result
    assert result["interactive_ms"] >= LATE_DRAW_MS * 3, result


def test_mobile_profile_is_lighthouses():
    mobile = benchmark.MOBILE
    assert (mobile.latency_ms, mobile.down_bits_per_s, mobile.up_bits_per_s, mobile.cpu_slowdown) == (
        150, 1.6e6, 750e3, 4)
