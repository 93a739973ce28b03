"""The book's Sphinx extension.

- Tells the notebook kernels the build starts that they render for the static page (``METASTASIS_STATIC``).
- Refuses to build with an invalid data package, quiz bank or source (an incomplete or duplicate-label
  bibliography entry, a weak host, an authoring note shown to readers), naming the file, entry and rule.
- Serves plotly.js from the book itself (the committed course bundle) and, only on pages that contain a figure,
  adds the deferred figure loader that fetches it and draws the figures after the text (``lazy-figures.js``),
  the keyboard shim for plotly's controls, the dark-mode and phone-layout scripts; no script blocks a page's
  first paint.
- Trims the theme's stylesheet to the rules the built pages can use (``css_trim``): it blocks every first paint.
- Drops sphinx-thebe's assets (thebe is off; its inline script otherwise raises a page error).
- Names the sidebar's expand/collapse toggles for screen readers (the theme draws them as an icon only).
- Keeps the phone navigation working with the pinned themes (see ``keep_theme_header_empty``).
- Provides the ``datapackage-sources`` directive that generates the Data sources page from
  ``data/datapackage.json``.
- Puts a "Last reviewed: <month year>" line under every chapter's title, from the chapter's front matter
  (``metastasis: last_reviewed: YYYY-MM``); a chapter without one fails the build.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from docutils.statemachine import StringList
from sphinx.errors import ExtensionError
from sphinx.util import logging

from metastasis.core import book, data, quiz, sources
from metastasis.core.live import STATIC_ENV
from metastasis.site import css_trim, icon_fonts, plotly_bundle

logger = logging.getLogger(__name__)
ASSETS = Path(__file__).resolve().parent / "assets"
TEMPLATES = Path(__file__).resolve().parent / "templates"
FIGURE_MARKER = "plotly-graph-div"
HELP_CARD_MARKER = "data-help-card"
LAZY_FIGURES_JS = "lazy-figures.js"
TRACE_TYPES = re.compile(r'data-trace-types="([^"]*)"')
# Assets the theme and extensions add to every page, kept only where the page's body uses them.
OPTIONAL_ASSETS = {
    "copybutton": ('class="highlight',),
    "clipboard.min.js": ('class="highlight',),
    "pygments.css": ('class="highlight',),
    "togglebutton": ('class="toggle', "tag_hide", "admonition dropdown"),
    "design-tabs.js": ("sd-tab",),
    "sphinx-design": ("sd-",),
    "mystnb.": ("cell_output", "cell docutils container"),
}


def plotly_js_name() -> str:
    return f"vendor/{plotly_bundle.bundle_path().name}"


def _static_dir(app) -> Path:
    return Path(app.outdir).parent / "metastasis-static"


def on_config_inited(app, config):
    """Stage the assets the pages may load into a folder Sphinx copies to ``_static``."""
    staged = _static_dir(app)
    shutil.rmtree(staged / "vendor", ignore_errors=True)
    (staged / "vendor").mkdir(parents=True, exist_ok=True)
    try:
        bundle = plotly_bundle.check()
    except (plotly_bundle.BundleError, OSError) as err:
        raise ExtensionError(f"the book's plotly.js: {err}") from err
    shutil.copyfile(bundle, staged / "vendor" / bundle.name)
    for asset in ASSETS.iterdir():
        shutil.copyfile(asset, staged / asset.name)
    config.html_static_path = [*config.html_static_path, str(staged)]
    config.templates_path = [str(TEMPLATES), *config.templates_path]
    keep_theme_header_empty(config)


# --- Navigation (issue 19) -----------------------------------------------------------------------------------
# pydata-sphinx-theme 0.17 sets ``navbar_persistent`` to a search button whenever the user's theme options do not
# name it, which overrides sphinx-book-theme's own empty default (theme.conf). The theme's top header is then drawn:
# an empty strip with a second search box on desktop, plus hidden copies of the ☰ and page-contents toggles that
# come first in the page. Both themes' scripts bind only the first ``.primary-toggle``/``.secondary-toggle``
# (``document.querySelector``), i.e. the hidden copies, so the visible toggles did nothing. Naming the option as
# empty restores the book theme's layout: no top header, and the visible toggles are the ones the scripts bind.
SITE_JS = "course-site.js"  # the sidebars' Close button, focus return, aria-expanded; scrollable tables (every page)
THEME_CSS = "course-theme.css"  # dark styles of our components, the sidebars' Close button (every page)
FIGURE_THEME_JS = "figure-theme.js"  # plotly figures follow the light/dark theme (pages with figures)


def keep_theme_header_empty(config) -> None:
    """Keep pydata-sphinx-theme's top header empty, as sphinx-book-theme intends (unless the book sets it)."""
    options = dict(config.html_theme_options or {})
    options.setdefault("navbar_persistent", [])
    config.html_theme_options = options
