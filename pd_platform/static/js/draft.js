// Saves what a participant types as a draft, a moment after they stop typing, so a reload
// or a lost connection loses nothing. The form works without it.
(function () {
  var form = document.querySelector("form[data-draft-url]");
  if (!form) return;
  var field = form.querySelector("textarea[name=source]");
  var status = form.querySelector(".draft-status");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var timer = null;
  var lastSaved = field.value;

  function save() {
    if (field.value === lastSaved) return;
    var body = new URLSearchParams();
    body.append("source", field.value);
    var text = field.value;
    fetch(form.dataset.draftUrl, {
      method: "POST",
      headers: { "X-CSRFToken": token },
      body: body,
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        lastSaved = text;
        status.textContent = "Draft saved " + data.saved_at + ".";
      })
      .catch(function () {
        status.textContent = "Could not save the draft just now; your text is still here.";
      });
  }

  field.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(save, 1500);
  });
  field.addEventListener("blur", save);
})();
