// Wagtail's rich-text fields (Draftail) write what was typed into the form a quarter of a second after the
// last change, and leaving the field (clicking a button) counts as a change. An editor who types and saves at once (Ctrl+S, or a quick click on Save draft or Publish)
// would send the page without the last words, and be told it was saved. When a rich-text field changed a
// moment ago, the save waits for that write, then goes on with the same button.
(function () {
    "use strict";

    var DRAFTAIL_WRITES_AFTER = 250; // ms, Draftail's stateSaveInterval
    var lastTyped = 0;
    var waited = new WeakSet();

    function typedInRichText(event) {
        if (event.target && event.target.closest && event.target.closest(".Draftail-Editor")) {
            lastTyped = Date.now();
        }
    }
    ["keydown", "beforeinput", "paste", "cut", "drop", "focusout"].forEach(function (kind) {
        document.addEventListener(kind, typedInRichText, true);
    });

    function waitFor() {
        return lastTyped + DRAFTAIL_WRITES_AFTER + 50 - Date.now();
    }

    // A save button (Save draft, Publish, and Ctrl+S, which clicks Save draft): Wagtail may save by a request of
    // its own rather than a form submission, so the click itself waits.
    var passing = new WeakSet();
    window.addEventListener("click", function (event) {
        var button = event.target && event.target.closest && event.target.closest("button[type=submit], input[type=submit]");
        if (!button || !button.form) { return; }
        if (passing.has(button)) { passing.delete(button); return; }
        var wait = waitFor();
        if (wait <= 0) { return; }
        event.preventDefault();
        event.stopImmediatePropagation();
        setTimeout(function () {
            passing.add(button);
            button.click();
        }, wait);
    }, true);

    // Any other way of sending the form (Enter in a field).
    window.addEventListener("submit", function (event) {
        var form = event.target;
        if (waited.has(form)) { waited.delete(form); return; }
        var wait = waitFor();
        if (wait <= 0) { return; }
        event.preventDefault();
        event.stopImmediatePropagation();
        var submitter = event.submitter;
        setTimeout(function () {
            waited.add(form);
            form.requestSubmit(submitter && !submitter.disabled ? submitter : null);
        }, wait);
    }, true);
})();
