/* When-to-get-help card: filter the warning signs by level, and print the card on its own.
   Without this script the card is a complete table (and the filter buttons stay hidden). */
(function () {
  "use strict";
  function setUp(card) {
    var filters = card.querySelector(".help-filters");
    var status = card.querySelector(".help-status");
    var rows = Array.prototype.slice.call(card.querySelectorAll("tbody tr[data-level]"));
    var buttons = Array.prototype.slice.call(card.querySelectorAll("button.help-filter"));
    if (!filters || !rows.length) { return; }
    filters.hidden = false;
    function show(level, announce) {
      var shown = 0;
      rows.forEach(function (row) {
        var visible = level === "all" || row.getAttribute("data-level") === level;
        row.hidden = !visible;
        if (visible) { shown += 1; }
      });
      buttons.forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.getAttribute("data-level") === level));
      });
      card.setAttribute("data-showing", level);
      if (announce && status) {
        status.textContent = "Showing " + shown + " of " + rows.length + " warning signs.";
      }
    }
    buttons.forEach(function (button) {
      button.addEventListener("click", function () { show(button.getAttribute("data-level"), true); });
    });
    var print = card.querySelector("button.help-print");
    if (print) {
      print.addEventListener("click", function () {
        document.body.classList.add("print-help-card");
        card.classList.add("help-card-printing");
        window.print();
      });
    }
    window.addEventListener("afterprint", function () {
      document.body.classList.remove("print-help-card");
      card.classList.remove("help-card-printing");
    });
    show("all", false);
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-help-card]"), setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
