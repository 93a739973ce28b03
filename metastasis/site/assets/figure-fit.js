/* Phone variants of the course figures. A figure whose layout.meta holds {narrow: [traceUpdate, layoutUpdate],
   wide: [...]} (made by metastasis.core.figures.narrow_variant) gets the narrow updates while it is drawn
   narrower than NARROW px, and the wide (desktop) values back when it is widened. The variant in force is written
   to data-layout-variant ("pending" while plotly redraws). */
(function () {
  "use strict";
  var NARROW = 500;  // px: NARROW_WIDTH_PX in metastasis/core/figures.py, and the container query in course.css
  function fit(gd) {
    var meta = gd.layout && gd.layout.meta;
    if (!meta || !meta.narrow || typeof Plotly === "undefined") return;
    var want = gd.clientWidth < NARROW ? "narrow" : "wide";
    var now = gd.getAttribute("data-layout-variant");
    if (now === want || now === "pending") return;
    if (!now && want === "wide") { gd.setAttribute("data-layout-variant", "wide"); return; }  // drawn as is
    gd.setAttribute("data-layout-variant", "pending");
    Plotly.update(gd, meta[want][0], meta[want][1]).then(function () {
      holdHeight(gd, gd._fullLayout.height);
      gd.setAttribute("data-layout-variant", want);
      fit(gd);  // the width may have changed again meanwhile
    });
  }
  /* The page gives the figure's box the desktop height; a variant with another height sets it on the box and the
     figure, so the figure does not spill over its caption and a later autosize (plotly's on a window resize) keeps
     the variant's height. */
  function holdHeight(gd, height) {
    if (!height) return;
    gd.style.height = height + "px";
    var box = gd.parentNode;
    if (box && box.classList && box.classList.contains("course-figure-plot")) box.style.height = height + "px";
  }
  /* Set a plotly attribute path such as "xaxis.title.font.size" or "updatemenus[0].active" (null removes it). */
  function setPath(target, path, value) {
    var parts = path.replace(/\[(\d+)\]/g, ".$1").split("."), node = target;
    for (var i = 0; i < parts.length - 1; i++) {
      if (node[parts[i]] == null) node[parts[i]] = /^\d+$/.test(parts[i + 1]) ? [] : {};
      node = node[parts[i]];
    }
    if (value == null) delete node[parts[parts.length - 1]]; else node[parts[parts.length - 1]] = value;
  }
  /* Before a figure's first draw (lazy-figures.js): a figure that starts narrow is drawn as its phone variant at
     once, instead of drawn for the desktop and redrawn (a second full draw on the slowest devices). The updates
     follow Plotly.update: a list of trace values gives one per trace, in turn. */
  window.courseFigureFit = {
    beforeDraw: function (gd, figure) {
      var meta = figure.layout && figure.layout.meta;
      if (!meta || !meta.narrow || gd.clientWidth >= NARROW) return;
      var traces = meta.narrow[0], layout = meta.narrow[1];
      Object.keys(traces).forEach(function (attr) {
        var value = traces[attr];
        (figure.data || []).forEach(function (trace, i) {
          setPath(trace, attr, Array.isArray(value) ? value[i % value.length] : value);
        });
      });
      Object.keys(layout).forEach(function (path) { setPath(figure.layout, path, layout[path]); });
      holdHeight(gd, figure.layout.height);
      gd.setAttribute("data-layout-variant", "narrow");
    }
  };
  function scan() {
    document.querySelectorAll(".plotly-graph-div").forEach(function (gd) { if (gd._fullLayout) fit(gd); });
  }
  var timer = null;
  window.addEventListener("resize", function () { clearTimeout(timer); timer = setTimeout(scan, 150); });
  new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan); else scan();
})();