# --- end Navigation ------------------------------------------------------------------------------------------


def on_builder_inited(app):
    problems = data.validate_all() + quiz.validate_all() + sources.validate_all()
    if problems:
        raise ExtensionError("the book's data, quizzes or sources are invalid:\n" + "\n".join(problems))


def _is_thebe(asset) -> bool:
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    return "thebe" in str(asset).lower() or "THEBE" in body


def _needed(asset, body: str) -> bool:
    name = str(asset)
    if _is_thebe(asset):
        return False
    for key, markers in OPTIONAL_ASSETS.items():
        if key in name:
            return any(marker in body for marker in markers)
    return True


def on_html_page_context(app, pagename, templatename, context, doctree):
    body = context.get("body", "")
    # Filter in place: ``add_js_file`` below appends to this same list.
    for key in ("script_files", "css_files"):
        assets = context.get(key)
        if assets is not None:
            assets[:] = [a for a in assets if _needed(a, body)]
    if 'role="list" class="citation-list"' in body:
        # docutils marks the bibliography as a list whose items are not list items (an ARIA error for screen
        # readers): make it a list of list items.
        context["body"] = body = body.replace('<div role="list" class="citation-list">',
                                              '<div role="list" class="citation-list" data-fixed="1">').replace(
            'role="doc-biblioentry"', 'role="listitem"')
    if FIGURE_MARKER in body:
        allowed = set(plotly_bundle.traces())
        used: set[str] = set()
        for found in TRACE_TYPES.findall(body):
            used |= set(filter(None, found.split(",")))
        missing = used - allowed
        if missing:
            logger.warning(f"{pagename}: a figure uses trace type(s) {sorted(missing)} that the book's plotly.js "
                           f"does not include (it would draw blank): rebuild it with python -m "
                           f"metastasis.site.plotly_bundle --rebuild --traces ...",
                           type="metastasis", subtype="plotly_bundle")
        if body.count(FIGURE_MARKER) != body.count("data-trace-types="):
            logger.warning(f"{pagename}: a plotly figure was not shown through metastasis.core.figures, so its trace "
                           f"types cannot be checked against the bundle", type="metastasis", subtype="plotly_bundle")
        # Nothing blocks the text: the loader is async and fetches plotly.js itself, then draws the figures.
        app.add_js_file(LAZY_FIGURES_JS, priority=400, loading_method="async", **{"data-plotly": plotly_js_name()})
        app.add_js_file("figure-a11y.js", priority=401, loading_method="defer")
        # Listen for the loader's "course:plotly-ready" and "course:figure-drawn" events: dark colours before a
        # figure's first draw, the phone layout once it has drawn.
        app.add_js_file(FIGURE_THEME_JS, priority=402, loading_method="defer")
        app.add_js_file("figure-fit.js", priority=403, loading_method="defer")

    if HELP_CARD_MARKER in body:
        app.add_js_file("help-explorer.js", priority=402)


# ------------------------------------------------------------------ text first (issue "Fast on a phone")
# The head scripts Sphinx and the themes add (doctools, copybutton, the book theme's...) are small but each one
# blocks the first paint until it has arrived, a round trip of 150 ms or more on mobile data. Deferred, they run in
# the same order once the page is parsed. The settings script the page's inline lines assign to
# (``DOCUMENTATION_OPTIONS.pagename = ...``) is inlined instead, so it is defined before them. The search page keeps
# Sphinx's scripts as they are: its searchtools.js, a plain script in the template, needs doctools.js first.
DOCUMENTATION_OPTIONS_JS = "documentation_options.js"
PAGES_WITH_OWN_SCRIPTS = ("search",)
# On a wide screen (a desktop or laptop, usually on a fast link) plotly.js is fetched from the start, as before; on a
# phone it would share the slow link with the stylesheets and delay the text (measured: first text 1.0 s -> 1.7-2.2
# s on the mobile profile), so there the figure loader fetches it once the page's own files are in.
PLOTLY_PRELOAD_MEDIA = "(min-width: 960px)"


