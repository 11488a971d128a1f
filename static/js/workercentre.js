/* Worker Centre: four small enhancements. Every page works without them. */
(function () {
  "use strict";

  // After a failed submit the error summary takes focus, so it is read first,
  // and the title says there is an error.
  var summary = document.querySelector(".error-summary");
  if (summary) {
    document.title = summary.getAttribute("data-title-prefix") + " " + document.title;
    summary.focus();
  }

  // The centre's menu: a disclosure on phones, always open on wider screens.
  var menu = document.querySelector("details.centre-menu");
  var wide = window.matchMedia("(min-width: " + (menu ? menu.dataset.openFrom : "40rem") + ")");
  function placeMenu() {
    if (menu) menu.open = wide.matches;
  }
  placeMenu();
  wide.addEventListener("change", placeMenu);

  // A table wider than its frame scrolls inside it: the frame becomes a labelled
  // region that keyboard users can reach and scroll (WCAG 2.1.1), named after the
  // table's caption or the heading before it.
  var count = 0;
  function nameOf(wrap) {
    var table = wrap.querySelector("table");
    var source = table && table.caption;
    var node = wrap;
    while (!source && node) {
      node = node.previousElementSibling || node.parentElement;
      if (node && /^H[1-6]$/.test(node.tagName)) source = node;
      if (node && node.tagName === "MAIN") break;
    }
    source = source || document.querySelector("main h1");
    if (!source) return;
    if (!source.id) source.id = "table-label-" + ++count;
    wrap.setAttribute("aria-labelledby", source.id);
  }
  function regions() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("role", "region");
        wrap.tabIndex = 0;
        if (!wrap.hasAttribute("aria-labelledby")) nameOf(wrap);
      } else {
        wrap.removeAttribute("role");
        wrap.removeAttribute("tabindex");
      }
    });
  }
  regions();
  window.addEventListener("resize", regions);
  document.addEventListener("toggle", regions, true);

  // A print button (the content security policy allows no inline handlers).
  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
