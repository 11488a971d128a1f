/* A waiting page (a booth waiting for its next voter, an export being written)
   loads itself again every data-seconds seconds, so the next step appears without
   a tap. A script rather than <meta http-equiv="refresh">: assistive technology is
   not interrupted by a refresh it cannot stop (WCAG 2.2.1), and the page stays as it
   is while someone is typing in it. */
(function () {
  "use strict";
  var script = document.currentScript;
  var seconds = Number(script && script.dataset.seconds) || 10;
  window.setTimeout(function again() {
    var active = document.activeElement;
    if (active && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName) && active.value) {
      window.setTimeout(again, seconds * 1000);  // not while something is being typed
      return;
    }
    window.location.reload();
  }, seconds * 1000);
})();
