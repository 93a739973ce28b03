"""Run every chapter notebook top to bottom in a live kernel, as Binder would, and exercise its live panels.

``python -m metastasis.site.live_run [--json FILE]``: executes each chapter (``book/<stem>.md``)
with ``METASTASIS_STATIC`` unset (so the ipywidgets panels are really built), then, in the same kernel, moves every
control of every panel and checks that what the reader sees changed. Exits non-zero naming the notebook, panel and
control that failed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from metastasis.core import book

EXERCISE = ("import json as _j\nfrom metastasis.core import live as _l\n"
            "print('LIVE-REPORT' + _j.dumps(_l.exercise_panels()))")


class CellError(RuntimeError):
    """A cell raised: the message names the notebook, the cell and the error."""


def run_notebook(path: Path, timeout: int = 600) -> dict:
    """Run the notebook's code cells in order in a fresh kernel, then exercise its live panels.

    The kernel is driven directly through jupyter_client, as a front end does (nbclient mirrors Output-widget
    contents back into stored widget state, which stalls on large plotly outputs; no reader's front end does).
    """
    import jupytext
    from jupyter_client.manager import start_new_kernel

    nb = jupytext.read(path)
    cells = [c.source for c in nb.cells if c.cell_type == "code"] + [EXERCISE]
    km, kc = start_new_kernel(kernel_name="python3", cwd=str(path.parent))
    start = time.perf_counter()
    stdout = []
    try:
        for number, source in enumerate(cells, start=1):
            msg_id = kc.execute(source)
            while True:
                msg = kc.get_iopub_msg(timeout=timeout)
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                kind, content = msg["msg_type"], msg["content"]
                if kind == "stream" and content.get("name") == "stdout":
                    stdout.append(content["text"])
                elif kind == "error":
                    trace = "\n".join(content.get("traceback", []))[-3000:]
                    raise CellError(f"{path.name}, code cell {number}:\n{source[:300]}\n{content['ename']}: "
                                    f"{content['evalue']}\n{trace}")
                elif kind == "status" and content["execution_state"] == "idle":
                    break
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    seconds = time.perf_counter() - start
    text = "".join(stdout)
    report = json.loads(text.split("LIVE-REPORT", 1)[1].strip().splitlines()[0]) if "LIVE-REPORT" in text else []
    return {"notebook": path.name, "seconds": round(seconds, 1), "controls": report}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path)
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    os.environ.pop("METASTASIS_STATIC", None)
    notebooks = args.notebooks or [book.chapter_path(stem) for stem in book.chapter_stems()]
    results, failures = [], []
    for path in notebooks:
        try:
            result = run_notebook(path)
        except Exception as err:  # the cell error names the cell; keep going to report every notebook
            failures.append(f"{path.name}: did not run top to bottom: {str(err).strip()[:2000]}")
            continue
        results.append(result)
        for c in result["controls"]:
            if not c["changed"]:
                failures.append(f"{path.name}: panel '{c['panel']}', control '{c['control']}' "
                                f"({c['from']} -> {c['to']}) changed nothing the reader sees")
        print(f"{path.name}: ran in {result['seconds']} s; {len(result['controls'])} live controls exercised")
    if args.json:
        args.json.write_text(json.dumps({"results": results, "failures": failures}, indent=2))
    for failure in failures:
        print("FAIL " + failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
