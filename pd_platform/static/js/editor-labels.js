// The Wagtail page editor's rich-text fields (Draftail) have a visible label, but the editable
// area is not tied to it, so a screen reader announces an unnamed text box. Tie each editable
// area to its field's label (the label points at the field's hidden input), now and for every
// block an editor adds later.
(function () {
    "use strict";

    function labelFor(editable) {
        var field = editable.closest("[data-field-input], .w-field__input, .Draftail-Editor");
        var wrapper = editable.closest(".w-field__input") || (field && field.parentElement);
        var input = wrapper && wrapper.querySelector("input[type=hidden][id]");
        var label = input && document.querySelector('label[for="' + input.id + '"]');
        if (label) { return label; }
        // Inside a block (an answer, a section's text) the field's label points at nothing: take its own field's.
        var own = editable.closest("[data-field-wrapper]");
        return own && own.parentElement && own.parentElement.querySelector(":scope > .w-field__label");
    }

    var count = 0;

    function name(root) {
        root.querySelectorAll(".public-DraftEditor-content").forEach(function (editable) {
            if (editable.hasAttribute("aria-labelledby") || editable.hasAttribute("aria-label")) { return; }
            var label = labelFor(editable);
            if (label) {
                if (!label.id) { label.id = (label.htmlFor || "rich-text-" + (++count)) + "-label"; }
                editable.setAttribute("aria-labelledby", label.id);
            } else {
                var block = editable.closest("[data-streamfield-child], section");
                var heading = block && block.querySelector("h2, h3, [data-panel-heading-text], .w-panel__heading");
                editable.setAttribute("aria-label", heading ? heading.textContent.replace(/\s+/g, " ").trim() : "Rich text");
            }
        });
    }

    function start() {
        name(document);
        new MutationObserver(function (changes) {
            changes.forEach(function (change) {
                change.addedNodes.forEach(function (node) {
                    if (node.nodeType === 1) { name(node.parentElement || node); }
                });
            });
        }).observe(document.body, { childList: true, subtree: true });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