def _inline_script(app, context, filename: str) -> str:
    """A theme static template (``static/<filename>.jinja``) rendered with the page's context."""
    return app.builder.templates.render(f"static/{filename}.jinja", context).strip()


def on_html_page_context_text_first(app, pagename, templatename, context, doctree):
    if FIGURE_MARKER in context.get("body", ""):
        href = context["pathto"](f"_static/{plotly_js_name()}", 1)
        context["metatags"] = context.get("metatags", "") + (
            f'\n<link rel="preload" href="{href}" as="script" media="{PLOTLY_PRELOAD_MEDIA}" />')
    scripts = context.get("script_files")
    if scripts is None or pagename in PAGES_WITH_OWN_SCRIPTS:
        return
    from sphinx.builders.html._assets import _JavaScript

    changed = []
    for asset in scripts:
        attributes = dict(getattr(asset, "attributes", {}))
        filename = str(getattr(asset, "filename", asset) or "")
        if Path(filename).name == DOCUMENTATION_OPTIONS_JS:
            body = _inline_script(app, context, DOCUMENTATION_OPTIONS_JS)
            asset = _JavaScript("", priority=asset.priority, body=body)
        elif filename and not ({"defer", "async"} & set(attributes)) and attributes.get("type") != "module":
            asset = _JavaScript(filename, priority=getattr(asset, "priority", 500), defer="defer", **attributes)
        changed.append(asset)
    scripts[:] = changed


def on_build_finished(app, exception):
    if exception is None and app.builder.format == "html":
        for name, (before, after) in icon_fonts.subset(Path(app.outdir)).items():
            logger.info(f"icon font {name}: {before} -> {after} bytes")
        for name, (before, after) in css_trim.trim(Path(app.outdir)).items():
            logger.info(f"theme stylesheet {name} trimmed to the rules the book can use: {before} -> {after} bytes")


# pydata-sphinx-theme gives every table-of-contents entry that has sub-pages a <summary> holding only a chevron
# icon, which screen readers announce with no name (axe: "summary-name", serious). Name each one after its page.
def name_toc_toggles(soup):
    """Give each nameless sidebar toggle an accessible name: "Show or hide the pages under <title>"."""
    for summary in soup.find_all("summary"):
        if summary.get("aria-label") or summary.get_text(strip=True):
            continue
        details = summary.parent
        link = details.find_previous_sibling("a") if details is not None else None
        title = link.get_text(" ", strip=True) if link is not None else ""
        summary["aria-label"] = f"Show or hide the pages under {title}" if title else "Show or hide sub-pages"
    return soup


def on_html_page_context_late(app, pagename, templatename, context, doctree):
    """Runs after the theme has added ``generate_toctree_html``: wrap it so its toggles carry names."""
    generate = context.get("generate_toctree_html")
    if generate is None or getattr(generate, "names_toggles", False):
        return

    def generate_named(*args, **kwargs):
        out = generate(*args, **kwargs)
        if isinstance(out, str):
            from bs4 import BeautifulSoup

            return str(name_toc_toggles(BeautifulSoup(out, "html.parser")))
        return name_toc_toggles(out) if hasattr(out, "find_all") else out

    generate_named.names_toggles = True
    context["generate_toctree_html"] = generate_named


class DataPackageSources(Directive):
    """Render every dataset of ``data/datapackage.json``: what it measures, caveats, sources, licence."""

    has_content = False

    def run(self):
        package = data.datapackage()
        lines = [package.get("description", ""), ""]
        for res in package["resources"]:
            lines += [f"## {res['title']}", "", f"Dataset `{res['name']}` (file `data/{res['path']}`).", "",
                      res["description"], ""]
            if res.get("caveats"):
                lines += ["**Read with care:**", ""] + [f"- {c}" for c in res["caveats"]] + [""]
            lines += ["**Sources:**", ""]
            for src in res["sources"]:
                who = src.get("publisher") or src.get("authors") or ""
                lines.append(f"- [{src['title']}]({sources.href(src['path'])}){', ' + who if who else ''}. "
                             f"Data years: {src['data_years']}. Accessed {src['accessed']}.")
            lines += ["", f"**How it was checked:** {sources.dataset_check_line(res['sources'])}", ""]
            licences = "; ".join(lic.get("title", lic.get("name", "")) for lic in res.get("licenses", []))
            lines += [f"**Licence:** {licences}", ""]
            chapters = ", ".join(f"{{doc}}`{c}`" for c in res.get("chapters", []))
            lines += [f"**Used in:** {chapters}", ""]
            fields = res["schema"]["fields"]
            lines += ["| Field | Meaning | Unit |", "|---|---|---|"]
            for f in fields:
                lines.append(f"| `{f['name']}` | {f['description']} | {f.get('unit', '')} |")
            lines.append("")
        container = nodes.container()
        self.state.nested_parse(StringList(lines, source="data/datapackage.json"), self.content_offset,
                                container)
        return container.children


