// Marks a material done when opening it is unambiguous: a handout downloaded, a reading
// opened, a video watched to the end. Without this script the "Mark done" button does it.
(function () {
    "use strict";
    var status = document.getElementById("materials-done");

    function post(form, how) {
        var data = new FormData(form);
        data.set("how", how);
        return fetch(form.action, {
            method: "POST",
            body: data,
            credentials: "same-origin",
            keepalive: true,
            headers: { Accept: "application/json" },
        }).then(function (response) {
            if (!response.ok) { return; }
            var item = form.closest(".material");
            item.classList.add("material--done");
            var button = form.querySelector("button");
            button.disabled = true;
            button.textContent = "Done";
            if (status) {
                var done = document.querySelectorAll(".material--done").length;
                var total = status.getAttribute("data-total");
                status.textContent = "You have done " + done + " of " + total + " materials.";
            }
        });
    }

    document.querySelectorAll(".material").forEach(function (item) {
        var form = item.querySelector("form[data-mark-block]");
        if (!form) { return; }
        item.querySelectorAll("[data-opens-material]").forEach(function (link) {
            link.addEventListener("click", function () { post(form, "opened"); });
        });
        item.querySelectorAll("video[data-watch-material]").forEach(function (video) {
            video.addEventListener("ended", function () { post(form, "watched"); }, { once: true });
        });
    });
})();
