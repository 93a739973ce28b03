/* Text first, figures next. Every course figure arrives in the page as a placeholder of its final height plus its
 * data as JSON (metastasis/core/figures.py), so the text, the captions and the data tables show without waiting
 * for plotly.js (1.2 MB). This small script is loaded async in <head> (it never blocks the first paint): it starts
 * fetching plotly.js from the book itself at once, so the download overlaps the parsing of the page, and once both
 * are done it draws the figures: those in or near the screen first, then the rest, yielding at least every 100 ms so
 * the page stays responsive. Every figure draws without scrolling (for the reader who scrolls fast, and
 * for print); before printing, any figure not drawn yet is drawn at once. The keyboard shim (figure-a11y.js)
 * attaches to each figure as it draws. On a phone the placeholder already shows the figure's first frame (a picture
 * drawn at build time, metastasis/site/figure_frames.py); it is removed once the figure has drawn. */
(function () {
  "use strict";
  var me = document.currentScript;
  var items = [];     // {gd, box, script, drawn, near}, in page order
  var loading = null;  // the promise of plotly.js

  function loadPlotly() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        if (window.Plotly) { resolve(); return; }
        var script = document.createElement("script");
        script.src = new URL(me.getAttribute("data-plotly"), me.src).href;
        script.async = true;
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function draw(item) {
    if (item.drawn) return;
    item.drawn = true;
    var spec = JSON.parse(item.script.textContent);
    var figure = spec.figure;
    if (window.courseFigureFit) window.courseFigureFit.beforeDraw(item.gd, figure);  // figure-fit.js: phone variant
    // data, layout and config apart: figure-theme.js wraps Plotly.newPlot in that form to draw dark at once
    Promise.resolve(window.Plotly.newPlot(item.gd, figure.data, figure.layout, spec.config)).then(function () {
      item.box.classList.add("is-drawn");
      var frame = item.box.querySelector(".figure-frame");  // the phone's first frame (course.css) has done its job
      if (frame) frame.remove();
      followWidth(item.gd);
    });
  }

  /* A figure drawn before the page's layout has settled (fonts, sidebars, the phone layout) keeps the width it was
   * drawn at: plotly's "responsive" follows only window resizes. Redraw it at its box's width whenever that changes. */
  function followWidth(gd) {
    if (!("ResizeObserver" in window)) return;
    new ResizeObserver(function () {
      var layout = gd._fullLayout;
      if (layout && Math.abs(layout.width - gd.clientWidth) > 1) window.Plotly.Plots.resize(gd);
    }).observe(gd);
  }

  function next() {
    var pending = items.filter(function (item) { return !item.drawn; });
    return pending.filter(function (item) { return item.near; })[0] || pending[0];
  }

  var TASK_BUDGET_MS = 100;  // draw figures for at most this long, then let input and scrolling through

  function drawNext() {
    var started = performance.now();
    var item = next();
    while (item) {  // at least one figure per task
      draw(item);
      item = next();
      if (performance.now() - started >= TASK_BUDGET_MS) break;
    }
    if (item) setTimeout(drawNext, 0);
  }

  function drawAll() {
    if (window.Plotly) items.forEach(draw);
  }

  function start() {
    document.querySelectorAll("script.course-figure-spec").forEach(function (script) {
      var gd = document.getElementById(script.getAttribute("data-figure"));
      if (gd) items.push({gd: gd, box: gd.parentNode, script: script, drawn: false, near: false});
    });
    if (!items.length) return;
    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          items.forEach(function (item) {
            if (item.box === entry.target) item.near = entry.isIntersecting;
          });
        });
      }, {rootMargin: "50% 0px"});
      items.forEach(function (item) { observer.observe(item.box); });
    }
    window.addEventListener("beforeprint", drawAll);
    loadPlotly().then(function () {
      document.dispatchEvent(new Event("course:plotly-ready"));  // figure-theme.js hooks in before any draw
      drawNext();
    }, function () {
      items.forEach(function (item) { item.box.classList.add("is-failed"); });
    });
  }

  /* Draw only once the page's deferred figure scripts have run (figure-theme.js draws dark at once, figure-fit.js
   * draws a phone's variant at once): they always run before DOMContentLoaded, but this async script may run just
   * after the page is parsed and before them, when the document is already "interactive". */
  function whenFigureScriptsRan(then) {
    if ((window.courseFigureTheme && window.courseFigureFit) || document.readyState === "complete") then();
    else document.addEventListener("DOMContentLoaded", then);
  }

  loadPlotly().catch(function () {});  // start the download now; start() reports a failure on the figures
  whenFigureScriptsRan(start);
})();
