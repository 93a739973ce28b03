/* Site behaviour every page needs (issue 19), in two independent blocks:
 * 1. The ☰ (site navigation) and page-contents sidebars, finished for phones and keyboards.
 *    pydata-sphinx-theme opens each sidebar as a modal <dialog> on narrow screens (and closes it on Escape or a tap
 *    outside). This adds what it lacks: a visible Close button for touch screens, focus returned to the toggle that
 *    opened the dialog (the book theme blurs the toggle on click, so the theme would return focus to <body>),
 *    aria-expanded on the toggles, and closing when a link in it is chosen. See
 *    sphinx_ext.keep_theme_header_empty for why the toggles work at all.
 * 2. Data tables wider than the screen scroll sideways; a keyboard can scroll them only if they take focus.
 * 3. The theme's bootstrap.js (24 KB gzip), loaded only once a reader reaches for a header menu or tooltip. */
(function () {
  "use strict";
  var SIDEBARS = [
    { toggle: ".bd-header-article .primary-toggle", dialog: "pst-primary-sidebar-modal",
      sidebar: "pst-primary-sidebar", close: "Close site navigation" },
    { toggle: ".bd-header-article .secondary-toggle", dialog: "pst-secondary-sidebar-modal",
      sidebar: "pst-secondary-sidebar", close: "Close page contents" },
  ];

  function expanded(spec) {
    var dialog = document.getElementById(spec.dialog);
    var sidebar = document.getElementById(spec.sidebar);
    if (dialog && dialog.open) return true;
    if (!sidebar) return false;
    // On a phone a sidebar is shown only as the dialog. On wide screens (sphinx-book-theme's 992 px) the primary
    // toggle hides the sidebar in place.
    if (!window.matchMedia("(min-width: 992px)").matches) return false;
    return !sidebar.classList.contains("pst-sidebar-hidden") && getComputedStyle(sidebar).display !== "none";
  }

  function sync(spec) {
    document.querySelectorAll(spec.toggle).forEach(function (button) {
      button.setAttribute("aria-expanded", expanded(spec) ? "true" : "false");
    });
  }

  function closeButton(spec, dialog) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "course-sidebar-close";
    button.setAttribute("aria-label", spec.close);
    button.innerHTML = '<span aria-hidden="true">\u00d7</span> Close';
    button.addEventListener("click", function () { dialog.close(); });
    return button;
  }

  function setUp(spec) {
    var dialog = document.getElementById(spec.dialog);
    var opener = null, close = null;
    if (!dialog) return;
    // Capture phase on the document: runs before the themes' own handlers (one of which blurs the toggle and
    // one of which stops the click from bubbling), while the dialog is still empty.
    document.addEventListener("click", function (event) {
      var toggle = event.target.closest && event.target.closest(spec.toggle);
      if (!toggle) return;
      opener = toggle;
      if (!close) close = closeButton(spec, dialog);
      dialog.insertBefore(close, dialog.firstChild);  // first, so showModal() focuses it
      var byKeyboard = event.detail === 0;  // Enter or Space on the button, not a pointer
      setTimeout(function () {
        if (!dialog.open) {  // wide screen: the sidebar was hidden or shown in place, no dialog
          if (close.parentNode) close.parentNode.removeChild(close);
        }
        sync(spec);
        if (!dialog.open && byKeyboard) toggle.focus();  // the book theme blurred it: keep the keyboard user's place
      }, 0);
    }, true);
    // A link chosen in the dialog (a section of this page, or another page) closes it: otherwise the page scrolls
    // behind a menu that still covers it. Focus then follows the link, not the toggle.
    var followingLink = false;
    dialog.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href]");
      if (!link || !dialog.open) return;
      followingLink = true;
      dialog.close();
    });
    dialog.addEventListener("close", function () {
      if (close && close.parentNode) close.parentNode.removeChild(close);
      var refocus = !followingLink;
      followingLink = false;
      setTimeout(function () {  // after the theme has moved the sidebar back and focused <body>
        sync(spec);
        if (refocus && opener && document.contains(opener)) opener.focus();
      }, 0);
    });
    // aria-expanded follows the dialog opening and closing and, on wide screens, the sidebar hiding in place.
    var sidebar = document.getElementById(spec.sidebar);
    var observer = new MutationObserver(function () { sync(spec); });
    observer.observe(dialog, { attributes: true, attributeFilter: ["open"] });
    if (sidebar) observer.observe(sidebar, { attributes: true, attributeFilter: ["class"] });
    sync(spec);
  }

  function init() { SIDEBARS.forEach(setUp); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();

(function () {
  "use strict";
  /* Block 2: a data table that scrolls sideways becomes a named, focusable region (axe: scrollable-region-focusable). */
  function markScrollableTables() {
    document.querySelectorAll(".course-table-wrap").forEach(function (wrap) {
      if (wrap.hasAttribute("tabindex") || wrap.scrollWidth <= wrap.clientWidth + 1) return;
      var caption = wrap.querySelector("caption");
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "Table, scrolls sideways" + (caption ? ": " + caption.textContent.trim() : ""));
    });
  }
  // Tables sit in closed <details> ("Data table and source") until opened; "toggle" does not bubble: capture it.
  document.addEventListener("toggle", markScrollableTables, true);
  window.addEventListener("resize", markScrollableTables);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", markScrollableTables);
  else markScrollableTables();
})();

(function () {
  "use strict";
  /* Block 3: the page carries bootstrap.js as an inert tag (templates/layout.html). Pointing at or focusing a header
   * control loads it (its tooltips and menus then work as the theme made them); a menu button pressed before it has
   * arrived opens its menu once it has. (Its third task, "Back to top", is switched off by sphinx-book-theme.) */
  var tag = document.querySelector('script[type="text/x-course-on-demand"][data-src]');
  var loading = null;
  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = tag.getAttribute("data-src");
        script.onload = resolve;
        script.onerror = reject;
        document.body.appendChild(script);
      });
    }
    return loading;
  }
  function control(event) {
    return event.target && event.target.closest ? event.target.closest("[data-bs-toggle]") : null;
  }
  if (!tag) return;
  ["pointerover", "focusin", "touchstart"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var el = control(event);
      if (!el || window.bootstrap) return;
      load().then(function () {  // the pointer or focus that asked for the tooltip is still there: show it now
        var tip = window.bootstrap.Tooltip.getInstance(el);
        if (tip && (el.matches(":hover") || el === document.activeElement)) tip.show();
      });
    }, { passive: true });
  });
  document.addEventListener("click", function (event) {
    var toggle = control(event);
    if (!toggle || toggle.getAttribute("data-bs-toggle") !== "dropdown" || window.bootstrap) return;
    event.preventDefault();
    load().then(function () { window.bootstrap.Dropdown.getOrCreateInstance(toggle).show(); });
  }, true);
})();
