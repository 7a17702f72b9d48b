// The learning-target checks as a teacher types: after a pause, the target goes to the
// toolkit's API and the checks that fail appear under the field (a polite live region, so a
// screen reader hears them without losing its place). Without this script the same checks
// show on the page after saving.
(function () {
    "use strict";
    var groups = document.querySelector("[data-check-url]");
    var url = groups ? groups.getAttribute("data-check-url") : null;

    function render(region, answer) {
        region.textContent = "";
        if (!answer) { return; }
        if (answer.error) {
            region.textContent = answer.error;
            return;
        }
        if (answer.ok) {
            var ok = document.createElement("p");
            ok.className = "checks checks--ok";
            ok.textContent = "✓ All six checks pass.";
            region.appendChild(ok);
            return;
        }
        var list = document.createElement("ul");
        list.className = "checks";
        answer.checks.forEach(function (check) {
            if (check.ok) { return; }
            var item = document.createElement("li");
            item.className = "check check--fail";
            var name = document.createElement("strong");
            name.textContent = check.label + ": ";
            item.appendChild(name);
            item.appendChild(document.createTextNode(check.why + (check.fix ? " " + check.fix : "")));
            list.appendChild(item);
        });
        region.appendChild(list);
        if (answer.suggestion) {
            var suggestion = document.createElement("p");
            suggestion.className = "check__fix";
            suggestion.textContent = "Try: \u201c" + answer.suggestion + "\u201d";
            region.appendChild(suggestion);
        }
    }

    function watch(input) {
        var region = document.getElementById(input.getAttribute("data-target-check"));
        var token = input.form.querySelector("input[name=csrfmiddlewaretoken]").value;
        var timer = null;
        var asked = 0;
        input.addEventListener("input", function () {
            clearTimeout(timer);
            var text = input.value.trim();
            if (!text) { render(region, null); return; }
            timer = setTimeout(function () {
                var mine = ++asked;
                fetch(url, {
                    method: "POST",
                    credentials: "same-origin",
                    headers: { "Content-Type": "application/json", "X-CSRFToken": token },
                    body: JSON.stringify({
                        text: text,
                        course: groups.getAttribute("data-course") || "",
                        grade_band: groups.getAttribute("data-grade-band") || ""
                    })
                }).then(function (response) { return response.json(); })
                  .then(function (answer) { if (mine === asked) { render(region, answer); } })
                  .catch(function () { /* the checks show after saving */ });
            }, 400);
        });
    }

    if (url) { Array.prototype.forEach.call(document.querySelectorAll("[data-target-check]"), watch); }
    Array.prototype.forEach.call(document.querySelectorAll("form[data-confirm]"), function (form) {
        form.addEventListener("submit", function (event) {
            if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
        });
    });
}());
