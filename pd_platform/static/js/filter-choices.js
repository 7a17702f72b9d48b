// A search box above a long list of checkboxes (the cohort form's facilitators): typing hides the
// choices whose label does not contain the words typed; the ticked ones always stay in sight.
(function () {
    "use strict";

    function attach(list, label) {
        var id = list.id + "-search";
        var box = document.createElement("div");
        box.className = "filter-choices";
        box.innerHTML = '<label for="' + id + '"></label> <input type="search" id="' + id + '" autocomplete="off">' +
            '<p class="help" aria-live="polite"></p>';
        box.querySelector("label").textContent = label;
        list.parentNode.insertBefore(box, list);
        var input = box.querySelector("input");
        var status = box.querySelector("p");
        input.addEventListener("input", function () {
            var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
            var shown = 0;
            list.querySelectorAll("input[type=checkbox]").forEach(function (checkbox) {
                var choice = checkbox.closest("div") || checkbox.parentNode;
                var text = (checkbox.closest("label") || choice).textContent.toLowerCase();
                var match = checkbox.checked || words.every(function (word) { return text.indexOf(word) !== -1; });
                choice.hidden = !match;
                if (match) { shown += 1; }
            });
            status.textContent = words.length ? shown + " shown" : "";
        });
    }

    function start() {
        document.querySelectorAll("input[type=checkbox][data-filter-choices]").forEach(function (checkbox) {
            var list = checkbox.closest("[id]:not(input)");
            if (list && !list.dataset.filtered) {
                list.dataset.filtered = "1";
                attach(list, checkbox.dataset.filterChoices);
            }
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
