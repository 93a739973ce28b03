/* Make plotly's own controls keyboard-operable: dropdowns and buttons (updatemenus) and sliders.
 * Plotly draws them as SVG groups that only react to the mouse; this gives each one a tab stop, a role,
 * a name, and Enter/Space (buttons) or arrow keys (sliders). It re-applies after every redraw. */
(function () {
  "use strict";
  function press(el) {
    ["mousedown", "mouseup", "click"].forEach(function (type) {
      el.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, view: window }));
    });
  }
  function makeButton(el, label) {
    if (label) el.setAttribute("aria-label", label);  // refreshed on every pass: header text changes
    if (el.getAttribute("data-a11y") === "1") return;
    el.setAttribute("data-a11y", "1");
    el.setAttribute("tabindex", "0");
    el.setAttribute("role", "button");
    el.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        var group = el.closest(".updatemenu-container") || el.parentNode;
        press(el);
        setTimeout(function () {
          // Move focus into the opened menu, unless the reader already moved it to one of its options.
          var first = group && group.querySelector(".updatemenu-dropdown-button");
          var current = document.activeElement;
          var onOption = current && current.classList && current.classList.contains("updatemenu-dropdown-button");
          if (first && el.classList.contains("updatemenu-header") && !onOption) first.focus();
        }, 50);
      }
    });
  }
  function menuName(gd, index) {
    var menus = (gd.layout && gd.layout.updatemenus) || [];
    var m = menus[index] || {};
    return m.name || "Figure control";
  }
  function visibleMenuIndex(gd, position) {
    // Plotly draws one header group per *visible* menu, in order, all inside one container.
    var menus = (gd.layout && gd.layout.updatemenus) || [];
    var seen = -1;
    for (var i = 0; i < menus.length; i++) {
      if (menus[i].visible === false) continue;
      if (++seen === position) return i;
    }
    return position;
  }
  function enhanceMenus(gd) {
    gd.querySelectorAll(".updatemenu-container").forEach(function (container) {
      container.querySelectorAll(".updatemenu-header-group").forEach(function (group, position) {
        var name = menuName(gd, visibleMenuIndex(gd, position));
        group.querySelectorAll(".updatemenu-header").forEach(function (h) {
          makeButton(h, name + ": " + h.textContent.trim() + " (press Enter to choose)");
          h.setAttribute("aria-haspopup", "listbox");
        });
        group.querySelectorAll(".updatemenu-button").forEach(function (b) {
          makeButton(b, name + ": " + b.textContent.trim());
        });
      });
      // The open dropdown's options live in one shared group that records which menu opened it.
      container.querySelectorAll(".updatemenu-dropdown-button-group").forEach(function (list) {
        var index = parseInt(list.getAttribute("updatemenu-active-index"), 10);
        var name = menuName(gd, isNaN(index) || index < 0 ? 0 : index);
        list.querySelectorAll(".updatemenu-dropdown-button").forEach(function (b) {
          makeButton(b, name + ": " + b.textContent.trim());
        });
      });
    });
  }
  function enhanceSliders(gd) {
    var sliders = (gd.layout && gd.layout.sliders) || [];
    gd.querySelectorAll(".slider-container").forEach(function (container, index) {
      var spec = sliders[index];
      if (!spec || !spec.steps) return;
      var rail = container.querySelector(".slider-rail-rect") || container;
      var target = rail.parentNode;
      var active = spec.active || 0;
      var step = spec.steps[active] || {};
      target.setAttribute("tabindex", "0");
      target.setAttribute("role", "slider");
      target.setAttribute("aria-label", spec.name || (spec.currentvalue && spec.currentvalue.prefix) || "Figure slider");
      target.setAttribute("aria-valuemin", "0");
      target.setAttribute("aria-valuemax", String(spec.steps.length - 1));
      target.setAttribute("aria-valuenow", String(active));
      target.setAttribute("aria-valuetext", String(step.label || active));
      if (target.getAttribute("data-a11y") === "1") return;
      target.setAttribute("data-a11y", "1");
      target.addEventListener("keydown", function (ev) {
        var s = (gd.layout.sliders || [])[index];
        var now = s.active || 0, next = now;
        if (ev.key === "ArrowRight" || ev.key === "ArrowUp") next = Math.min(now + 1, s.steps.length - 1);
        else if (ev.key === "ArrowLeft" || ev.key === "ArrowDown") next = Math.max(now - 1, 0);
        else if (ev.key === "Home") next = 0;
        else if (ev.key === "End") next = s.steps.length - 1;
        else return;
        ev.preventDefault();
        var st = s.steps[next];
        var update = {};
        update["sliders[" + index + "].active"] = next;
        var done = Plotly.relayout(gd, update);
        if (st.method && st.method !== "skip" && Plotly[st.method]) {
          done.then(function () { return Plotly[st.method].apply(null, [gd].concat(st.args || [])); })
              .then(function () { var t = gd.querySelectorAll(".slider-container")[index]; if (t) { var r = t.querySelector(".slider-rail-rect"); (r ? r.parentNode : t).focus(); } });
        }
      });
    });
  }
  function enhance(gd) { enhanceMenus(gd); enhanceSliders(gd); }
  function attach(gd) {
    if (gd.getAttribute("data-a11y-attached") === "1") return;
    if (typeof gd.on !== "function") return;
    gd.setAttribute("data-a11y-attached", "1");
    enhance(gd);
    gd.on("plotly_afterplot", function () { enhance(gd); });
    new MutationObserver(function () { enhance(gd); }).observe(gd, { childList: true, subtree: true });
  }
  function scan() { document.querySelectorAll(".plotly-graph-div").forEach(attach); }
  // Attach as soon as plotly draws a figure (and keep watching for figures drawn later).
  new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan); else scan();
})();
