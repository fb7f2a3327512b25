// Material wraps Markdown tables in a scroll container that cannot be reached by keyboard
// (axe: scrollable-region-focusable). Give each one focus and a name from its caption.
(function () {
  "use strict";
  function labelScrollRegions() {
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])");
    wraps.forEach(function (wrap, index) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      var caption = wrap.querySelector("caption");
      if (caption) {
        caption.id = caption.id || "podium-table-caption-" + index;
        wrap.setAttribute("aria-labelledby", caption.id);
      } else {
        wrap.setAttribute("aria-label", document.documentElement.lang === "nl" ? "Tabel" : "Table");
      }
    });
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(labelScrollRegions);
  } else {
    document.addEventListener("DOMContentLoaded", labelScrollRegions);
  }
})();
