/* Phone variants of the course figures. A figure whose layout.meta holds {narrow: [traceUpdate, layoutUpdate],
   wide: [...]} (made by metastasis.core.figures.narrow_variant) gets the narrow updates while it is drawn
   narrower than NARROW px, and the wide (desktop) values back when it is widened. The variant in force is written
   to data-layout-variant ("pending" while plotly redraws). */
(function () {
  "use strict";
  var NARROW = 500;
  function fit(gd) {
    var meta = gd.layout && gd.layout.meta;
    if (!meta || !meta.narrow || typeof Plotly === "undefined") return;
    var want = gd.clientWidth < NARROW ? "narrow" : "wide";
    var now = gd.getAttribute("data-layout-variant");
    if (now === want || now === "pending") return;
    if (!now && want === "wide") { gd.setAttribute("data-layout-variant", "wide"); return; }  // drawn as is
    gd.setAttribute("data-layout-variant", "pending");
    Plotly.update(gd, meta[want][0], meta[want][1]).then(function () {
      // The page fixed the figure's box at the desktop height: follow a variant that changes it.
      if (gd.style.height) gd.style.height = gd._fullLayout.height + "px";
      gd.setAttribute("data-layout-variant", want);
      fit(gd);  // the width may have changed again meanwhile
    });
  }
  function scan() {
    document.querySelectorAll(".plotly-graph-div").forEach(function (gd) { if (gd._fullLayout) fit(gd); });
  }
  var timer = null;
  window.addEventListener("resize", function () { clearTimeout(timer); timer = setTimeout(scan, 150); });
  new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan); else scan();
})();
