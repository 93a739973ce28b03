"""The book's own plotly.js: only the trace types the figures use (``tools/plotly-bundle/traces.json``).

The full plotly.min.js is 4.8 MB (1.5 MB gzip); scatter, bar and heatmap bundle to 1.18 MB (0.41 MB gzip), and
with sankey 1.34 MB (0.46 MB gzip). The bundles are built from npm packages pinned in
``tools/plotly-bundle/package-lock.json`` to the plotly.js version that the pinned plotly Python package ships,
so the figures and the library always match. Same inputs,
same bytes: the file name carries a hash of the inputs, and a rebuild is skipped when it exists.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

from . import REPO_ROOT

TOOL_DIR = REPO_ROOT / "tools" / "plotly-bundle"
OUT_DIR = REPO_ROOT / "_build" / "plotly-bundle"


class BundleError(RuntimeError):
    """The custom plotly.js bundle cannot be built; the message says what to install or fix."""


def bundles() -> dict[str, list[str]]:
    """Bundle name -> its trace types, smallest bundle first."""
    spec = json.loads((TOOL_DIR / "traces.json").read_text(encoding="utf-8"))["bundles"]
    return dict(sorted(spec.items(), key=lambda item: len(item[1])))


def traces() -> list[str]:
    """Every trace type some bundle holds."""
    return sorted({t for types in bundles().values() for t in types})


def bundle_for(types: set[str]) -> str | None:
    """The smallest bundle holding all ``types`` (None if no bundle does)."""
    for name, held in bundles().items():
        if types <= set(held):
            return name
    return None


def plotly_js_version() -> str:
    from plotly.offline import get_plotlyjs_version

    return get_plotlyjs_version()


def _inputs_hash() -> str:
    digest = hashlib.sha256()
    for name in ("traces.json", "package-lock.json", "build.mjs"):
        digest.update((TOOL_DIR / name).read_bytes())
    return digest.hexdigest()[:12]


def bundle_path(name: str = "base") -> Path:
    return OUT_DIR / f"plotly-{plotly_js_version()}-{name}-{_inputs_hash()}.min.js"


def _require(tool: str) -> str:
    found = shutil.which(tool)
    if found:
        return found
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "nodejs", "npm"], check=True, env=env)
        found = shutil.which(tool)
        if found:
            return found
    raise BundleError(f"Building the book's plotly.js needs '{tool}' (Node.js and npm). Install them, e.g. "
                      f"'apt-get install nodejs npm' as root, and build again.")


def ensure_bundles() -> list[Path]:
    """Build every bundle that is not there yet; return their paths."""
    targets = [bundle_path(name) for name in bundles()]
    if all(t.exists() for t in targets):
        return targets
    lock = json.loads((TOOL_DIR / "package-lock.json").read_text(encoding="utf-8"))
    locked = lock["packages"]["node_modules/plotly.js"]["version"]
    if locked != plotly_js_version():
        raise BundleError(f"tools/plotly-bundle pins plotly.js {locked}, but the installed plotly Python package "
                          f"ships plotly.js {plotly_js_version()}: update package.json and package-lock.json")
    npm, node = _require("npm"), _require("node")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=TOOL_DIR, check=True)
    for old in OUT_DIR.glob("plotly-*.min.js"):
        old.unlink()
    for name, target in zip(bundles(), targets, strict=True):
        subprocess.run([node, "build.mjs", name, str(target)], cwd=TOOL_DIR, check=True)
        target.with_suffix(".css").unlink(missing_ok=True)  # map-library CSS that core pulls in; no map traces
    return targets
