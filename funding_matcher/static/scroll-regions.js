// A table wider than a narrow screen scrolls inside itself; keyboard users reach it (and can
// scroll it with the arrow keys) because it then takes the focus.
(function () {
  "use strict";
  function mark() {
    var tables = document.querySelectorAll("main table");
    for (var i = 0; i < tables.length; i += 1) {
      var table = tables[i];
      if (table.scrollWidth > table.clientWidth + 1) {
        table.setAttribute("tabindex", "0");
      } else if (table.getAttribute("tabindex") === "0") {
        table.removeAttribute("tabindex");
      }
    }
  }
  mark();
  window.addEventListener("resize", mark);
}());