LAST_REVIEWED_DIRECTIVE = "last-reviewed"


def _chapter_stem(docname: str) -> str | None:
    stem = docname.rpartition("/")[2]
    return stem if docname == f"book/{stem}" and stem in book.chapter_stems() else None


def insert_last_reviewed(app, docname, source):
    """Add the last-reviewed directive right after a chapter's first level-1 heading (its title)."""
    if _chapter_stem(docname) is None:
        return
    lines = source[0].split("\n")
    in_front_matter = bool(lines) and lines[0].strip() == "---"
    for i, line in enumerate(lines):
        if in_front_matter:
            in_front_matter = not (i > 0 and line.strip() == "---")
            continue
        if line.startswith("# "):
            lines[i + 1:i + 1] = ["", f"```{{{LAST_REVIEWED_DIRECTIVE}}}", "```"]
            source[0] = "\n".join(lines)
            return
    raise ExtensionError(f"{docname}: no level-1 title to put the 'Last reviewed' line under")


class LastReviewed(Directive):
    """The chapter's "Last reviewed: <month year>" line, from its front matter."""

    has_content = False

    def run(self):
        docname = self.state.document.settings.env.docname
        stem = _chapter_stem(docname)
        if stem is None:
            raise self.error(f"{docname}: the last-reviewed line belongs to chapters only")
        try:
            month = book.last_reviewed(stem)
        except ValueError as err:
            raise self.error(str(err)) from err
        paragraph = nodes.paragraph(classes=["last-reviewed"])
        paragraph += nodes.Text(f"Last reviewed: {month}")
        return [paragraph]


class QuizAnswerKey(Directive):
    """Render a chapter's quiz bank as an answer key (for the instructor guide), straight from the bank file."""

    required_arguments = 1
    has_content = False

    def run(self):
        stem = self.arguments[0]
        questions = quiz.load_bank(stem)
        lines = []
        for number, q in enumerate(questions, start=1):
            kind = "select all that apply" if q["type"] == "many_choice" else "one answer"
            lines += [f"**{number}. ({q['objective']})** {q['question']} *({kind})*", ""]
            for a in q["answers"]:
                mark = "**Correct:**" if a["correct"] else "Incorrect:"
                lines.append(f"- {mark} {a['answer']} *{a['feedback']}*")
            lines.append("")
        container = nodes.container(classes=["quiz-answer-key"])
        self.state.nested_parse(StringList(lines, source=str(quiz.bank_path(stem))), self.content_offset,
                                container)
        return container.children


class HelpCardDirective(Directive):
    """The when-to-get-help card (the symptoms chapter's explorer) on a page with no code cells."""

    has_content = False
    option_spec = {"compact": directives.flag, "card-id": directives.unchanged}

    def run(self):
        from metastasis.chapters import symptoms_pain_and_emergencies as help_chapter

        card = help_chapter.help_card(compact="compact" in self.options,
                                      card_id=self.options.get("card-id", "help-card"))
        return [nodes.raw("", card.html, format="html")]


def setup(app):
    os.environ[STATIC_ENV] = "1"
    app.connect("config-inited", on_config_inited)
    app.connect("builder-inited", on_builder_inited)
    app.connect("source-read", insert_last_reviewed)
    app.connect("html-page-context", on_html_page_context)
    app.connect("build-finished", on_build_finished)
    app.connect("html-page-context", on_html_page_context_late, priority=900)
    app.connect("html-page-context", on_html_page_context_text_first, priority=950)
    app.add_css_file("course.css")
    app.add_css_file(THEME_CSS)
    app.add_js_file(SITE_JS, loading_method="defer")
    app.add_directive("datapackage-sources", DataPackageSources)
    app.add_directive("quiz-answer-key", QuizAnswerKey)
    app.add_directive(LAST_REVIEWED_DIRECTIVE, LastReviewed)
    app.add_directive("help-card", HelpCardDirective)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
