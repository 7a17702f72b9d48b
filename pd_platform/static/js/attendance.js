// "Mark everyone present" on a session's attendance page: with this script it fills every row not
// recorded yet, without saving, so the exceptions can be changed before the one save. Without the
// script the button stays hidden and each row is chosen on its own.
(function () {
  "use strict";
  var form = document.querySelector("[data-attendance-form]");
  if (!form) return;
  var button = form.querySelector("[data-mark-everyone]");
  var status = form.querySelector("[data-mark-status]");
  button.hidden = false;
  button.addEventListener("click", function () {
    var marked = 0;
    form.querySelectorAll("select[data-status]").forEach(function (select) {
      if (!select.value) {
        select.value = "present";
        marked += 1;
      }
    });
    status.textContent = marked
      ? marked + " more marked present (not saved yet): change anyone who was absent or left early, then save."
      : "Everyone already has a record: change anyone who was absent or left early, then save.";
  });
})();
