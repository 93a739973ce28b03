"""Build the book: ``python -m metastasis.site.build``.

Jupyter Book caches executed notebooks by their content and Sphinx rewrites only changed pages; neither
notices a change in this package, the data or the quiz banks, which change what the notebooks display. So when
any of those is newer than the last build, the cache and the HTML are cleared first. Warnings are errors. After
Jupyter Book, every page with figures gets its figures' phone first frames (``figure_frames.py``, in Chromium).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from metastasis import REPO_ROOT
from metastasis.site import figure_frames

BUILD_DIR = REPO_ROOT / "_build"
STAMP = BUILD_DIR / ".inputs-stamp"
WATCHED = ("metastasis", "data", "book/quizzes", "_config.yml", "_toc.yml", "requirements.txt")


def newest_input() -> float:
    newest = 0.0
    for name in WATCHED:
        path = REPO_ROOT / name
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        for f in files:
            if "__pycache__" not in f.parts:
                newest = max(newest, f.stat().st_mtime)
    return newest


def build_book(strict: bool = True) -> float:
    """Build ``_build/html``; return the seconds it took. Raise CalledProcessError when the build fails."""
    # No stamp means no successful build yet: a cache left by an interrupted or failed build may hold outputs of
    # older code, so it is cleared too.
    if not STAMP.exists() or newest_input() > STAMP.stat().st_mtime:
        for stale in (BUILD_DIR / ".jupyter_cache", BUILD_DIR / "html", BUILD_DIR / ".doctrees"):
            shutil.rmtree(stale, ignore_errors=True)
    command = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(REPO_ROOT)]
    if strict:
        command += ["-W", "-n", "--keep-going"]
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=REPO_ROOT)
    figure_frames.add_frames(BUILD_DIR / "html")
    BUILD_DIR.mkdir(exist_ok=True)
    STAMP.touch()
    return time.perf_counter() - start


def main() -> int:
    try:
        seconds = build_book()
    except subprocess.CalledProcessError as err:
        print(f"\nThe book did not build (exit {err.returncode}); the first warning or error above says why.",
              file=sys.stderr)
        return err.returncode or 1
    index = BUILD_DIR / "html" / "index.html"
    print(f"\nBuilt in {seconds:.0f} s. Open {index} in a browser, or serve the folder:\n"
          f"  python3 -m http.server --directory {index.parent} 8000   # then visit http://127.0.0.1:8000")
    return 0


if __name__ == "__main__":
    sys.exit(main())
