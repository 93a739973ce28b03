/* Plotly figures follow the page's colour theme (issue 19).
 * The figures are built for a white page. In dark mode (html[data-theme="dark"], from the reader's choice or the
 * device setting) this redraws each one for the dark page, and back again when the reader switches:
 * - the paper and plot area take the page's background, text the page's text colour, grid lines a dim grey;
 * - every other colour the figure names is mapped by one rule: near-white fills (card backgrounds, menus, outlines
 *   between markers) become near-black with the same hue, dark greys and black used as ink (annotations, outlines,
 *   the palette's black) become light greys; coloured marks keep their colour-blind-safe PALETTE colours, which
 *   have at least 3:1 contrast on the dark page. White text drawn on coloured bars keeps its colour.
 * The same rule is applied to the figures' menu buttons (their restyle/relayout arguments), so choosing an option
 * in dark mode never brings back a light colour. Figures drawn while the page is dark are converted before they
 * are first drawn (no flash of white); figures already drawn are redrawn with Plotly.react. */
(function () {
  "use strict";
  var DARK_GRID = "#3a3f47";
  var COLOUR_KEY = /colou?rs?$/i;          // color, bgcolor, fillcolor, marker.color, colors ...
  var KEEP_LIGHT_TEXT = /(^|\.)(inside|outside)?textfont(\.color)?$/i;  // white text on a coloured mark

  /* Dark if the theme says so; before the theme's script has run, as it will decide (mode "auto" follows the
   * device), so that figures drawn during page load are drawn dark at once. */
  function isDark() {
    var root = document.documentElement, theme = root.dataset.theme, mode = root.dataset.mode;
    if (theme === "dark" || theme === "light") return theme === "dark";
    if (mode === "dark" || mode === "light") return mode === "dark";
    return !!(window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
  }

  /* The dark page's background and text colours (the theme's; fixed values until its dark style applies). */
  function pageColours() {
    var fallback = { background: "#121212", text: "#ced6dd" };
    if (document.documentElement.dataset.theme !== "dark" || !document.body) return fallback;
    var style = getComputedStyle(document.body);
    if (/rgba\(0, 0, 0, 0\)|transparent/.test(style.backgroundColor)) return fallback;
    return { background: style.backgroundColor, text: style.color };
  }

  // --- colour arithmetic -----------------------------------------------------------------------------------
  var NAMED = { white: [255, 255, 255, 1], black: [0, 0, 0, 1] };
  function parse(colour) {
    if (typeof colour !== "string") return null;
    var c = colour.trim().toLowerCase(), m;
    if (NAMED[c]) return NAMED[c].slice();
    if ((m = /^#([0-9a-f]{3,8})$/.exec(c))) {
      var h = m[1];
      if (h.length === 3 || h.length === 4) h = h.split("").map(function (x) { return x + x; }).join("");
      return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16),
              h.length === 8 ? parseInt(h.slice(6, 8), 16) / 255 : 1];
    }
    if ((m = /^rgba?\(([^)]+)\)$/.exec(c))) {
      var p = m[1].split(",").map(function (x) { return parseFloat(x); });
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    }
    return null;
  }
  function toHsl(r, g, b) {
    r /= 255; g /= 255; b /= 255;
    var max = Math.max(r, g, b), min = Math.min(r, g, b), l = (max + min) / 2, h = 0, s = 0, d = max - min;
    if (d) {
      s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
      h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
      h /= 6;
    }
    return [h, s, l];
  }
  function fromHsl(h, s, l) {
    function f(p, q, t) {
      if (t < 0) t += 1; if (t > 1) t -= 1;
      if (t < 1 / 6) return p + (q - p) * 6 * t;
      if (t < 1 / 2) return q;
      if (t < 2 / 3) return p + (q - p) * (2 / 3 - t) * 6;
      return p;
    }
    if (!s) return [l, l, l].map(function (v) { return Math.round(v * 255); });
    var q = l < 0.5 ? l * (1 + s) : l + s - l * s, p = 2 * l - q;
    return [f(p, q, h + 1 / 3), f(p, q, h), f(p, q, h - 1 / 3)].map(function (v) { return Math.round(v * 255); });
  }
  function format(rgb, alpha) {
    return alpha < 1 ? "rgba(" + rgb.join(", ") + ", " + alpha + ")"
      : "#" + rgb.map(function (v) { return ("0" + v.toString(16)).slice(-2); }).join("");
  }

  function luminance(rgb) {
    var v = rgb.map(function (x) { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  }
  function contrast(a, b) {
    var la = luminance(a), lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }
  var DARK_PAGE = [18, 18, 18];  // the book theme's dark background, #121212

  /* The one rule: the dark-page version of a colour found at ``path`` (a dotted key path). */
  function darkColour(colour, path) {
    var c = parse(colour);
    if (!c) return colour;
    var hsl = toHsl(c[0], c[1], c[2]), l = hsl[2];
    if (l > 0.85) {
      if (KEEP_LIGHT_TEXT.test(path)) return colour;
      return format(fromHsl(hsl[0], hsl[1], 0.08 + (1 - l) * 0.9), c[3]);   // paper -> near-black
    }
    if (l < 0.4 && hsl[1] < 0.25) return format(fromHsl(hsl[0], hsl[1], Math.min(0.9, 1 - l)), c[3]);  // ink -> light
    if (/font/i.test(path) && c[3] === 1) {  // coloured text: lighten, same hue, to AA contrast on the page
      var rgb = c.slice(0, 3), lifted = false;
      while (contrast(rgb, DARK_PAGE) < 4.5 && l < 0.95) { l += 0.03; rgb = fromHsl(hsl[0], hsl[1], l); lifted = true; }
      return lifted ? format(rgb, 1) : colour;
    }
    return colour;
  }

  // --- walking a figure ------------------------------------------------------------------------------------
  /* A copy of ``value`` with ``convert(colour, path)`` applied to every colour under a colour-named key. */
  function mapColours(value, convert, path) {
    if (Array.isArray(value)) {
      return value.map(function (item) { return mapColours(item, convert, path); });
    }
    if (value && typeof value === "object") {
      if (value.constructor !== Object) return value;  // typed arrays, dates
      var out = {};
      Object.keys(value).forEach(function (key) {
        var here = path ? path + "." + key : key;
        if (key === "template" || key.charAt(0) === "_") { out[key] = value[key]; return; }
        if (COLOUR_KEY.test(key) || /colou?rscale$|colou?rway$/i.test(key)) {
          out[key] = mapLeaf(value[key], convert, here);
        } else {
          out[key] = mapColours(value[key], convert, here);
        }
      });
      return out;
    }
    return value;
  }
  function mapLeaf(value, convert, path) {
    if (typeof value === "string") return convert(value, path);
    if (Array.isArray(value)) return value.map(function (v) { return mapLeaf(v, convert, path); });
    return mapColours(value, convert, path);  // e.g. {"marker.color": ...} nested in button args
  }

  /* What dark mode sets even where the figure names no colour (the template's white defaults). */
  function darkDefaults(layout) {
    var page = pageColours(), extra = {};
    extra.paper_bgcolor = page.background;
    extra.plot_bgcolor = page.background;
    if (!(layout.font && layout.font.color)) extra["font.color"] = page.text;
    // Axis colours go into the figure's template, not onto its axes: naming a grid, zero-line or axis-line colour
    // on an axis makes plotly draw that line, so the dark figure would gain lines (and tilted tick labels) that the
    // light one does not have. A template colour only colours what the figure draws anyway.
    ["xaxis", "yaxis"].forEach(function (axis) {
      var p = "template.layout." + axis + ".";
      extra[p + "gridcolor"] = DARK_GRID;
      extra[p + "zerolinecolor"] = DARK_GRID;
      extra[p + "linecolor"] = "#767676";
    });
    (layout.updatemenus || []).forEach(function (menu, i) {
      if (!menu.bgcolor) extra["updatemenus[" + i + "].bgcolor"] = page.background;
      if (!menu.bordercolor) extra["updatemenus[" + i + "].bordercolor"] = "#9a9a9a";
    });
    (layout.sliders || []).forEach(function (slider, i) {
      var p = "sliders[" + i + "].";
      if (!slider.bgcolor) extra[p + "bgcolor"] = "#2a2f36";
      if (!slider.activebgcolor) extra[p + "activebgcolor"] = "#56B4E9";
      if (!slider.bordercolor) extra[p + "bordercolor"] = "#9a9a9a";
      if (!slider.tickcolor) extra[p + "tickcolor"] = "#9a9a9a";
    });
    if (!(layout.legend && layout.legend.bgcolor)) extra["legend.bgcolor"] = "rgba(0, 0, 0, 0)";
    return extra;
  }

  /* The value at a dotted key such as "updatemenus[0].bgcolor" (undefined where there is none). */
  function getPath(target, dotted) {
    return dotted.replace(/\[(\d+)\]/g, ".$1").split(".").reduce(function (node, part) {
      return node == null ? undefined : node[part];
    }, target);
  }

  /* Set dotted keys such as "xaxis.gridcolor" or "updatemenus[0].bgcolor" on a layout object. */
  function setPath(target, dotted, value) {
    var parts = dotted.replace(/\[(\d+)\]/g, ".$1").split("."), node = target;
    for (var i = 0; i < parts.length - 1; i++) {
      if (node[parts[i]] == null) node[parts[i]] = /^\d+$/.test(parts[i + 1]) ? [] : {};
      node = node[parts[i]];
    }
    if (value === undefined) delete node[parts[parts.length - 1]]; else node[parts[parts.length - 1]] = value;
  }

  // --- switching -------------------------------------------------------------------------------------------
  /* Convert a figure's data and layout to dark, recording how to undo it on ``state``. */
  function toDark(data, layout, state) {
    state.reverse = state.reverse || {};
    function convert(colour, path) {
      var dark = darkColour(colour, path);
      if (dark !== colour) state.reverse[dark] = colour;
      return dark;
    }
    var darkLayout = mapColours(layout, convert, "");
    darkLayout.template = JSON.parse(JSON.stringify(layout.template || {}));  // our own copy to change
    var extra = darkDefaults(layout);
    state.before = {};  // what each added key held before, to put back in light mode
    Object.keys(extra).forEach(function (key) {
      state.before[key] = getPath(layout, key);
      setPath(darkLayout, key, extra[key]);
    });
    return { data: mapColours(data, convert, ""), layout: darkLayout };
  }
  function toLight(data, layout, state) {
    function convert(colour) { return Object.prototype.hasOwnProperty.call(state.reverse, colour) ? state.reverse[colour] : colour; }
    var lightLayout = mapColours(layout, convert, "");
    Object.keys(state.before || {}).forEach(function (key) { setPath(lightLayout, key, state.before[key]); });
    return { data: mapColours(data, convert, ""), layout: lightLayout };
  }

  function apply(gd) {
    if (!window.Plotly || !gd.data || !gd.layout) return;
    var state = gd.__courseTheme || (gd.__courseTheme = { dark: false });
    var dark = isDark();
    if (state.dark === dark || state.busy) return;
    var next = dark ? toDark(gd.data, gd.layout, state) : toLight(gd.data, gd.layout, state);
    state.dark = dark;
    state.busy = true;
    // plotly colours a dropdown's arrow only when it creates it: remove the arrows so they are drawn anew
    gd.querySelectorAll(".updatemenu-header-arrow").forEach(function (arrow) { arrow.remove(); });
    Promise.resolve(window.Plotly.react(gd, next.data, next.layout, gd._context)).then(function () {
      state.busy = false;
      apply(gd);  // the theme may have changed again while drawing
    }, function () { state.busy = false; });
  }
  function applyAll() { document.querySelectorAll(".plotly-graph-div").forEach(apply); }

  /* Figures drawn while the page is dark: convert before the first draw. */
  function wrapNewPlot() {
    var Plotly = window.Plotly;
    if (!Plotly || Plotly.__courseThemed) return;
    var newPlot = Plotly.newPlot;
    Plotly.newPlot = function (gd, data, layout, config) {
      var el = typeof gd === "string" ? document.getElementById(gd) : gd;
      if (el && isDark() && Array.isArray(data) && !el.__courseTheme) {
        var state = { dark: true };
        el.__courseTheme = state;
        var dark = toDark(data, layout || {}, state);
        return newPlot.call(this, gd, dark.data, dark.layout, config);
      }
      return newPlot.apply(this, arguments);
    };
    Plotly.__courseThemed = true;
  }

  window.courseFigureTheme = { wrap: wrapNewPlot };  // lazy-figures.js waits for this script before drawing
  wrapNewPlot();
  // plotly.js arrives after the text (lazy-figures.js): hook in as soon as it is there, before the first draw
  document.addEventListener("course:plotly-ready", wrapNewPlot);
  new MutationObserver(applyAll).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { wrapNewPlot(); applyAll(); });
  } else {
    applyAll();
  }
  window.addEventListener("load", applyAll);
})();
