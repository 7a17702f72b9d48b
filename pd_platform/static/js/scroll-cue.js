// A wide table's scroll cue ("Scroll the table sideways ...") shows only while its region is wider
// than the screen: <p data-scroll-cue="region-id">. Without this script the cue always shows.
(function () {
  "use strict";
  document.querySelectorAll("[data-scroll-cue]").forEach(function (cue) {
    var region = document.getElementById(cue.getAttribute("data-scroll-cue"));
    if (!region) return;
    function update() {
      cue.hidden = region.scrollWidth <= region.clientWidth + 1;
    }
    update();
    window.addEventListener("resize", update);
  });
})();
