// A review page's keyboard shortcuts: [ or k for the previous submission in the queue, ] or j for
// the next. They follow the links the page shows, and never fire while the facilitator types.
(function () {
  "use strict";
  var keys = { "[": "previous", k: "previous", "]": "next", j: "next" };

  function typing(target) {
    if (!target || !target.closest) return false;
    return Boolean(
      target.isContentEditable ||
        target.closest("input, textarea, select, [contenteditable]:not([contenteditable='false']), [role='textbox']")
    );
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    var which = keys[event.key];
    if (!which || typing(event.target)) return;
    var link = document.querySelector('a[data-shortcut="' + which + '"]');
    if (!link) return;
    event.preventDefault();
    link.click();
  });
})();
