"""The book's own plotly.js: core plus only the trace types the figures use, committed with its provenance.

The full plotly.min.js is 4.8 MB (1.5 MB gzip); scatter, bar and heatmap bundle to 1.18 MB (0.41 MB gzip). The
bundle is committed under ``metastasis/site/vendor/`` (its file name carries a hash of its bytes, so it can be
cached for a year) beside ``plotly-bundle.json``, which records the plotly.js version, the trace types and the
npm lock it was built from. Building the book needs no Node.js. A maintainer who changes the trace list or
upgrades plotly rebuilds it reproducibly with ``python -m metastasis.site.plotly_bundle --rebuild`` (needs Node.js
and npm; uses ``tools/plotly-bundle``), and the tests check that it matches the pinned plotly package.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from metastasis import REPO_ROOT

TOOL_DIR = REPO_ROOT / "tools" / "plotly-bundle"
VENDOR_DIR = Path(__file__).resolve().parent / "vendor"
PROVENANCE = VENDOR_DIR / "plotly-bundle.json"


class BundleError(RuntimeError):
    """The committed bundle does not fit the installed plotly; the message says what to rebuild."""


def provenance() -> dict:
    return json.loads(PROVENANCE.read_text(encoding="utf-8"))


def traces() -> list[str]:
    """The trace types the committed bundle holds (a figure using another type would draw blank)."""
    return sorted(provenance()["traces"])


def bundle_path() -> Path:
    return VENDOR_DIR / provenance()["file"]


def plotly_js_version() -> str:
    from plotly.offline import get_plotlyjs_version

    return get_plotlyjs_version()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check() -> Path:
    """The committed bundle, after checking it is intact and matches the plotly.js the Python package ships."""
    record, path = provenance(), bundle_path()
    if not path.exists():
        raise BundleError(f"{path.relative_to(REPO_ROOT)} is missing: run python -m metastasis.site.plotly_bundle "
                          f"--rebuild")
    if _sha256(path) != record["sha256"]:
        raise BundleError(f"{path.name} does not match the sha256 in {PROVENANCE.name}: rebuild it")
    if record["plotly_js_version"] != plotly_js_version():
        raise BundleError(f"the committed plotly.js is {record['plotly_js_version']}, but the installed plotly "
                          f"package ships {plotly_js_version()}: update tools/plotly-bundle/package.json and rebuild")
    return path


def rebuild(trace_types: list[str]) -> Path:
    """Rebuild the bundle with npm from ``tools/plotly-bundle`` (pinned by its package-lock.json)."""
    npm, node = shutil.which("npm"), shutil.which("node")
    if not (npm and node):
        raise BundleError("rebuilding plotly.js needs Node.js and npm (e.g. apt-get install nodejs npm)")
    lock = json.loads((TOOL_DIR / "package-lock.json").read_text(encoding="utf-8"))
    locked = lock["packages"]["node_modules/plotly.js"]["version"]
    if locked != plotly_js_version():
        raise BundleError(f"tools/plotly-bundle pins plotly.js {locked}, the plotly package ships "
                          f"{plotly_js_version()}: update package.json and package-lock.json first")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=TOOL_DIR, check=True)
    with tempfile.TemporaryDirectory() as tmp:
        built = Path(tmp) / "plotly.min.js"
        subprocess.run([node, "build.mjs", ",".join(trace_types), str(built)], cwd=TOOL_DIR, check=True)
        digest = _sha256(built)
        name = f"plotly-{locked}-course-{digest[:12]}.min.js"
        for old in VENDOR_DIR.glob("plotly-*.min.js"):
            old.unlink()
        VENDOR_DIR.mkdir(exist_ok=True)
        shutil.copyfile(built, VENDOR_DIR / name)
    record = {"file": name, "sha256": digest, "plotly_js_version": locked, "traces": sorted(trace_types),
              "built_with": "tools/plotly-bundle/build.mjs (esbuild, minified IIFE exposing window.Plotly)",
              "npm_lock_sha256": _sha256(TOOL_DIR / "package-lock.json")}
    PROVENANCE.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(TOOL_DIR / "node_modules", ignore_errors=True)
    return VENDOR_DIR / name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check or rebuild the book's committed plotly.js bundle.")
    parser.add_argument("--rebuild", action="store_true", help="rebuild with npm (maintainers only)")
    parser.add_argument("--traces", help="comma-separated trace types (default: the committed bundle's)")
    args = parser.parse_args(argv)
    try:
        if args.rebuild:
            types = args.traces.split(",") if args.traces else traces()
            print(f"wrote {rebuild(types).relative_to(REPO_ROOT)}")
        else:
            print(f"ok: {check().relative_to(REPO_ROOT)} (plotly.js {plotly_js_version()}, traces {traces()})")
    except BundleError as err:
        print(err, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
